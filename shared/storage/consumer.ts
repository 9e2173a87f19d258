import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { EventMeta } from '../outbox-event.js';

/** How long a consumer remembers an event it handled; EventBridge retries for at most 24 h. */
const DEDUPE_SECONDS = 3 * 24 * 3600;

/** The EventBridge event a subscribed handler receives. */
export interface BusEvent<Detail = { meta: EventMeta } & Record<string, unknown>> {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Detail;
}

/**
 * The write that marks an event as handled by one consumer. It joins the consumer's state
 * transaction, so a redelivered event fails the condition and changes nothing (at-least-once
 * delivery, exactly-once effect).
 */
export function markHandledWrite(table: string, consumerId: string, meta: EventMeta, now: Date): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall({
        pk: `HANDLED#${consumerId}#${meta.eventId}`,
        sk: 'HANDLED',
        handledAt: now.toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + DEDUPE_SECONDS,
      }),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
