import { gunzipSync, gzipSync } from 'node:zlib';
import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Page, type PageRequest, queryPage } from '../../../shared/storage/query-page.js';

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

/** The client's checks of one project, newest first, one page at a time. */
export async function checksOfProject(
  db: DynamoDBClient,
  table: string,
  project: { clientId: string; projectId: string },
  page: PageRequest,
): Promise<Page<CheckIndexEntry>> {
  const { items, nextCursor } = await queryPage(
    db,
    { table, pk: projectPartition(project.clientId, project.projectId), skPrefix: 'CHECK#', newestFirst: true },
    page,
  );
  return {
    items: items.map((item) => {
      const { checkId, projectId, asOf, checkedAt, summary } = item as unknown as CheckIndexEntry;
      return { checkId, projectId, asOf, checkedAt, summary };
    }),
    ...(nextCursor ? { nextCursor } : {}),
  };
}
