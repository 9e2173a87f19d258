import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { writeHeartbeat } from '../../local/platform.js';
import { PUBLISHER_CHECKPOINT_KEY } from '../../shared/storage/publisher-checkpoint.js';

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
});
afterAll(() => platform.stop());

test("a dead local publisher's last figures are not reported as current", async () => {
  const lastPassAt = new Date(Date.now() - 10 * 60_000).toISOString();
  await platform.db.send(
    new PutItemCommand({
      TableName: platform.table,
      Item: marshall({
        ...PUBLISHER_CHECKPOINT_KEY,
        lastPassAt,
        lagMs: 10,
        published: 42,
        lastPollAt: lastPassAt,
        pollIntervalMs: 250,
      }),
    }),
  );
  const health = await platform.call('GET', '/v1/health');
  expect(health.status).toBe(200);
  expect(health.json).toMatchObject({ status: 'ok', database: 'ok', events: { status: 'stalled', lastPassAt } });
  expect(health.json.events).not.toHaveProperty('published');

  // The poller beating again brings the figures back.
  await writeHeartbeat(platform.db, platform.table, 250);
  expect((await platform.call('GET', '/v1/health')).json.events).toMatchObject({ status: 'ok', published: 42 });
});
