import {
  DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import * as z from 'zod/mini';
import { busDelivery, mockedAwsEnvironment } from './testing.js';

mockedAwsEnvironment();
const db = mockClient(DynamoDBClient);
const { eventHandler, MalformedEvent } = await import('./event-handler.js');
const { makeEvent } = await import('./outbox-event.js');

const meta = z.object({
  eventId: z.string(),
  schemaVersion: z.int(),
  occurredAt: z.string(),
  correlationId: z.string(),
});
const noted = {
  source: 'credit-plus.test',
  detailType: 'ThingNoted',
  schema: z.object({ meta, thingId: z.string().check(z.minLength(1)) }),
};
const dropped = {
  source: 'credit-plus.test',
  detailType: 'ThingDropped',
  schema: z.object({ meta, reason: z.string() }),
};

const busEvent = (detailType: string, detail: Record<string, unknown>) =>
  busDelivery('credit-plus.test', detailType, {
    meta: { eventId: 'E-1', schemaVersion: 1, occurredAt: '2026-11-29T00:00:00.000Z', correlationId: 'corr-7' },
    ...detail,
  });

const stateWrite: TransactWriteItem = { Put: { TableName: 'credit-plus', Item: { pk: { S: 'THING#1' } } } };
/** The transaction is [state, mark, outbox]: index 1 is the consumer's mark. */
const conflictOn = (index: number) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [0, 1, 2].map((i) => ({ Code: i === index ? 'ConditionalCheckFailed' : 'None' })),
  });

beforeEach(() => db.reset());

test('hands the validated, typed event to the logic and commits state, emitted events and the mark together', async () => {
  db.on(TransactWriteItemsCommand).resolves({});
  const seen: unknown[] = [];
  const handler = eventHandler({ consumerId: 'test.consumer', events: [noted, dropped] }, async (event) => {
    seen.push(event);
    const emitted = makeEvent('credit-plus.test', 'ThingCounted', 1, {}, event);
    return { units: [{ writes: [stateWrite], events: [emitted] }] };
  });
  await handler(busEvent('ThingNoted', { thingId: 'T-1' }));

  expect(seen).toEqual([
    expect.objectContaining({ detailType: 'ThingNoted', eventId: 'E-1', correlationId: 'corr-7' }),
  ]);
  const items = db.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
  expect(items).toHaveLength(3);
  expect(items[0]).toBe(stateWrite);
  const [mark, outbox] = [items[1]!, items[2]!].map((item) => ({ ...item.Put!, Item: unmarshall(item.Put!.Item!) }));
  expect(mark!.Item.pk).toBe('HANDLED#test.consumer#E-1');
  expect(mark!.ConditionExpression).toBe('attribute_not_exists(pk)');
  expect(JSON.parse(outbox!.Item.events[0].detail).meta.correlationId).toBe('corr-7');
});

test('a malformed event is rejected before any read or write, naming the bad field', async () => {
  const logic = jest.fn(async () => ({}));
  const handler = eventHandler({ consumerId: 'test.consumer', events: [noted] }, logic);
  const error = await handler(busEvent('ThingNoted', { thingId: '' })).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(MalformedEvent);
  expect((error as Error).message).toMatch(/ThingNoted.*thingId/);
  const withoutMeta = busEvent('ThingNoted', { thingId: 'T-1' });
  withoutMeta.detail = { thingId: 'T-1' };
  await expect(handler(withoutMeta)).rejects.toBeInstanceOf(MalformedEvent);
  expect(logic).not.toHaveBeenCalled();
  expect(db.calls()).toHaveLength(0);
});

test('an event it does not subscribe to is rejected, never handled by accident', async () => {
  const logic = jest.fn(async () => ({}));
  const handler = eventHandler({ consumerId: 'test.consumer', events: [noted] }, logic);
  await expect(handler(busEvent('ThingDropped', { reason: 'x' }))).rejects.toThrow(/does not subscribe/);
  expect(logic).not.toHaveBeenCalled();
});

test('a redelivered event (its mark already there) changes nothing and succeeds', async () => {
  db.on(TransactWriteItemsCommand).rejects(conflictOn(1));
  const handler = eventHandler({ consumerId: 'test.consumer', events: [noted] }, async () => ({
    units: [{ writes: [stateWrite], events: [] }],
  }));
  await expect(handler(busEvent('ThingNoted', { thingId: 'T-1' }))).resolves.toBeUndefined();
});

test('a conflict on the state write itself is thrown, so the delivery is retried from fresh reads', async () => {
  db.on(TransactWriteItemsCommand).rejects(conflictOn(0));
  const handler = eventHandler({ consumerId: 'test.consumer', events: [noted] }, async () => ({
    units: [{ writes: [stateWrite], events: [] }],
  }));
  await expect(handler(busEvent('ThingNoted', { thingId: 'T-1' }))).rejects.toThrow(/changed/);
});

test('nothing to change writes nothing, not even the mark', async () => {
  const handler = eventHandler({ consumerId: 'test.consumer', events: [noted] }, async () => ({}));
  await handler(busEvent('ThingNoted', { thingId: 'T-1' }));
  expect(db.calls()).toHaveLength(0);
  expect(handler.subscribesTo).toEqual([{ source: 'credit-plus.test', detailType: 'ThingNoted' }]);
});
