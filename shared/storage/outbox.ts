import {
  type DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-errors.js';
import { newId } from '../ids.js';
import type { OutboxEvent } from '../outbox-event.js';
import { tableDesign } from './table-design.js';

/** State changes that must land together with the events announcing them. */
export interface WriteUnit {
  writes: TransactWriteItem[];
  events: OutboxEvent[];
}

export const OUTBOX_PREFIX = 'OUTBOX#';
/** DynamoDB's limit of actions in one TransactWriteItems call. */
export const MAX_TRANSACTION_ACTIONS = 100;
/** Outbox items stay well under DynamoDB's 400 KB item limit. */
const MAX_OUTBOX_BYTES = 300_000;
/** Outbox items only need to live until the stream has carried them (24 h retention). */
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

interface Batch {
  writes: TransactWriteItem[];
  events: OutboxEvent[];
  eventBytes: number;
}

/** UTF-8 bytes, as DynamoDB counts item size (string length would undercount Chinese text threefold). */
const eventBytes = (events: OutboxEvent[]) =>
  events.reduce((sum, event) => sum + Buffer.byteLength(JSON.stringify(event), 'utf8'), 0);

/** Events as an item stores them: the detail as JSON text, as EventBridge takes it. */
type StoredEvent = { source: string; detailType: string; detail: string };

const stored = (events: OutboxEvent[]): StoredEvent[] =>
  events.map((event) => ({ source: event.source, detailType: event.detailType, detail: JSON.stringify(event.detail) }));

const decoded = (events: StoredEvent[]): OutboxEvent[] =>
  events.map((event) => ({ source: event.source, detailType: event.detailType, detail: JSON.parse(event.detail) }));

/**
 * Packs units into as few transactions as DynamoDB allows, never splitting a unit, so every
 * state change leaves with its events. `finalWrites` (an idempotency record) join the last one.
 */
export function planTransactions(units: WriteUnit[], finalWrites: TransactWriteItem[] = []): Batch[] {
  const batches: Batch[] = [];
  const actionsOf = (batch: Batch) => batch.writes.length + (batch.events.length > 0 ? 1 : 0);
  let current: Batch = { writes: [], events: [], eventBytes: 0 };
  for (const unit of units) {
    const unitBytes = eventBytes(unit.events);
    const unitActions = unit.writes.length + (unit.events.length > 0 ? 1 : 0);
    if (unitActions + finalWrites.length > MAX_TRANSACTION_ACTIONS || unitBytes > MAX_OUTBOX_BYTES) {
      throw new Error(`A write unit of ${unitActions} actions / ${unitBytes} bytes cannot fit one transaction`);
    }
    const needsOutbox = current.events.length === 0 && unit.events.length > 0 ? 1 : 0;
    const fits =
      actionsOf(current) + unit.writes.length + needsOutbox <= MAX_TRANSACTION_ACTIONS - finalWrites.length &&
      current.eventBytes + unitBytes <= MAX_OUTBOX_BYTES;
    if (!fits) {
      batches.push(current);
      current = { writes: [], events: [], eventBytes: 0 };
    }
    current.writes.push(...unit.writes);
    current.events.push(...unit.events);
    current.eventBytes += unitBytes;
  }
  current.writes.push(...finalWrites);
  batches.push(current);
  return batches.filter((batch) => batch.writes.length > 0 || batch.events.length > 0);
}

function outboxItem(table: string, events: OutboxEvent[], now: Date): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall({
        pk: `${OUTBOX_PREFIX}${newId()}`,
        sk: 'OUTBOX',
        createdAt: now.toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
        events: stored(events),
      }),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A conditional write failed: someone changed the same item first. Safe to retry. */
export class WriteConflict extends DomainError {
  /** The writes whose conditions failed (empty when DynamoDB reported a transaction conflict). */
  readonly failedWrites: TransactWriteItem[];
  constructor(failedWrites: TransactWriteItem[]) {
    super('conflict', 'The data changed while this request was processed; retry the request.', {
      code: 'write-conflict',
    });
    this.failedWrites = failedWrites;
  }
}

/**
 * The outbox writer: each transaction puts its state changes and ONE outbox item holding their
 * events, so an event exists exactly when its state change does. The table's stream carries
 * the outbox item to the publisher; nothing here calls EventBridge.
 */
export async function commit(
  db: DynamoDBClient,
  table: string,
  units: WriteUnit[],
  options: { finalWrites?: TransactWriteItem[]; now: Date },
): Promise<{ transactions: number }> {
  const batches = planTransactions(units, options.finalWrites);
  for (const batch of batches) {
    const items =
      batch.events.length > 0 ? [...batch.writes, outboxItem(table, batch.events, options.now)] : batch.writes;
    try {
      await db.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const failed = (error.CancellationReasons ?? [])
          .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? items[index] : undefined))
          .filter((item): item is TransactWriteItem => item !== undefined);
        const contended = error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict');
        if (failed.length > 0 || contended) throw new WriteConflict(failed);
      }
      throw error;
    }
  }
  return { transactions: batches.length };
}

/**
 * The attribute that carries events on the one item a write changes, for a hot path that would
 * otherwise pay a transaction only for the outbox item: `SET outboxEvents = :events` (the value
 * from `embeddedEvents`) in a single PutItem/UpdateItem announces them with the state, atomically
 * by nature. The stream shows new images only, so the publisher cannot tell a write that set the
 * attribute from a later one that merely left it there: every other write to such an item must
 * drop it in the same request (`removingEmbeddedEvents`, or a Put of the whole item without it),
 * or the events are published again. Consumers dedupe on `meta.eventId` for 3 days
 * (shared/storage/consumer.ts), so a stray re-publication is harmless within that window only.
 */
export const EMBEDDED_EVENTS_ATTRIBUTE = 'outboxEvents';
/** The events share the item with its state, so they get a third of DynamoDB's 400 KB item limit. */
const MAX_EMBEDDED_EVENT_BYTES = 100_000;

/** The attribute value to SET as `outboxEvents` on the one item a write changes; same shape as an OUTBOX item's `events`. */
export function embeddedEvents(events: OutboxEvent[]): StoredEvent[] {
  if (events.length === 0) {
    throw new Error('An item carries at least one event; a write that announces nothing sets none');
  }
  const bytes = eventBytes(events);
  if (bytes > MAX_EMBEDDED_EVENT_BYTES) {
    throw new Error(
      `Events of ${bytes} bytes cannot ride on an item (at most ${MAX_EMBEDDED_EVENT_BYTES}); commit them`,
    );
  }
  return stored(events);
}

/**
 * `updateExpression` that also removes the item's carried events: for every write to an item that
 * may carry some and announces nothing itself. Joins the expression's REMOVE clause (one is allowed).
 */
export function removingEmbeddedEvents(updateExpression: string): string {
  // The keyword, not a `:remove` value or `#remove` name placeholder.
  const removeClause = /(?<![\w#:])REMOVE(?!\w)/i;
  return removeClause.test(updateExpression)
    ? updateExpression.replace(removeClause, `REMOVE ${EMBEDDED_EVENTS_ATTRIBUTE},`)
    : `${updateExpression} REMOVE ${EMBEDDED_EVENTS_ATTRIBUTE}`;
}

/**
 * The stream records that carry events, as Lambda event-filter patterns: inserts of outbox items,
 * and inserts or changes of an item whose new image carries events (`exists` matches leaves only,
 * hence the path down to a string inside the list). The CDK app puts them on the publisher's
 * event source mapping and the local stream poller applies them with the local pattern matcher.
 */
export const PUBLISHER_STREAM_FILTERS = [
  { eventName: ['INSERT'], dynamodb: { Keys: { [tableDesign.partitionKey]: { S: [{ prefix: OUTBOX_PREFIX }] } } } },
  {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: { NewImage: { [EMBEDDED_EVENTS_ATTRIBUTE]: { L: { M: { detailType: { S: [{ exists: true }] } } } } } },
  },
];

/** The part of a DynamoDB stream record the publisher reads (Lambda's and the Streams API's shapes agree). */
export interface OutboxStreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown> };
}

/**
 * The events a stream record announces: those of an inserted outbox item, or those an inserted or
 * changed item carries in `outboxEvents`; other records announce none.
 */
export function outboxEventsOf(record: OutboxStreamRecord): OutboxEvent[] {
  const image = record.dynamodb?.NewImage;
  if (!image || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return [];
  const item = unmarshall(image as Parameters<typeof unmarshall>[0]) as {
    pk: string;
    events?: StoredEvent[];
    [EMBEDDED_EVENTS_ATTRIBUTE]?: StoredEvent[];
  };
  if (record.eventName === 'INSERT' && item.pk.startsWith(OUTBOX_PREFIX)) return decoded(item.events ?? []);
  return decoded(item[EMBEDDED_EVENTS_ATTRIBUTE] ?? []);
}
