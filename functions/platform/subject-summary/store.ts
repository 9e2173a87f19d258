import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CreditCategory } from '../../../shared/credit.js';
import { batchGetAll } from '../../../shared/storage/batch-get.js';
import { feedKey } from '../credit-records/store.js';
import { type SubjectSummary, subjectSummaryKey } from './summary.js';

export interface CreditData {
  /** Each subject's summary; a subject with no record ever has none. */
  summaries: Map<string, SubjectSummary>;
  /** When each asked-for category was last fed to the platform. */
  lastFed: Partial<Record<CreditCategory, string>>;
}

export interface CreditDataRequest {
  usccs: readonly string[];
  categories?: readonly CreditCategory[];
}

/** The items a credit-data read needs, for a caller that batches them with reads of its own. */
export const creditDataKeys = (request: CreditDataRequest) => [
  ...request.usccs.map(subjectSummaryKey),
  ...(request.categories ?? []).map(feedKey),
];

/** The credit data in items read by their `pk|sk` (as `batchGetAll` returns them). */
export function creditDataFrom(
  items: ReadonlyMap<string, Record<string, unknown>>,
  request: CreditDataRequest,
): CreditData {
  const itemOf = (key: { pk: string; sk: string }) => items.get(`${key.pk}|${key.sk}`);
  const summaries = new Map<string, SubjectSummary>();
  for (const uscc of request.usccs) {
    const item = itemOf(subjectSummaryKey(uscc));
    if (item) summaries.set(uscc, summaryOf(item));
  }
  const lastFed: CreditData['lastFed'] = {};
  for (const category of request.categories ?? []) {
    const fedAt = itemOf(feedKey(category))?.lastFedAt;
    if (typeof fedAt === 'string') lastFed[category] = fedAt;
  }
  return { summaries, lastFed };
}

/**
 * What other scenarios read of the platform's data: subjects' summaries (kept current from the
 * record events) and the categories' feed freshness, in BatchGetItem calls of 100 keys.
 */
export async function readCreditData(
  db: DynamoDBClient,
  table: string,
  request: CreditDataRequest,
): Promise<CreditData> {
  return creditDataFrom(await batchGetAll<Record<string, unknown>>(db, table, creditDataKeys(request)), request);
}

/** The stored item without its keys: readers never see the table layout. */
function summaryOf(item: Record<string, unknown>): SubjectSummary {
  const { pk: _pk, sk: _sk, kind: _kind, ...summary } = item;
  return summary as unknown as SubjectSummary;
}

/** The subject's summary as last written, read consistently (the rebuild starts from it). */
export async function readSummary(db: DynamoDBClient, table: string, uscc: string) {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(subjectSummaryKey(uscc)), ConsistentRead: true }),
  );
  return Item ? summaryOf(unmarshall(Item)) : undefined;
}

/**
 * Writes a rebuilt summary only over the version it was rebuilt from, so two rebuilds racing
 * each other cannot leave the older one in place: the loser fails and is retried from the start.
 */
export function summaryWrite(table: string, summary: SubjectSummary): TransactWriteItem {
  const first = summary.version === 1;
  return {
    Put: {
      TableName: table,
      Item: marshall(
        { ...subjectSummaryKey(summary.uscc), kind: 'subject-summary', ...summary },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :previous',
      ...(first ? {} : { ExpressionAttributeValues: marshall({ ':previous': summary.version - 1 }) }),
    },
  };
}
