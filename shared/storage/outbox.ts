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

/** State changes that must land together with the events announcing them. */
export interface WriteUnit {
  writes: TransactWriteItem[];
  events: OutboxEvent[];
}

export const OUTBOX_PREFIX = 'OUTBOX#';
export const EMBEDDED_EVENTS_ATTRIBUTE = 'outboxEvents';
export function embeddedEvents(events: OutboxEvent[]): { source: string; detailType: string; detail: string }[] {
  return events.map((event) => ({
    source: event.source,
    detailType: event.detailType,
    detail: JSON.stringify(event.detail),
  }));
}
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
        events: events.map((event) => ({
          source: event.source,
          detailType: event.detailType,
          detail: JSON.stringify(event.detail),
        })),
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

/** The part of a DynamoDB stream record the publisher reads (Lambda's and the Streams API's shapes agree). */
export interface OutboxStreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown> };
}

/** The events an outbox item carries, decoded from its stream record; other items carry none. */
export function outboxEventsOf(record: OutboxStreamRecord): OutboxEvent[] {
  const image = record.dynamodb?.NewImage;
  if (!image) return [];
  const item = unmarshall(image as Parameters<typeof unmarshall>[0]) as {
    pk: string;
    events?: { source: string; detailType: string; detail: string }[];
    outboxEvents?: { source: string; detailType: string; detail: string }[];
  };
  const carried =
    record.eventName === 'INSERT' && item.pk.startsWith(OUTBOX_PREFIX)
      ? item.events
      : record.eventName === 'INSERT' || record.eventName === 'MODIFY'
        ? item.outboxEvents
        : undefined;
  return (carried ?? []).map((event) => ({
    source: event.source,
    detailType: event.detailType,
    detail: JSON.parse(event.detail),
  }));
}
