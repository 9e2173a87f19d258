import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** Items of the limiter live under this prefix; nothing else in the table starts with it. */
export const RATE_LIMIT_PREFIX = 'RATE#';

export interface RateLimit {
  /** What is counted, e.g. `care-lookup-badge#<badge number>`; never a raw address. */
  bucket: string;
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Attempts counted in this window so far, this one included. */
  attempts: number;
  /** Seconds until the current window ends: the Retry-After of a refusal. */
  retryAfterSeconds: number;
}

/**
 * A fixed-window counter in the table, shared by every function instance (and the local runtime,
 * which runs the same code against DynamoDB Local). Each attempt adds one with an atomic update,
 * so concurrent attempts are all counted; the window's item expires by TTL soon after it ends.
 */
export async function countAttempt(
  db: DynamoDBClient,
  table: string,
  rate: RateLimit,
  now: Date,
): Promise<RateDecision> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rate.windowSeconds);
  const { Attributes } = await db.send(
    new UpdateItemCommand({
      TableName: table,
      Key: marshall({ pk: `${RATE_LIMIT_PREFIX}${rate.bucket}`, sk: `WINDOW#${windowStart}` }),
      UpdateExpression: 'ADD attempts :one SET #ttl = if_not_exists(#ttl, :expires)',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: marshall({ ':one': 1, ':expires': windowStart + 2 * rate.windowSeconds }),
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const attempts = Number(unmarshall(Attributes ?? {}).attempts ?? 1);
  return {
    allowed: attempts <= rate.limit,
    attempts,
    retryAfterSeconds: windowStart + rate.windowSeconds - nowSeconds,
  };
}
