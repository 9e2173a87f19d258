import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** BatchGetItem's limit of keys per call. */
const KEYS_PER_CALL = 100;
const MAX_ATTEMPTS = 8;

export interface ItemKey {
  pk: string;
  sk: string;
}

/**
 * Reads many items by key at 100 keys a call, retrying whatever DynamoDB leaves unprocessed
 * with backoff; returns the items found keyed by `pk|sk`.
 */
export async function batchGetAll<T>(
  db: DynamoDBClient,
  table: string,
  keys: ItemKey[],
  options: { consistentRead?: boolean } = {},
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const unique = [...new Map(keys.map((key) => [`${key.pk}|${key.sk}`, key])).values()];
  for (let start = 0; start < unique.length; start += KEYS_PER_CALL) {
    let pending = unique.slice(start, start + KEYS_PER_CALL).map((key) => marshall(key));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      const output = await db.send(
        new BatchGetItemCommand({
          RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistentRead ?? false } },
        }),
      );
      for (const item of output.Responses?.[table] ?? []) {
        const value = unmarshall(item) as ItemKey & T;
        found.set(`${value.pk}|${value.sk}`, value);
      }
      pending = output.UnprocessedKeys?.[table]?.Keys ?? [];
      if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
  return found;
}
