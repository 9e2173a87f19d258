import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll } from '../../../shared/storage/query-all.js';
import { type Page, type PageRequest, queryPage } from '../../../shared/storage/query-page.js';
import { type Alert, alertExpiry, type Watch, type WatchEntry, watchExpiry } from './watch.js';

/** A project's watch and its alerts share the client's project partition. */
const projectPartition = (clientId: string, projectId: string) => `WATCH#${clientId}#${projectId}`;
const watchKey = (clientId: string, projectId: string) => ({ pk: projectPartition(clientId, projectId), sk: 'WATCH' });
/**
 * One entry per (supplier, project) under the supplier: a credit change of one supplier reads
 * that supplier's entries only, however many other suppliers are watched.
 */
const entryKey = (entry: Pick<WatchEntry, 'uscc' | 'clientId' | 'projectId'>) => ({
  pk: `WATCHED#${entry.uscc}`,
  sk: `WATCH#${entry.clientId}#${entry.projectId}`,
});

const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, kind: _kind, ttl: _ttl, ...rest } = item;
  return rest as T;
};

export async function readWatch(
  db: DynamoDBClient,
  table: string,
  clientId: string,
  projectId: string,
): Promise<Watch | undefined> {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(watchKey(clientId, projectId)), ConsistentRead: true }),
  );
  return Item ? withoutKeys<Watch>(unmarshall(Item)) : undefined;
}

/** The watch item itself; DynamoDB drops it (TTL) once `until` has passed. */
export function watchWrite(table: string, watch: Watch): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall({
        ...watchKey(watch.clientId, watch.projectId),
        kind: 'procurement-watch',
        ...watch,
        ttl: watchExpiry(watch.until),
      }),
    },
  };
}

const entryItem = (entry: WatchEntry) =>
  marshall(
    { ...entryKey(entry), kind: 'procurement-watch-entry', ...entry, ttl: watchExpiry(entry.until) },
    { removeUndefinedValues: true },
  );

/**
 * A supplier's entry as a new or replaced watch sets it. It never goes back behind a verdict the
 * subscriber already judged from a newer summary: such a write fails and the PUT is retried.
 */
export function entryStartWrite(table: string, entry: WatchEntry): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: entryItem(entry),
      ConditionExpression: 'attribute_not_exists(pk) OR summaryVersion <= :version',
      ExpressionAttributeValues: marshall({ ':version': entry.summaryVersion }),
    },
  };
}

/** The entry with its new verdict, only over the version it was judged against (conditional write). */
export function entryChangeWrite(table: string, entry: WatchEntry, previousSummaryVersion: number): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: entryItem(entry),
      ConditionExpression: 'summaryVersion = :previous AND #until = :until',
      ExpressionAttributeNames: { '#until': 'until' },
      ExpressionAttributeValues: marshall({ ':previous': previousSummaryVersion, ':until': entry.until }),
    },
  };
}

export function entryDelete(table: string, entry: Pick<WatchEntry, 'uscc' | 'clientId' | 'projectId'>) {
  return { Delete: { TableName: table, Key: marshall(entryKey(entry)) } } satisfies TransactWriteItem;
}

export function watchDelete(table: string, clientId: string, projectId: string): TransactWriteItem {
  return { Delete: { TableName: table, Key: marshall(watchKey(clientId, projectId)) } };
}

/** Every watch entry of one supplier (consistent: the subscriber compares with what it read). */
export async function entriesOfSupplier(db: DynamoDBClient, table: string, uscc: string): Promise<WatchEntry[]> {
  const items = await queryAll(db, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': `WATCHED#${uscc}` }),
    ConsistentRead: true,
  });
  return items.map((item) => withoutKeys<WatchEntry>(item));
}

export function alertWrite(table: string, clientId: string, alert: Alert, until: string): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall(
        {
          pk: projectPartition(clientId, alert.projectId),
          sk: `ALERT#${alert.alertId}`,
          kind: 'procurement-watch-alert',
          ...alert,
          ttl: alertExpiry(until),
        },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The client's alerts of one project, newest first, one page at a time. */
export async function alertsOfProject(
  db: DynamoDBClient,
  table: string,
  project: { clientId: string; projectId: string },
  page: PageRequest,
): Promise<Page<Alert>> {
  const { items, nextCursor } = await queryPage(
    db,
    { table, pk: projectPartition(project.clientId, project.projectId), skPrefix: 'ALERT#', newestFirst: true },
    page,
  );
  return { items: items.map((item) => withoutKeys<Alert>(item)), ...(nextCursor ? { nextCursor } : {}) };
}
