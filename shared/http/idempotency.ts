import { gunzipSync, gzipSync } from 'node:zlib';
import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { canonicalJson, sha256Hex } from '../canonical-json.js';
import { HttpProblem } from './problem.js';

/** Idempotency records answer retries for a day, like most payment APIs. */
const RETENTION_SECONDS = 24 * 3600;
const keyPattern = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyClaim {
  pk: string;
  requestHash: string;
}

/**
 * Keys are scoped to the calling client and the route, so two clients choosing the same key
 * never see each other's responses.
 */
export function idempotencyClaim(input: {
  key: string;
  clientId: string;
  routeId: string;
  path: string;
  body: unknown;
}): IdempotencyClaim {
  if (!keyPattern.test(input.key)) {
    throw new HttpProblem(400, 'validation-error', 'The Idempotency-Key header is not valid.', {
      errors: [{ path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  return {
    pk: `IDEM#${sha256Hex(`${input.clientId}\n${input.routeId}\n${input.key}`)}`,
    requestHash: sha256Hex(`${input.path}\n${canonicalJson(input.body)}`),
  };
}

/** The first response for this key, or undefined; a different request under the key is 422. */
export async function findReplay(
  db: DynamoDBClient,
  table: string,
  claim: IdempotencyClaim,
  now: Date,
): Promise<StoredResponse | undefined> {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall({ pk: claim.pk, sk: 'IDEM' }), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const stored = unmarshall(Item) as {
    requestHash: string;
    response: Omit<StoredResponse, 'body'> & { body: Uint8Array };
    ttl: number;
  };
  if (stored.ttl * 1000 <= now.getTime()) return undefined;
  if (stored.requestHash !== claim.requestHash) {
    throw new HttpProblem(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different request; use a new key for a new request.',
    );
  }
  return {
    statusCode: stored.response.statusCode,
    headers: { ...stored.response.headers, 'idempotent-replayed': 'true' },
    body: gunzipSync(stored.response.body).toString('utf8'),
  };
}

/** The write that stores the response; it joins the request's last state transaction. */
export function idempotencyRecordWrite(
  table: string,
  claim: IdempotencyClaim,
  response: StoredResponse,
  now: Date,
): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall({
        pk: claim.pk,
        sk: 'IDEM',
        requestHash: claim.requestHash,
        // Compressed: a 500-supplier check answer would not fit a 400 KB item as text.
        response: { ...response, body: gzipSync(response.body) },
        createdAt: now.toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      }),
      // An expired record that TTL has not yet removed may be replaced.
      ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: marshall({ ':now': Math.floor(now.getTime() / 1000) }),
    },
  };
}
