import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { jest } from '@jest/globals';
import { decodeJwt } from 'jose';
import { freePort, localDynamoClient } from '../../local/dynamodb-local.js';
import { repositoryRoot } from '../../local/settings.js';
import { localStreamsClient, readWholeStream } from '../../local/stream-reader.js';
import { outboxEventsOf } from '../../shared/storage/outbox.js';
import { buildUscc } from '../../shared/uscc.js';

jest.setTimeout(180_000);

const tsx = join(repositoryRoot, 'node_modules/.bin/tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'credit-plus-e2e-'));
let port: number;
let runtime: ChildProcess | undefined;
let output = '';

/** Starts `local/server.ts` as `npm start` does and waits for its banner. */
async function startRuntime(): Promise<ChildProcess> {
  const child = spawn(tsx, ['local/server.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running at')) ready();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`runtime exited with ${code}: ${output}`)));
  });
  return child;
}

async function stopRuntime(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGINT');
  return exited;
}

/** DynamoDB Local of the running runtime, as its banner names it. */
const databaseEndpoint = () => /DynamoDB Local: (\S+)/.exec(output)?.[1] ?? '';
async function withDatabase<T>(use: (database: DynamoDBClient) => Promise<T>): Promise<T> {
  const database = localDynamoClient(databaseEndpoint());
  try {
    return await use(database);
  } finally {
    database.destroy();
  }
}
async function withStreams<T>(use: (streams: DynamoDBStreamsClient) => Promise<T>): Promise<T> {
  const streams = localStreamsClient(databaseEndpoint());
  try {
    return await use(streams);
  } finally {
    streams.destroy();
  }
}

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const health = async () =>
  (await (await fetch(url('/v1/health'))).json()) as {
    events: { published?: number; lastPassAt?: string };
  };

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  port = await freePort();
});

afterAll(async () => {
  if (runtime && runtime.exitCode === null) await stopRuntime(runtime);
  rmSync(dataDir, { recursive: true, force: true });
});

test('npm start serves the platform, delivers events to subscribers, and resumes after a restart without republishing', async () => {
  runtime = await startRuntime();
  expect(output).toContain('demo data loaded');
  const seeded = await eventually(health, (h) => (h.events.published ?? 0) > 0);
  expect(seeded.events.published).toBeGreaterThan(0);

  const cli = (script: string, ...args: string[]) =>
    execFileSync(tsx, [script, ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_OPTIONS: '' },
      encoding: 'utf8',
    }).trim();
  const mintToken = (...args: string[]) => cli('local/token.ts', ...args);
  const token = mintToken('records:write', '--client', 'e2e');
  // The token CLI registers dev clients with claims; the registry decides what the token says.
  expect(decodeJwt(mintToken('merchants:write', '--district', 'jingan'))).toMatchObject({
    client_id: 'dev-jingan',
    district: 'jingan',
    scope: 'credit-plus/merchants:write',
  });
  // A client registered with the clients CLI gets tokens from the token endpoint with its own secret.
  const added = cli('local/clients-cli.ts', 'add', 'e2e-buyer', '--scope', 'procurement:check');
  const secret = /client secret \(shown once\): (\S+)/.exec(added)?.[1] ?? '';
  expect(cli('local/clients-cli.ts', 'list')).toContain('e2e-buyer  procurement:check');
  const granted = await fetch(url('/oauth2/token'), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`e2e-buyer:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'credit-plus/procurement:check' }),
  });
  expect(granted.status).toBe(200);
  const buyerToken = ((await granted.json()) as { access_token: string }).access_token;
  const ownChecks = await fetch(url('/v1/procurement/projects/NONE/checks'), {
    headers: { authorization: `Bearer ${buyerToken}` },
  });
  expect(ownChecks.status).toBe(200);
  expect(mintToken('procurement:check', '--client', 'e2e-buyer', '--secret', secret)).toMatch(/^ey/);
  cli('local/clients-cli.ts', 'remove', 'e2e-buyer');
  expect(cli('local/clients-cli.ts', 'list')).not.toContain('e2e-buyer');
  const demoChecks = (await (
    await fetch(url('/v1/procurement/projects/SHZC-DEMO-2026-001/checks'), {
      headers: { authorization: `Bearer ${mintToken('procurement:check')}` },
    })
  ).json()) as { items: { summary: Record<string, number> }[] };
  const demoCheck = demoChecks.items[0]!;
  expect(demoCheck.summary.eligible).toBeGreaterThan(0);
  expect(demoCheck.summary.ineligible).toBeGreaterThan(0);
  expect(demoCheck.summary.review).toBeGreaterThan(0);
  const uscc = buildUscc({ orgCodeBody: 'MA1E2E01' });
  const e2eRecord = {
    recordId: 'E2E-1',
    subject: { uscc, name: '上海端到端测试有限公司' },
    category: 'major-tax-violation',
    severity: 'serious',
    authority: '国家税务总局上海市税务局',
    decisionNumber: '沪税稽罚〔2026〕9号',
    decidedAt: '2026-01-05',
    validFrom: '2026-01-06',
  };
  const ingest = await fetch(url('/v1/credit-records'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ records: [e2eRecord] }),
  });
  expect(ingest.status).toBe(200);
  // The subscriber (its own worker) builds the subject's summary from the published event.
  const summary = () =>
    withDatabase((database) =>
      database.send(
        new GetItemCommand({ TableName: 'credit-plus', Key: marshall({ pk: `SUBJ#${uscc}`, sk: 'SUMMARY' }) }),
      ),
    ).then(({ Item }) => (Item ? unmarshall(Item) : undefined));
  const built = await eventually(summary, (item) => item !== undefined);
  expect(built?.records).toEqual([expect.objectContaining({ recordId: 'E2E-1' })]);

  expect(await stopRuntime(runtime)).toBe(0);
  output = '';
  const restartedAt = Date.now();
  runtime = await startRuntime();
  expect(output).not.toContain('demo data loaded');
  const profile = await (await fetch(url(`/v1/subjects/${uscc}/credit-profile`))).json();
  expect(profile).toMatchObject({ counts: { 'major-tax-violation': 1 }, flags: { onDishonestyList: true } });
  // The restarted poller resumes after the last record it handled: every event in the stream,
  // the new one included, is published exactly once across both runs.
  const second = await fetch(url('/v1/credit-records'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ records: [{ ...e2eRecord, recordId: 'E2E-2' }] }),
  });
  expect(second.status).toBe(200);
  const streamedEvents = () =>
    withStreams(async (streams) => {
      const { Table } = await withDatabase((database) =>
        database.send(new DescribeTableCommand({ TableName: 'credit-plus' })),
      );
      return (await readWholeStream(streams, Table?.LatestStreamArn ?? '')).flatMap(outboxEventsOf).length;
    });
  const resumed = await eventually(
    async () => ({ health: await health(), streamed: await streamedEvents() }),
    ({ health: h, streamed }) => h.events.published === streamed,
  );
  expect(resumed.health.events.published).toBe(resumed.streamed);
  expect(Date.parse(resumed.health.events.lastPassAt ?? '')).toBeGreaterThan(restartedAt);
});
