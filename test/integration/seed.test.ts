import { type AttributeValue, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { jest } from '@jest/globals';
import { demoCreditRecords } from '../../local/demo-data.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { devClientIdFor } from '../../local/registry-access.js';
import { ensureDemoData, type SeedTarget, seedDemoData } from '../../local/seed.js';
import { DEMO_DATA_MARKER_KEY } from '../../shared/storage/demo-data-marker.js';
import { PUBLISHER_CHECKPOINT_KEY } from '../../shared/storage/publisher-checkpoint.js';

jest.setTimeout(60_000);

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let target: SeedTarget;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  target = {
    call: (method, path, token, body) =>
      platform.call(method, path, { token, ...(body === undefined ? {} : { body }) }),
    mint: (scopes, claims) =>
      platform.token({ scopes, ...(claims ? { clientId: devClientIdFor(claims), ...claims } : {}) }),
    eventsSettled: () => platform.deliverEvents(),
  };
});
afterAll(() => platform.stop());

/**
 * Every item of the table, keyed by pk|sk. Bookkeeping that moves on its own is left out: the
 * publisher's checkpoint (rewritten on every pass) and when each category was last fed (a
 * re-sent batch is still a feed, decision 18).
 */
async function tableContents() {
  const items = new Map<string, Record<string, unknown>>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await platform.db.send(
      new ScanCommand({
        TableName: platform.table,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const raw of page.Items ?? []) {
      const { lastFedAt: _fedAt, ...item } = unmarshall(raw);
      if (item.pk !== PUBLISHER_CHECKPOINT_KEY.pk) items.set(`${item.pk}|${item.sk}`, item);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const health = async () => (await platform.call('GET', '/v1/health')).json as { status: string };

test('a first seed loads everything and marks it loaded; seeding again changes nothing', async () => {
  const first = await ensureDemoData(platform.db, platform.table, () => seedDemoData(target));
  expect(first?.check.created).toBe(true);
  await platform.deliverEvents();
  const afterFirst = await tableContents();
  const versions = [...afterFirst.values()].filter((item) => item.kind === 'credit-record');
  expect(versions.length).toBe(demoCreditRecords.length);
  expect(afterFirst.get(`${DEMO_DATA_MARKER_KEY.pk}|${DEMO_DATA_MARKER_KEY.sk}`)).toMatchObject({ state: 'loaded' });

  // `npm run seed` on a seeded platform: every request succeeds, nothing is written.
  const second = await seedDemoData(target);
  expect(second.check).toEqual({ ...first?.check, created: false });
  await platform.deliverEvents();
  expect(await tableContents()).toEqual(afterFirst);

  // A restart finds the marker and does not seed at all.
  const seed = jest.fn(() => seedDemoData(target));
  expect(await ensureDemoData(platform.db, platform.table, seed)).toBeUndefined();
  expect(seed).not.toHaveBeenCalled();
  expect(await health()).toMatchObject({ status: 'ok' });
});

test('a start killed while seeding seeds again, and health says "seeding" until the marker is written', async () => {
  await platform.db.send(
    new PutItemCommand({
      TableName: platform.table,
      Item: marshall({ ...DEMO_DATA_MARKER_KEY, state: 'seeding', startedAt: new Date().toISOString() }),
    }),
  );
  const unhealthy = await platform.call('GET', '/v1/health');
  expect(unhealthy.status).toBe(503);
  expect(unhealthy.json).toMatchObject({ status: 'seeding', database: 'ok' });

  let healthWhileSeeding: unknown;
  const seeded = await ensureDemoData(platform.db, platform.table, async () => {
    healthWhileSeeding = await health();
    return seedDemoData(target);
  });
  expect(healthWhileSeeding).toMatchObject({ status: 'seeding' });
  expect(seeded?.records).toBe(demoCreditRecords.length);
  expect(await health()).toMatchObject({ status: 'ok' });
});
