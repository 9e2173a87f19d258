import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { mockedAwsEnvironment } from '../testing.js';

mockedAwsEnvironment({ EVENT_BUS_NAME: 'credit-plus-bus' });
const bus = mockClient(EventBridgeClient);
const db = mockClient(DynamoDBClient);
const { handler, outboxPublisher } = await import('./handler.js');

const event = (n: number) => ({
  source: 'credit-plus.platform',
  detailType: 'CreditRecordPublished',
  detail: JSON.stringify({
    meta: { eventId: `E${n}`, schemaVersion: 1, occurredAt: '2026-11-29T00:00:00.000Z', correlationId: 'c' },
  }),
});
const streamRecord = (sequence: string, pk: string, events: ReturnType<typeof event>[], eventName = 'INSERT') => ({
  eventName,
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: marshall({ pk, sk: 'OUTBOX', events }) as never,
  },
});

beforeEach(() => {
  bus.reset();
  db.reset();
});

test('puts every event of every outbox item, ten per call, and records progress', async () => {
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
  const events = Array.from({ length: 12 }, (_, n) => event(n));
  const result = await handler({
    Records: [streamRecord('1', 'OUTBOX#A', events), streamRecord('2', 'REC#X', [event(99)])],
  } as unknown as DynamoDBStreamEvent);
  expect(result).toEqual({ batchItemFailures: [] });
  const calls = bus.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
  expect(calls.map((entries) => entries.length)).toEqual([10, 2]);
  expect(calls[0]?.[0]).toMatchObject({
    EventBusName: 'credit-plus-bus',
    Source: 'credit-plus.platform',
    DetailType: 'CreditRecordPublished',
  });
  expect(JSON.parse(calls[1]?.[1]?.Detail ?? '{}').meta.eventId).toBe('E11');
  expect(db.commandCalls(UpdateItemCommand)).toHaveLength(1);
});

test('a refused put reports that record as the batch item failure, so Lambda retries from it', async () => {
  bus.on(PutEventsCommand).resolvesOnce({ FailedEntryCount: 0 }).resolves({ FailedEntryCount: 1 });
  const result = await handler({
    Records: [
      streamRecord('1', 'OUTBOX#A', [event(1)]),
      streamRecord('2', 'OUTBOX#B', [event(2)]),
      streamRecord('3', 'OUTBOX#C', [event(3)]),
    ],
  } as unknown as DynamoDBStreamEvent);
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  expect(bus.commandCalls(PutEventsCommand)).toHaveLength(2);
});

test('a MODIFY of an item carrying outboxEvents puts them; the same item without them puts nothing', async () => {
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
  const carried = {
    eventName: 'MODIFY',
    dynamodb: {
      SequenceNumber: '1',
      NewImage: marshall({ pk: 'BADGE#XH-0007', sk: 'BADGE', lookups: 4, outboxEvents: [event(7)] }) as never,
    },
  };
  const cleared = {
    eventName: 'MODIFY',
    dynamodb: { SequenceNumber: '2', NewImage: marshall({ pk: 'BADGE#XH-0007', sk: 'BADGE', lookups: 5 }) as never },
  };
  const result = await handler({ Records: [carried, cleared] } as unknown as DynamoDBStreamEvent);
  expect(result).toEqual({ batchItemFailures: [] });
  const entries = bus.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    EventBusName: 'credit-plus-bus',
    Source: 'credit-plus.platform',
    DetailType: 'CreditRecordPublished',
    Time: new Date('2026-11-29T00:00:00.000Z'),
  });
  expect(JSON.parse(entries[0]?.Detail ?? '{}').meta.eventId).toBe('E7');
  expect(db.commandCalls(UpdateItemCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':published']).toEqual({
    N: '1',
  });
});

test('removals (TTL expiry of outbox items) publish nothing', async () => {
  const result = await handler({
    Records: [streamRecord('1', 'OUTBOX#A', [event(1)], 'REMOVE')],
  } as unknown as DynamoDBStreamEvent);
  expect(result).toEqual({ batchItemFailures: [] });
  expect(bus.commandCalls(PutEventsCommand)).toHaveLength(0);
});

test('any bus port gets the same entries and the same progress record (the local runtime plugs in its bus)', async () => {
  const taken: { source: string; detailType: string; eventId: string }[] = [];
  const publish = outboxPublisher({
    bus: {
      putEvents: async (entries) => {
        taken.push(
          ...entries.map((entry) => ({
            source: entry.source,
            detailType: entry.detailType,
            eventId: JSON.parse(entry.detail).meta.eventId,
          })),
        );
        return { failedCount: entries.length > 1 ? 1 : 0 };
      },
    },
    db: () => new DynamoDBClient({}),
    table: () => 'local-table',
  });
  const result = await publish({
    Records: [streamRecord('1', 'OUTBOX#A', [event(1)]), streamRecord('2', 'OUTBOX#B', [event(2), event(3)])],
  } as unknown as DynamoDBStreamEvent);
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  expect(taken.map((entry) => entry.eventId)).toEqual(['E1', 'E2', 'E3']);
  expect(taken[0]).toMatchObject({ source: 'credit-plus.platform', detailType: 'CreditRecordPublished' });
  const [progress] = db.commandCalls(UpdateItemCommand);
  expect(progress?.args[0].input).toMatchObject({ TableName: 'local-table' });
  expect(progress?.args[0].input.ExpressionAttributeValues?.[':published']).toEqual({ N: '1' });
  expect(bus.commandCalls(PutEventsCommand)).toHaveLength(0);
});
