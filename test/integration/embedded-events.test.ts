import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { platformEvents } from '../../events/platform.js';
import { PLATFORM_SOURCE } from '../../events/versions.js';
import { scratchScenario } from '../../functions/__fixtures__/scratch/manifest.js';
import { OTHER_SUBJECT, SUBJECT } from '../../functions/platform/testing.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { makeEvent, type OutboxEvent } from '../../shared/outbox-event.js';
import {
  commit,
  EMBEDDED_EVENTS_ATTRIBUTE,
  embeddedEvents,
  removingEmbeddedEvents,
} from '../../shared/storage/outbox.js';

/**
 * Events carried on the one item a write changes travel the same pipeline as a transaction's
 * outbox item: the local poller's filters (the deployed ones), the deployed publisher, the bus,
 * and a subscriber (the scratch scenario's, which notes each SubjectCreditChanged it hears).
 */
let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { scenarios: [scratchScenario] });
});
afterAll(() => platform.stop());

const { meta: _exampleMeta, ...example } = platformEvents.SubjectCreditChanged.example;
const creditChanged = (uscc: string, summaryVersion: number, recordId: string) =>
  makeEvent(
    PLATFORM_SOURCE,
    'SubjectCreditChanged',
    platformEvents.SubjectCreditChanged.schemaVersion,
    { ...example, uscc, summaryVersion, changes: [{ ...example.changes[0], recordId }] },
    { correlationId: 'embedded-events-test', now: new Date() },
  );

const hotItem = { pk: 'EMBEDDED#TEST', sk: 'COUNTER' };
/** The hot path's shape: one conditional UpdateItem changing the item and setting the events it announces. */
const countWith = (events: OutboxEvent[]) =>
  platform.db.send(
    new UpdateItemCommand({
      TableName: platform.table,
      Key: marshall(hotItem),
      UpdateExpression: 'SET #events = :events ADD hits :one',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeNames: { '#events': EMBEDDED_EVENTS_ATTRIBUTE },
      ExpressionAttributeValues: marshall({ ':events': embeddedEvents(events), ':one': 1, ':limit': 100 }),
    }),
  );
const noteOf = async (uscc: string) => (await platform.call('GET', `/v1/scratch/subjects/${uscc}`)).json;
const timesStreamed = async (event: OutboxEvent) =>
  (await platform.streamedEvents()).filter((streamed) => streamed.detail.meta.eventId === event.detail.meta.eventId)
    .length;

test('an UpdateItem carrying outboxEvents reaches a subscriber exactly as a transaction’s events do', async () => {
  const viaTransaction = creditChanged(SUBJECT, 1, 'TX-1');
  await commit(
    platform.db,
    platform.table,
    [
      {
        writes: [{ Put: { TableName: platform.table, Item: marshall({ pk: 'TX#TEST', sk: 'STATE' }) } }],
        events: [viaTransaction],
      },
    ],
    { now: new Date() },
  );
  const viaItem = creditChanged(OTHER_SUBJECT, 1, 'EMB-1');
  await countWith([viaItem]);
  await platform.deliverEvents();

  expect(await noteOf(SUBJECT)).toEqual({ uscc: SUBJECT, summaryVersion: 1, changedRecordIds: ['TX-1'] });
  expect(await noteOf(OTHER_SUBJECT)).toEqual({
    uscc: OTHER_SUBJECT,
    summaryVersion: 1,
    changedRecordIds: ['EMB-1'],
  });
  const streamed = await platform.streamedEvents();
  expect(streamed).toContainEqual(viaTransaction);
  expect(streamed).toContainEqual(viaItem);
});

test('a MODIFY carrying new events publishes them; a write removing the attribute publishes nothing again', async () => {
  const second = creditChanged(OTHER_SUBJECT, 2, 'EMB-2');
  await countWith([second]);
  await platform.db.send(
    new UpdateItemCommand({
      TableName: platform.table,
      Key: marshall(hotItem),
      UpdateExpression: removingEmbeddedEvents('ADD hits :one'),
      ExpressionAttributeValues: marshall({ ':one': 1 }),
    }),
  );
  await platform.deliverEvents();

  expect(await noteOf(OTHER_SUBJECT)).toMatchObject({ summaryVersion: 2, changedRecordIds: ['EMB-2'] });
  expect(await timesStreamed(second)).toBe(1);
});

test('a write that leaves the attribute in place publishes the same events again; the subscriber ends as before', async () => {
  const third = creditChanged(OTHER_SUBJECT, 3, 'EMB-3');
  await countWith([third]);
  await platform.deliverEvents();
  const handledMark = marshall({
    pk: `HANDLED#scratch.note-credit-change#${third.detail.meta.eventId}`,
    sk: 'HANDLED',
  });
  expect(
    (await platform.db.send(new GetItemCommand({ TableName: platform.table, Key: handledMark }))).Item,
  ).toBeDefined();

  await platform.db.send(
    new UpdateItemCommand({
      TableName: platform.table,
      Key: marshall(hotItem),
      UpdateExpression: 'ADD hits :one',
      ExpressionAttributeValues: marshall({ ':one': 1 }),
    }),
  );
  await platform.deliverEvents();

  expect(await timesStreamed(third)).toBe(2);
  expect(await noteOf(OTHER_SUBJECT)).toMatchObject({ summaryVersion: 3, changedRecordIds: ['EMB-3'] });
});
