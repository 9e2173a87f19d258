import { DeleteItemCommand, type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll } from '../storage/query-all.js';
import type { RegisteredClient } from './client.js';

/** Every client under one index partition, so listing them never scans the table. */
const CLIENTS_INDEX_KEY = 'CLIENTS';

export const clientKey = (clientId: string) => ({ pk: `CLIENT#${clientId}`, sk: 'CLIENT' });

const fromItem = (item: Record<string, unknown>): RegisteredClient => {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, updatedAt: _updatedAt, ...client } = item;
  return client as unknown as RegisteredClient;
};

export async function getClient(
  db: DynamoDBClient,
  table: string,
  clientId: string,
  options: { consistent?: boolean } = {},
): Promise<RegisteredClient | undefined> {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(clientKey(clientId)), ConsistentRead: options.consistent }),
  );
  return Item ? fromItem(unmarshall(Item)) : undefined;
}

/** Registers a client or replaces its registration (the registry is configuration, not an event source). */
export async function putClient(db: DynamoDBClient, table: string, client: RegisteredClient, now = new Date()) {
  await db.send(
    new PutItemCommand({
      TableName: table,
      Item: marshall(
        {
          ...clientKey(client.clientId),
          gsi1pk: CLIENTS_INDEX_KEY,
          gsi1sk: client.clientId,
          ...client,
          updatedAt: now.toISOString(),
        },
        { removeUndefinedValues: true },
      ),
    }),
  );
}

/** True when there was a client to remove. */
export async function deleteClient(db: DynamoDBClient, table: string, clientId: string): Promise<boolean> {
  const { Attributes } = await db.send(
    new DeleteItemCommand({ TableName: table, Key: marshall(clientKey(clientId)), ReturnValues: 'ALL_OLD' }),
  );
  return Attributes !== undefined;
}

export async function listClients(db: DynamoDBClient, table: string): Promise<RegisteredClient[]> {
  const items = await queryAll(db, {
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :clients',
    ExpressionAttributeValues: marshall({ ':clients': CLIENTS_INDEX_KEY }),
  });
  return items.map(fromItem);
}

export interface ClientDirectory {
  find(clientId: string): Promise<RegisteredClient | undefined>;
}

/**
 * Registry lookups cached per function instance: a client is read at most once per `ttlMs`
 * (found or not), so a busy function adds one GetItem per client per minute, not one per
 * request, and a removed client stops working within that time.
 */
export function cachedClientDirectory(
  load: (clientId: string) => Promise<RegisteredClient | undefined>,
  options: { ttlMs: number; now?: () => number },
): ClientDirectory {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { client: Promise<RegisteredClient | undefined>; expiresAt: number }>();
  return {
    find(clientId) {
      const cached = entries.get(clientId);
      if (cached && cached.expiresAt > now()) return cached.client;
      const client = load(clientId);
      entries.set(clientId, { client, expiresAt: now() + options.ttlMs });
      // A failed read is not remembered: the next request tries again.
      client.catch(() => entries.delete(clientId));
      return client;
    },
  };
}
