import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { invalid } from '../domain-errors.js';

/** One page of a list and the opaque cursor of the next, if any items follow. */
export interface Page<Item> {
  items: Item[];
  nextCursor?: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** Items of one partition whose sort key starts with a prefix: the shape of every list in the table. */
export interface ListQuery {
  table: string;
  pk: string;
  skPrefix: string;
  newestFirst?: boolean;
}

interface TableKey {
  pk: string;
  sk: string;
}

const encodeCursor = (key: TableKey) => Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * A cursor is the key of the last item served. It is only trusted as a starting point inside
 * the list it came from (the same partition and prefix): a cursor from another list or client
 * would make DynamoDB refuse the query, or start another client's list, so it is a 400.
 */
function decodeCursor(cursor: string, list: ListQuery): TableKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const { pk, sk, ...rest } = (typeof key === 'object' && key !== null ? key : {}) as Record<string, unknown>;
  if (pk !== list.pk || typeof sk !== 'string' || !sk.startsWith(list.skPrefix) || Object.keys(rest).length > 0) {
    throw invalid([{ path: 'query.cursor', message: 'is not a cursor of this list' }], 'The cursor is not valid here.');
  }
  return { pk, sk };
}

/**
 * Reads one page of a list. One item more than asked is read, so `nextCursor` is normally given
 * only when another item really follows (no empty last page).
 */
export async function queryPage(
  db: DynamoDBClient,
  list: ListQuery,
  page: PageRequest,
): Promise<Page<Record<string, unknown>>> {
  const start = page.cursor === undefined ? undefined : decodeCursor(page.cursor, list);
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: list.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: marshall({ ':pk': list.pk, ':prefix': list.skPrefix }),
      ScanIndexForward: !list.newestFirst,
      Limit: page.limit + 1,
      ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
    }),
  );
  const items = Items.slice(0, page.limit).map((item) => unmarshall(item));
  const last = items.at(-1);
  // A read cut short by DynamoDB's 1 MB page limit may also have more to come.
  const more = Items.length > page.limit || LastEvaluatedKey !== undefined;
  return more && last ? { items, nextCursor: encodeCursor({ pk: String(last.pk), sk: String(last.sk) }) } : { items };
}
