import { gunzipSync, gzipSync } from 'node:zlib';
import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll } from '../../../shared/storage/query-all.js';

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
