import { gunzipSync, gzipSync } from 'node:zlib';
import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CreditCategory } from '../../../shared/credit.js';
import { batchGetAll } from '../../../shared/storage/batch-get.js';
import { queryAll } from '../../../shared/storage/query-all.js';
import { feedKey } from '../../platform/credit-records/store.js';
import { type SubjectSummary, subjectSummaryKey } from '../../platform/subject-summary/summary.js';

/** The categories whose freshness a check reports: the ones its rules read. */
export const judgedCategories: CreditCategory[] = [
  'dishonest-judgment-debtor',
  'major-tax-violation',
  'procurement-serious-violation',
  'administrative-penalty',
];

export interface SupplierData {
  summaries: Map<string, SubjectSummary>;
  lastFed: Partial<Record<CreditCategory, string>>;
}

/**
 * Everything a check needs in BatchGetItem calls of 100 keys: each supplier's summary item
 * (maintained from the record events) and when each judged category was last fed.
 */
export async function readSupplierData(db: DynamoDBClient, table: string, usccs: string[]): Promise<SupplierData> {
  const keys = [...usccs.map(subjectSummaryKey), ...judgedCategories.map(feedKey)];
  const items = await batchGetAll<Record<string, unknown>>(db, table, keys);
  const summaries = new Map<string, SubjectSummary>();
  const lastFed: SupplierData['lastFed'] = {};
  for (const uscc of usccs) {
    const key = subjectSummaryKey(uscc);
    const item = items.get(`${key.pk}|${key.sk}`);
    if (item) summaries.set(uscc, item as unknown as SubjectSummary);
  }
  for (const category of judgedCategories) {
    const key = feedKey(category);
    const fedAt = items.get(`${key.pk}|${key.sk}`)?.lastFedAt;
    if (typeof fedAt === 'string') lastFed[category] = fedAt;
  }
  return { summaries, lastFed };
}

const checkKey = (checkId: string) => ({ pk: `CHECK#${checkId}`, sk: 'CHECK' });
const projectPartition = (clientId: string, projectId: string) => `PROJ#${clientId}#${projectId}`;

export interface CheckIndexEntry {
  checkId: string;
  projectId: string;
  asOf: string;
  checkedAt: string;
  summary: { eligible: number; ineligible: number; review: number };
}

/**
 * The check is stored once and never changed: a conditional put that fails if the id exists,
 * and no route updates or deletes it. The exact response text is kept (compressed), so reading
 * it back is byte-identical. A small entry under the client's project lists it.
 */
export function storeCheckWrites(
  table: string,
  input: { clientId: string; serialized: string; entry: CheckIndexEntry },
): TransactWriteItem[] {
  const { clientId, serialized, entry } = input;
  return [
    {
      Put: {
        TableName: table,
        Item: marshall({
          ...checkKey(entry.checkId),
          kind: 'procurement-check',
          clientId,
          projectId: entry.projectId,
          checkedAt: entry.checkedAt,
          body: gzipSync(serialized),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: table,
        Item: marshall({
          pk: projectPartition(clientId, entry.projectId),
          sk: `CHECK#${entry.checkedAt}#${entry.checkId}`,
          kind: 'procurement-check-entry',
          ...entry,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

export async function readCheck(db: DynamoDBClient, table: string, checkId: string) {
  const { Item } = await db.send(new GetItemCommand({ TableName: table, Key: marshall(checkKey(checkId)) }));
  if (!Item) return undefined;
  const item = unmarshall(Item) as { clientId: string; body: Uint8Array };
  return { clientId: item.clientId, serialized: gunzipSync(item.body).toString('utf8') };
}

export async function checksOfProject(
  db: DynamoDBClient,
  table: string,
  clientId: string,
  projectId: string,
): Promise<CheckIndexEntry[]> {
  const items = await queryAll(db, {
    TableName: table,
    KeyConditionExpression: 'pk = :project AND begins_with(sk, :checks)',
    ExpressionAttributeValues: marshall({ ':project': projectPartition(clientId, projectId), ':checks': 'CHECK#' }),
    ScanIndexForward: false,
  });
  return items.map((item) => {
    const { checkId, asOf, checkedAt, summary } = item as unknown as CheckIndexEntry;
    return { checkId, projectId, asOf, checkedAt, summary };
  });
}
