import {
  DynamoDBClient,
  InternalServerError,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { matchesEventPattern, validateEventPattern } from '../../local/event-bus/event-pattern.js';
import { DomainError } from '../domain-errors.js';
import { problemOf } from '../http/problem.js';
import { makeEvent, type OutboxEvent } from '../outbox-event.js';
import {
  commit,
  EMBEDDED_EVENTS_ATTRIBUTE,
  embeddedEvents,
  MAX_TRANSACTION_ACTIONS,
  OUTBOX_PREFIX,
  outboxEventsOf,
  PUBLISHER_STREAM_FILTERS,
  planTransactions,
  removingEmbeddedEvents,
  WriteConflict,
  type WriteUnit,
} from './outbox.js';

const TABLE = 'outbox-test';
const now = new Date('2026-05-01T08:00:00.000Z');

let sequence = 0;
const put = (label = `item-${++sequence}`): TransactWriteItem => ({
  Put: { TableName: TABLE, Item: { pk: { S: label }, sk: { S: 'S' } } },
});
const event = (payload: Record<string, unknown> = {}): OutboxEvent =>
  makeEvent('credit-plus.test', 'ThingHappened', 1, payload, { correlationId: 'corr-1', now });
const unit = (writes: number, events = 1, payload: Record<string, unknown> = {}): WriteUnit => ({
  writes: Array.from({ length: writes }, () => put()),
  events: Array.from({ length: events }, () => event(payload)),
});
/** What one planned transaction sends: its writes plus one outbox item when it carries events. */
const actionsOf = (batch: { writes: TransactWriteItem[]; events: OutboxEvent[] }) =>
  batch.writes.length + (batch.events.length > 0 ? 1 : 0);

describe('planTransactions', () => {
  test('100 records of 2 writes and 1 event each pack 49 + 49 + 2, the idempotency write in the last', () => {
    const units = Array.from({ length: 100 }, () => unit(2));
    const idem = put('IDEM');
    const batches = planTransactions(units, [idem]);

    expect(batches).toHaveLength(3);
    expect(batches.map((batch) => batch.events.length)).toEqual([49, 49, 2]);
    // 98 writes + 1 outbox item = 99 actions, leaving no room for another 3-action unit.
    expect(batches.map((batch) => batch.writes.length)).toEqual([98, 98, 5]);
    expect(batches.map(actionsOf)).toEqual([99, 99, 6]);
    expect(batches.at(-1)!.writes.at(-1)).toBe(idem);
    // Units stay in order and whole: the writes of unit i are adjacent in one batch.
    expect(batches.flatMap((batch) => batch.writes).filter((write) => write !== idem)).toEqual(
      units.flatMap((u) => u.writes),
    );
  });

  test('without final writes 100 records still need 3 transactions (202 actions > 2 × 100)', () => {
    const batches = planTransactions(Array.from({ length: 100 }, () => unit(2)));
    expect(batches.map((batch) => batch.events.length)).toEqual([49, 49, 2]);
    expect(batches.map(actionsOf)).toEqual([99, 99, 5]);
  });

  test('a unit that fills a transaction exactly fits; one action more throws', () => {
    expect(planTransactions([unit(99)]).map(actionsOf)).toEqual([100]);
    expect(planTransactions([unit(98)], [put()]).map(actionsOf)).toEqual([100]);
    expect(() => planTransactions([unit(100)])).toThrow(/cannot fit one transaction/);
    expect(() => planTransactions([unit(99)], [put()])).toThrow(/cannot fit one transaction/);
    // A unit without events needs no outbox item.
    expect(planTransactions([unit(100, 0)]).map(actionsOf)).toEqual([100]);
  });

  test('an empty list of units with final writes is one transaction holding just them', () => {
    const idem = put('IDEM');
    const batches = planTransactions([], [idem]);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.writes).toEqual([idem]);
    expect(batches[0]!.events).toEqual([]);
    expect(planTransactions([])).toEqual([]);
  });

  test('batches are split by event bytes, not only by actions', () => {
    const big = 'x'.repeat(140_000);
    const units = [unit(1, 1, { big }), unit(1, 1, { big }), unit(1, 1, { big })];
    const batches = planTransactions(units);
    expect(batches.map((batch) => batch.events.length)).toEqual([2, 1]);
    expect(batches.every((batch) => batch.eventBytes <= 300_000)).toBe(true);
    expect(() => planTransactions([unit(1, 1, { big: 'x'.repeat(310_000) })])).toThrow(/cannot fit one transaction/);
  });

  test('event bytes are UTF-8 bytes: multi-byte text (Chinese names and summaries) splits earlier', () => {
    // 60 000 CJK characters are 60 000 UTF-16 units but 180 000 UTF-8 bytes.
    const chinese = '上'.repeat(60_000);
    const batches = planTransactions([unit(1, 1, { chinese }), unit(1, 1, { chinese })]);
    expect(batches.map((batch) => batch.events.length)).toEqual([1, 1]);
    expect(batches[0]!.eventBytes).toBeGreaterThan(180_000);
  });

  test('property: never more than 100 actions, units never split, final writes only in the last batch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ writes: fc.integer({ min: 0, max: 40 }), events: fc.integer({ min: 0, max: 3 }) }), {
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 2 }),
        (shapes, finalCount) => {
          const units = shapes.map((shape) => unit(shape.writes, shape.events));
          const finalWrites = Array.from({ length: finalCount }, (_, i) => put(`FINAL-${i}`));
          const batches = planTransactions(units, finalWrites);

          for (const batch of batches) expect(actionsOf(batch)).toBeLessThanOrEqual(MAX_TRANSACTION_ACTIONS);
          if (finalCount > 0) {
            expect(batches.length).toBeGreaterThan(0);
            expect(batches.at(-1)!.writes.slice(-finalCount)).toEqual(finalWrites);
            for (const batch of batches.slice(0, -1)) {
              for (const write of finalWrites) expect(batch.writes).not.toContain(write);
            }
          }
          // Every non-empty unit lands whole, in order, in exactly one batch.
          let batchIndex = 0;
          for (const u of units.filter((candidate) => candidate.writes.length + candidate.events.length > 0)) {
            while (
              batchIndex < batches.length &&
              !(u.writes.length > 0 ? batches[batchIndex]!.writes.includes(u.writes[0]!) : false) &&
              !(u.events.length > 0 ? batches[batchIndex]!.events.includes(u.events[0]!) : false)
            ) {
              batchIndex++;
            }
            const home = batches[batchIndex];
            expect(home).toBeDefined();
            for (const write of u.writes) expect(home!.writes).toContain(write);
            for (const e of u.events) expect(home!.events).toContain(e);
          }
          // Nothing is lost or duplicated.
          expect(batches.flatMap((batch) => batch.writes)).toEqual([...units.flatMap((u) => u.writes), ...finalWrites]);
          expect(batches.flatMap((batch) => batch.events)).toEqual(units.flatMap((u) => u.events));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('commit', () => {
  const dynamoMock = mockClient(DynamoDBClient);
  const db = new DynamoDBClient({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  beforeEach(() => {
    dynamoMock.reset();
  });
  afterAll(() => {
    dynamoMock.restore();
    db.destroy();
  });

  test('writes the outbox item in the same TransactWriteItems call as the state it announces', async () => {
    dynamoMock.on(TransactWriteItemsCommand).resolves({});
    const record = put('REC#1');
    const version = put('REC#1/V1');
    const published = event({ recordId: '1' });
    const idem = put('IDEM#1');

    const result = await commit(db, TABLE, [{ writes: [record, version], events: [published] }], {
      finalWrites: [idem],
      now,
    });

    expect(result).toEqual({ transactions: 1 });
    const calls = dynamoMock.commandCalls(TransactWriteItemsCommand);
    expect(calls).toHaveLength(1);
    const items = calls[0]!.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(4);
    expect(items.slice(0, 3)).toEqual([record, version, idem]);

    const outbox = items[3]!.Put!;
    expect(outbox.TableName).toBe(TABLE);
    expect(outbox.ConditionExpression).toBe('attribute_not_exists(pk)');
    const stored = unmarshall(outbox.Item!) as {
      pk: string;
      sk: string;
      ttl: number;
      createdAt: string;
      events: { source: string; detailType: string; detail: string }[];
    };
    expect(stored.pk.startsWith(OUTBOX_PREFIX)).toBe(true);
    expect(stored.sk).toBe('OUTBOX');
    expect(stored.createdAt).toBe(now.toISOString());
    expect(stored.ttl).toBeGreaterThan(now.getTime() / 1000);
    expect(stored.events).toHaveLength(1);
    expect(stored.events[0]!.source).toBe('credit-plus.test');
    expect(stored.events[0]!.detailType).toBe('ThingHappened');
    expect(JSON.parse(stored.events[0]!.detail)).toEqual(published.detail);
    expect(JSON.parse(stored.events[0]!.detail).meta).toMatchObject({
      schemaVersion: 1,
      occurredAt: now.toISOString(),
      correlationId: 'corr-1',
    });
  });

  test('writes without events send no outbox item; several transactions each get their own', async () => {
    dynamoMock.on(TransactWriteItemsCommand).resolves({});
    await commit(db, TABLE, [{ writes: [put()], events: [] }], { now });
    expect(dynamoMock.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems).toHaveLength(1);

    dynamoMock.resetHistory();
    const result = await commit(
      db,
      TABLE,
      Array.from({ length: 60 }, () => unit(2)),
      { now },
    );
    expect(result).toEqual({ transactions: 2 });
    const calls = dynamoMock.commandCalls(TransactWriteItemsCommand);
    const outboxKeys = calls.map((call) => {
      const items = call.args[0].input.TransactItems ?? [];
      expect(items.length).toBeLessThanOrEqual(MAX_TRANSACTION_ACTIONS);
      const outboxes = items.filter((item) => unmarshall(item.Put!.Item!).pk.startsWith(OUTBOX_PREFIX));
      expect(outboxes).toHaveLength(1);
      return unmarshall(outboxes[0]!.Put!.Item!).pk as string;
    });
    expect(new Set(outboxKeys).size).toBe(2);
  });

  test('a ConditionalCheckFailed cancellation becomes a 409 WriteConflict naming the failed write', async () => {
    const record = put('REC#1');
    const version = put('REC#1/V1');
    const idem = put('IDEM#1');
    dynamoMock.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );

    const error = await commit(db, TABLE, [{ writes: [record, version], events: [event()] }], {
      finalWrites: [idem],
      now,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WriteConflict);
    expect(error).toBeInstanceOf(DomainError);
    const conflict = error as WriteConflict;
    expect(conflict.kind).toBe('conflict');
    expect(conflict.failedWrites).toEqual([idem]);
    expect(conflict.failedWrites[0]).toBe(idem);
    expect(problemOf(conflict).toProblem()).toMatchObject({
      status: 409,
      title: 'Conflict',
      type: expect.stringMatching(/write-conflict$/),
    });
  });

  test('a TransactionConflict cancellation is also a WriteConflict, with no failed writes', async () => {
    dynamoMock.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
      }),
    );
    const error = await commit(db, TABLE, [unit(1)], { now }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WriteConflict);
    expect((error as WriteConflict).failedWrites).toEqual([]);
  });

  test('other errors pass through unchanged', async () => {
    const internal = new InternalServerError({ message: 'boom', $metadata: {} });
    dynamoMock.on(TransactWriteItemsCommand).rejects(internal);
    await expect(commit(db, TABLE, [unit(1)], { now })).rejects.toBe(internal);

    // A cancellation for another reason (e.g. a too-large item) is not a conflict either.
    const validation = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'ValidationError', Message: 'Item size has exceeded the maximum allowed size' }],
    });
    dynamoMock.on(TransactWriteItemsCommand).rejects(validation);
    const error = await commit(db, TABLE, [unit(1)], { now }).catch((caught: unknown) => caught);
    expect(error).toBe(validation);
    expect(error).not.toBeInstanceOf(WriteConflict);
  });
});

describe('events carried on a single-item write', () => {
  const lookedUp = (payload: Record<string, unknown> = {}) =>
    makeEvent('credit-plus.care', 'WorkerLookedUp', 1, { badgeNo: 'XH-0007', ...payload }, { correlationId: 'c', now });
  /** A stream record as Lambda and the Streams API hand it over, with a NEW_IMAGE view. */
  const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', item: Record<string, unknown>) => ({
    eventName,
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }),
      ...(eventName === 'REMOVE' ? {} : { NewImage: marshall(item) }),
    },
  });
  const badge = { pk: 'BADGE#XH-0007', sk: 'BADGE', lookups: 3 };

  test('embeddedEvents stores events as an outbox item does: detail as JSON text', () => {
    const events = [lookedUp(), lookedUp({ second: true })];
    const value = embeddedEvents(events);
    expect(value).toEqual(
      events.map((event) => ({
        source: 'credit-plus.care',
        detailType: 'WorkerLookedUp',
        detail: JSON.stringify(event.detail),
      })),
    );
    // An UpdateItem's SET value round-trips through the stream into the very same events.
    const item = { ...badge, [EMBEDDED_EVENTS_ATTRIBUTE]: value };
    expect(outboxEventsOf(record('MODIFY', item))).toEqual(events);
  });

  test('embeddedEvents refuses an empty list and events too big to share an item with its state', () => {
    expect(() => embeddedEvents([])).toThrow(/at least one event/);
    expect(() => embeddedEvents([lookedUp({ text: 'x'.repeat(99_000) })])).not.toThrow();
    expect(() => embeddedEvents([lookedUp({ text: 'x'.repeat(100_000) })])).toThrow(/cannot ride on an item/);
    // UTF-8 bytes, as for outbox items: 34 000 CJK characters are 102 000 bytes.
    expect(() => embeddedEvents([lookedUp({ text: '上'.repeat(34_000) })])).toThrow(/cannot ride on an item/);
    expect(() => embeddedEvents([lookedUp({ a: 'x'.repeat(60_000) }), lookedUp({ b: 'x'.repeat(60_000) })])).toThrow(
      /cannot ride on an item/,
    );
  });

  test('outboxEventsOf: an INSERT or MODIFY carrying events yields them; cleared, removed and ordinary items none', () => {
    const carried = lookedUp();
    const carrying = { ...badge, [EMBEDDED_EVENTS_ATTRIBUTE]: embeddedEvents([carried]) };
    expect(outboxEventsOf(record('INSERT', carrying))).toEqual([carried]);
    expect(outboxEventsOf(record('MODIFY', carrying))).toEqual([carried]);
    // A later write that removed the attribute, the item's deletion (or TTL expiry), any other item.
    expect(outboxEventsOf(record('MODIFY', badge))).toEqual([]);
    expect(outboxEventsOf(record('REMOVE', carrying))).toEqual([]);
    expect(outboxEventsOf(record('INSERT', { pk: 'REC#1', sk: 'REC', events: embeddedEvents([carried]) }))).toEqual([]);
  });

  test('outboxEventsOf still reads inserted OUTBOX# items, and nothing from their removal', () => {
    const published = event({ recordId: '1' });
    const outbox = { pk: `${OUTBOX_PREFIX}01J`, sk: 'OUTBOX', events: embeddedEvents([published]) };
    expect(outboxEventsOf(record('INSERT', outbox))).toEqual([published]);
    expect(outboxEventsOf(record('REMOVE', outbox))).toEqual([]);
  });

  test('the publisher filters pass exactly the records outboxEventsOf finds events in', () => {
    const carrying = { ...badge, [EMBEDDED_EVENTS_ATTRIBUTE]: embeddedEvents([lookedUp(), lookedUp()]) };
    const outbox = { pk: `${OUTBOX_PREFIX}01J`, sk: 'OUTBOX', events: embeddedEvents([event()]) };
    const records = [
      record('INSERT', outbox),
      record('REMOVE', outbox),
      record('INSERT', carrying),
      record('MODIFY', carrying),
      record('REMOVE', carrying),
      record('INSERT', badge),
      record('MODIFY', badge),
    ];
    for (const filter of PUBLISHER_STREAM_FILTERS) expect(validateEventPattern(filter)).toEqual([]);
    const passed = records.map((candidate) =>
      PUBLISHER_STREAM_FILTERS.some((filter) => matchesEventPattern(filter, candidate)),
    );
    expect(passed).toEqual(records.map((candidate) => outboxEventsOf(candidate).length > 0));
    expect(passed).toEqual([true, false, true, true, false, false, false]);
  });

  test('removingEmbeddedEvents joins an existing REMOVE clause or adds one', () => {
    expect(removingEmbeddedEvents('SET lookups = lookups + :one')).toBe(
      'SET lookups = lookups + :one REMOVE outboxEvents',
    );
    expect(removingEmbeddedEvents('SET #n = :remove REMOVE gsi1pk, gsi1sk')).toBe(
      'SET #n = :remove REMOVE outboxEvents, gsi1pk, gsi1sk',
    );
    expect(removingEmbeddedEvents('remove #remove SET a = :b')).toBe('REMOVE outboxEvents, #remove SET a = :b');
  });
});
