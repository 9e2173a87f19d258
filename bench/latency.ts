import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { workerInput } from '../functions/care/testing.js';
import { freePort, localDynamoClient } from '../local/dynamodb-local.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from '../local/issuer.js';
import { ensureDevClient } from '../local/registry-access.js';
import { TABLE_NAME } from '../local/runtime.js';
import { repositoryRoot } from '../local/settings.js';
import { requestToken } from '../local/token-client.js';
import { validateRegistration } from '../shared/clients/client.js';
import { buildUscc } from '../shared/uscc.js';
import { median, percentile, round } from './stats.js';

export interface LatencyResult {
  name: string;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** The route's median latency over the raw GetItem median, both measured in this run. */
  ratioToGetItem: number;
  overheadMs: number;
  errors: number;
}

const RUNS = 3;
const SECONDS = 3;

async function startRuntimeProcess(port: number, dataDir: string) {
  const child = spawn(join(repositoryRoot, 'node_modules/.bin/tsx'), ['local/server.ts', '--in-memory'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const databaseEndpoint = await new Promise<string>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DynamoDB Local: (\S+)/.exec(output);
      if (match?.[1] && output.includes('Ctrl-C')) ready(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`runtime exited with ${code}: ${output}`)));
  });
  return { child, databaseEndpoint };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGINT');
  });

const CARE_AGENCIES = 5_000;
const careDistricts = [
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '浦东新区',
];
const careKinds = ['elderly-care-institution', 'home-care-service', 'domestic-service'] as const;

/** Registers the agencies (8 at a time) through the API, as the regulator would; returns their codes. */
async function registerCareAgencies(url: string, admin: string): Promise<string[]> {
  const usccs = Array.from({ length: CARE_AGENCIES }, (_, index) =>
    buildUscc({ orgCodeBody: `MC${String(index).padStart(6, '0')}` }),
  );
  let next = 0;
  const worker = async () => {
    while (next < usccs.length) {
      const index = next++;
      const kind = careKinds[index % careKinds.length]!;
      const register = () =>
        fetch(`${url}/v1/care/agencies/${usccs[index]}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({
            name: `上海基准${kind === 'domestic-service' ? '家政' : '养老'}服务${index}号`,
            kind,
            district: careDistricts[index % careDistricts.length],
            address: `上海市基准路 ${index} 号`,
            services: ['照护'],
          }),
        });
      let response = await register();
      // Registrations into one district's directory item can collide (409, retry): the regulator retries.
      while (response.status === 409) response = await register();
      if (response.status >= 300) throw new Error(`registering a care agency failed: ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return usccs;
}

/**
 * The public worker lookup, timed one request at a time: its rate limit (per address and per
 * badge) refuses any load test, which is its purpose, so 24 lookups over two badges are timed.
 */
async function workerLookupLatency(url: string, databaseEndpoint: string, agency: string, getItemP50: number) {
  const db = localDynamoClient(databaseEndpoint);
  const clientId = `dev-${agency}`;
  await ensureDevClient(db, TABLE_NAME, validateRegistration({ clientId, scopes: ['care:write'], agency }));
  db.destroy();
  const token = await requestToken(url, { clientId, clientSecret: DEV_CLIENT_SECRET, scopes: ['care:write'] });
  const timings: number[] = [];
  for (const [index, badgeNo] of ['BENCH-L1', 'BENCH-L2'].entries()) {
    const opened = await fetch(`${url}/v1/care/agencies/${agency}/workers/${badgeNo}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(workerInput(900 + index)),
    });
    const { lookupCode } = (await opened.json()) as { lookupCode: string };
    for (let attempt = 0; attempt < 12; attempt++) {
      const started = performance.now();
      const response = await fetch(`${url}/v1/care/worker-lookups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ badgeNo, code: lookupCode }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`worker lookup failed: ${response.status}`);
      timings.push(performance.now() - started);
    }
  }
  const p50 = percentile(timings, 50);
  return {
    name: 'POST worker lookup (public, sequential)',
    p50Ms: round(p50, 2),
    p99Ms: round(percentile(timings, 99), 2),
    requestsPerSecond: round(1000 / median(timings), 1),
    ratioToGetItem: round(p50 / getItemP50, 1),
    overheadMs: round(p50 - getItemP50, 2),
    errors: 0,
  } satisfies LatencyResult;
}

/** The floor: one GetItem at a time straight to DynamoDB Local, timed in this process. */
async function getItemLoop(endpoint: string, seconds: number) {
  const client = localDynamoClient(endpoint);
  const timings: number[] = [];
  const key = { pk: { S: 'SYS#PUBLISHER' }, sk: { S: 'CHECKPOINT' } };
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    await client.send(new GetItemCommand({ TableName: 'credit-plus', Key: key }));
    timings.push(performance.now() - started);
  }
  client.destroy();
  return { p50: percentile(timings, 50), p99: percentile(timings, 99), rps: timings.length / seconds };
}

interface Scenario {
  name: string;
  path: string;
  connections: number;
  options: Partial<autocannon.Options>;
}

/**
 * Warm latency of representative routes through the local runtime (a separate process, as a
 * user runs it), each as the median of several runs, against a raw GetItem loop in the same run.
 */
export async function measureLatency(
  log: (line: string) => void,
): Promise<{ getItem: { p50Ms: number; p99Ms: number; requestsPerSecond: number }; routes: LatencyResult[] }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-plus-bench-'));
  log('latency: starting the local runtime');
  const { child, databaseEndpoint } = await startRuntimeProcess(port, dataDir);
  try {
    const url = `http://127.0.0.1:${port}`;
    const devClient = { clientId: DEFAULT_CLIENT_ID, clientSecret: DEV_CLIENT_SECRET };
    const writer = await requestToken(url, { ...devClient, scopes: ['records:write'] });
    const buyer = await requestToken(url, { ...devClient, scopes: ['procurement:check'] });
    const suppliers = Array.from({ length: 500 }, (_, index) => ({
      uscc: buildUscc({ orgCodeBody: `MB${String(index).padStart(6, '0')}` }),
      name: `上海基准测试${index}号有限公司`,
    }));
    const json = { 'content-type': 'application/json' };
    const record = {
      recordId: 'BENCH-[<id>]',
      subject: suppliers[1],
      category: 'administrative-penalty',
      severity: 'general',
      authority: '上海市市场监督管理局',
      decisionNumber: '沪市监处〔2026〕[<id>]号',
      decidedAt: '2026-02-01',
      validFrom: '2026-02-02',
      penalty: { types: ['warning'] },
    };
    log('latency: registering 5,000 care agencies');
    const careAgencies = await registerCareAgencies(
      url,
      await requestToken(url, { ...devClient, scopes: ['care:admin'] }),
    );
    const scenarios: Scenario[] = [
      {
        name: 'GET care agency profile (public)',
        path: `/v1/care/agencies/${careAgencies[42]}`,
        connections: 4,
        options: {},
      },
      {
        name: 'GET care agency search, a rare name fragment over 5,000 agencies (public)',
        path: `/v1/care/agencies?q=${encodeURIComponent('服务4999号')}`,
        connections: 4,
        options: {},
      },
      {
        name: 'GET care agency search, name fragment over 5,000 agencies (public)',
        path: `/v1/care/agencies?q=${encodeURIComponent('养老')}&limit=20`,
        connections: 4,
        options: {},
      },
      {
        name: 'GET credit profile (public)',
        path: `/v1/subjects/${suppliers[1]!.uscc}/credit-profile`,
        connections: 4,
        options: {},
      },
      {
        // The demo data's second half-year: five districts, one Query of their sums.
        name: 'GET shopping ranking (public)',
        path: '/v1/shopping/periods/2026H2/districts',
        connections: 4,
        options: {},
      },
      {
        name: 'POST ingest 1 new record',
        connections: 4,
        path: '/v1/credit-records',
        options: {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${writer}` },
          body: JSON.stringify({ records: [record] }),
          idReplacement: true,
        },
      },
      {
        name: 'POST check of 1 supplier',
        connections: 4,
        path: '/v1/procurement/checks',
        options: {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${buyer}` },
          body: JSON.stringify({ projectId: 'BENCH-1', purchaser: '基准', suppliers: suppliers.slice(0, 1) }),
        },
      },
      {
        name: 'POST check of 500 suppliers',
        connections: 1,
        path: '/v1/procurement/checks',
        options: {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${buyer}` },
          body: JSON.stringify({ projectId: 'BENCH-500', purchaser: '基准', suppliers }),
        },
      },
    ];
    const baselines = [];
    for (let run = 0; run < RUNS; run++) baselines.push(await getItemLoop(databaseEndpoint, SECONDS));
    const getItem = {
      p50Ms: round(median(baselines.map((b) => b.p50)), 3),
      p99Ms: round(median(baselines.map((b) => b.p99)), 3),
      requestsPerSecond: round(median(baselines.map((b) => b.rps)), 0),
    };
    // Timed before the write load tests: their events keep the subscribers busy for a while after.
    log('latency: worker lookups (sequential: the rate limit allows no load test)');
    const workerLookup = await workerLookupLatency(url, databaseEndpoint, careAgencies[0]!, getItem.p50Ms);
    const routes: LatencyResult[] = [];
    for (const scenario of scenarios) {
      log(`latency: ${scenario.name}`);
      const runs: autocannon.Result[] = [];
      for (let run = 0; run < RUNS; run++) {
        runs.push(
          await autocannon({
            url: `${url}${scenario.path}`,
            connections: scenario.connections,
            duration: SECONDS,
            ...scenario.options,
          }),
        );
      }
      const p50 = median(runs.map((r) => r.latency.p50));
      routes.push({
        name: scenario.name,
        p50Ms: round(p50, 2),
        p99Ms: round(median(runs.map((r) => r.latency.p99)), 2),
        requestsPerSecond: round(median(runs.map((r) => r.requests.average)), 1),
        ratioToGetItem: round(p50 / getItem.p50Ms, 1),
        overheadMs: round(p50 - getItem.p50Ms, 2),
        errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
      });
    }
    routes.push(workerLookup);
    return { getItem, routes };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
