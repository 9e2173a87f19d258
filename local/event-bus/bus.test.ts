import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusEvent } from '../../shared/storage/consumer.js';
import { createEventBus } from './bus.js';

const folder = mkdtempSync(join(tmpdir(), 'bus-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const event = (detailType: string, eventId = 'E1'): BusEvent => ({
  version: '0',
  id: `id-${eventId}`,
  'detail-type': detailType,
  source: 'credit-plus.platform',
  account: '000000000000',
  time: '2026-11-29T00:00:00Z',
  region: 'local',
  resources: [],
  detail: { meta: { eventId, schemaVersion: 1, occurredAt: '2026-11-29T00:00:00Z', correlationId: 'c' } },
});

test('delivers only to subscribers whose pattern matches', async () => {
  const seen: string[] = [];
  const bus = createEventBus({
    deadLetterFile: join(folder, 'a.jsonl'),
    subscribers: [
      {
        id: 'repairs',
        pattern: { 'detail-type': ['CreditRecordRepaired'] },
        deliver: async (e) => seen.push(`repairs:${e.id}`),
      },
      { id: 'all', pattern: { source: [{ prefix: 'credit-plus.' }] }, deliver: async (e) => seen.push(`all:${e.id}`) },
    ],
  });
  bus.publish(event('CreditRecordPublished'));
  bus.publish(event('CreditRecordRepaired', 'E2'));
  await bus.drained();
  expect(seen.sort()).toEqual(['all:id-E1', 'all:id-E2', 'repairs:id-E2']);
  expect(bus.stats).toEqual({ delivered: 3, deadLettered: 0 });
});

test('retries a failing subscriber with backoff until it succeeds', async () => {
  let calls = 0;
  const bus = createEventBus({
    deadLetterFile: join(folder, 'b.jsonl'),
    baseDelayMs: 1,
    attempts: 3,
    subscribers: [
      {
        id: 'flaky',
        pattern: { source: ['credit-plus.platform'] },
        deliver: async () => {
          calls++;
          if (calls < 3) throw new Error('not yet');
        },
      },
    ],
  });
  bus.publish(event('CreditRecordPublished'));
  await bus.drained();
  expect(calls).toBe(3);
  expect(bus.stats).toEqual({ delivered: 1, deadLettered: 0 });
});

test('after the last try the event goes to the dead-letter file with the error', async () => {
  const file = join(folder, 'c.jsonl');
  const bus = createEventBus({
    deadLetterFile: file,
    baseDelayMs: 1,
    attempts: 2,
    subscribers: [
      {
        id: 'broken',
        pattern: { source: ['credit-plus.platform'] },
        deliver: async () => {
          throw new Error('boom');
        },
      },
    ],
  });
  bus.publish(event('CreditRecordPublished', 'E9'));
  await bus.drained();
  const [line] = readFileSync(file, 'utf8').trim().split('\n');
  expect(JSON.parse(line!)).toMatchObject({
    subscriber: 'broken',
    attempts: 2,
    error: 'boom',
    event: { detail: { meta: { eventId: 'E9' } } },
  });
  expect(bus.stats).toEqual({ delivered: 0, deadLettered: 1 });
});

test('refuses to start with an invalid pattern', () => {
  expect(() =>
    createEventBus({
      deadLetterFile: join(folder, 'd.jsonl'),
      subscribers: [{ id: 'bad', pattern: { source: 'not-an-array' }, deliver: async () => undefined }],
    }),
  ).toThrow(/Invalid event pattern of bad/);
});

test('publishing returns once the event is accepted, before any subscriber ran; drained() waits for them', async () => {
  const seen: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((open) => {
    release = open;
  });
  const bus = createEventBus({
    deadLetterFile: join(folder, 'e.jsonl'),
    subscribers: [
      {
        id: 'slow',
        pattern: { source: ['credit-plus.platform'] },
        deliver: async (e) => {
          await gate;
          seen.push(e.detail.meta.eventId);
        },
      },
    ],
  });
  bus.publish(event('CreditRecordPublished', 'E1'));
  expect(seen).toEqual([]);
  let drained = false;
  const idle = bus.drained().then(() => {
    drained = true;
  });
  await new Promise((wait) => setTimeout(wait, 10));
  expect(drained).toBe(false);
  release();
  await idle;
  expect(seen).toEqual(['E1']);
});

test('the publisher port turns PutEvents entries into EventBridge events', async () => {
  const seen: BusEvent[] = [];
  const bus = createEventBus({
    deadLetterFile: join(folder, 'f.jsonl'),
    subscribers: [{ id: 'all', pattern: { source: ['credit-plus.platform'] }, deliver: async (e) => seen.push(e) }],
  });
  const accepted = await bus.port.putEvents([
    {
      source: 'credit-plus.platform',
      detailType: 'CreditRecordPublished',
      detail: JSON.stringify(event('x', 'E5').detail),
      time: new Date('2026-11-29T00:00:00.000Z'),
    },
  ]);
  expect(accepted).toEqual({ failedCount: 0 });
  await bus.drained();
  expect(seen).toEqual([
    expect.objectContaining({
      source: 'credit-plus.platform',
      'detail-type': 'CreditRecordPublished',
      time: '2026-11-29T00:00:00Z',
      detail: expect.objectContaining({ meta: expect.objectContaining({ eventId: 'E5' }) }),
    }),
  ]);
});

test('chaos delivers every event at least once, some twice, in an order other than published', async () => {
  const seen: string[] = [];
  const bus = createEventBus({
    deadLetterFile: join(folder, 'g.jsonl'),
    chaos: true,
    subscribers: [
      {
        id: 'all',
        pattern: { source: ['credit-plus.platform'] },
        deliver: async (e) => seen.push(e.detail.meta.eventId),
      },
    ],
  });
  const published = Array.from({ length: 40 }, (_, n) => `E${String(n).padStart(2, '0')}`);
  for (const eventId of published) bus.publish(event('CreditRecordPublished', eventId));
  await bus.drained();
  expect([...new Set(seen)].sort()).toEqual(published);
  expect(seen.length).toBeGreaterThan(published.length);
  expect([...new Set(seen)]).not.toEqual(published);
});
