import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { workerInput } from '../functions/care/testing.js';
import { demoCreditRecords, demoShoppingRosters } from '../local/demo-data.js';
import { freePort, localDynamoClient } from '../local/dynamodb-local.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET, LOCAL_SCOPE_PREFIX, persistentIssuer } from '../local/issuer.js';
import { localPlatformConfig } from '../local/platform.js';
import { ensureDevClient } from '../local/registry-access.js';
import { issuerKeyFileIn, TABLE_NAME } from '../local/runtime.js';
import { repositoryRoot } from '../local/settings.js';
import { requestToken } from '../local/token-client.js';
import { validateRegistration } from '../shared/clients/client.js';
import { buildUscc } from '../shared/uscc.js';
import { CALLS_PER_PATH, measurePublicReads, type PublicRead, type PublicReadsResult } from './public-reads.js';
import { median, round } from './stats.js';

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
/** The runtime's and the in-process handlers' log level: a bench logs only what goes wrong. */
const LOG_LEVEL = 'WARN';

async function startRuntimeProcess(port: number, dataDir: string) {
  const child = spawn(join(repositoryRoot, 'node_modules/.bin/tsx'), ['local/server.ts', '--in-memory'], {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL, NODE_OPTIONS: '' },
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

/** No badge is looked up more often than this, under any per-badge limit the route has had (20, or failures only). */
const LOOKUPS_PER_BADGE = 15;

/**
 * Opens enough worker badges through the API, as an agency would, for the bench's lookups (by
 * the function and through the runtime) to spread over them; returns each badge with its code.
 */
async function openLookupBadges(url: string, databaseEndpoint: string, agency: string, lookups: number) {
  const db = localDynamoClient(databaseEndpoint);
  const clientId = `dev-${agency}`;
  await ensureDevClient(db, TABLE_NAME, validateRegistration({ clientId, scopes: ['care:write'], agency }));
  db.destroy();
  const token = await requestToken(url, { clientId, clientSecret: DEV_CLIENT_SECRET, scopes: ['care:write'] });
  const badges: { badgeNo: string; code: string }[] = [];
  for (let index = 0; index < Math.ceil(lookups / LOOKUPS_PER_BADGE); index++) {
    const badgeNo = `BENCH-L${index}`;
    const opened = await fetch(`${url}/v1/care/agencies/${agency}/workers/${badgeNo}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(workerInput(100 + index)),
    });
    if (opened.status !== 201) throw new Error(`opening worker badge ${badgeNo} failed: ${opened.status}`);
    const { lookupCode } = (await opened.json()) as { lookupCode: string };
    badges.push({ badgeNo, code: lookupCode });
  }
  return badges;
}

/** The public reads the issue times; the worker lookup and the agency profile carry its 3× target. */
function publicReads(careAgencies: string[], badges: { badgeNo: string; code: string }[]): PublicRead[] {
  let lookups = 0;
  const ranked = demoShoppingRosters.at(-1)!.period;
  return [
    {
      name: 'GET credit profile',
      routeId: 'platform.get-credit-profile',
      request: () => ({ params: { uscc: demoCreditRecords[0]!.subject.uscc } }),
    },
    {
      name: 'GET care agency profile',
      routeId: 'care.get-agency',
      targetRatio: 3,
      request: () => ({ params: { uscc: careAgencies[42]! } }),
    },
    {
      name: 'POST care worker lookup',
      routeId: 'care.lookup-worker',
      targetRatio: 3,
      request: () => ({ params: {}, body: badges[lookups++ % badges.length] }),
    },
    {
      // The demo data's latest half-year: five districts, one Query of their sums.
      name: `GET shopping ranking (${ranked})`,
      routeId: 'shopping.ranking',
      request: () => ({ params: { period: ranked } }),
    },
    {
      name: 'GET care agency search, a rare name fragment over 5,000 agencies',
      routeId: 'care.search-agencies',
      request: () => ({ params: {}, query: `q=${encodeURIComponent('服务4999号')}` }),
    },
  ];
}

interface Scenario {
  name: string;
  path: string;
  connections: number;
  options: Partial<autocannon.Options>;
}

export interface LatencyOutput {
  publicReads: PublicReadsResult;
  /** Load through the local runtime, as ratios to the GetItem floor of `publicReads`. */
  routes: LatencyResult[];
}

/**
 * Warm latency against DynamoDB Local's raw GetItem floor: the public reads one request at a
 * time, as functions and through the local runtime (a separate process, as a user runs it);
 * the writes under load through the runtime, each as the median of several autocannon runs.
 */
export async function measureLatency(log: (line: string) => void): Promise<LatencyOutput> {
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
    const badges = await openLookupBadges(url, databaseEndpoint, careAgencies[0]!, 2 * CALLS_PER_PATH);
    // Timed before the write load tests: their events keep the subscribers busy for a while after.
    log('latency: public reads, function and runtime, interleaved with GetItem');
    const issuerKeyFile = issuerKeyFileIn(dataDir);
    const readsStarted = Date.now();
    const publicReadTimings = await measurePublicReads({
      reads: publicReads(careAgencies, badges),
      runtimeUrl: url,
      databaseEndpoint,
      platform: localPlatformConfig({
        table: TABLE_NAME,
        endpoint: databaseEndpoint,
        issuer: await persistentIssuer(issuerKeyFile, { scopePrefix: LOCAL_SCOPE_PREFIX }),
        logLevel: LOG_LEVEL,
        dataDir,
        issuerKeyFile,
        publicOrigin: url,
      }),
    });
    log(`latency: public reads timed in ${Math.round((Date.now() - readsStarted) / 1000)} s`);
    const floorP50 = publicReadTimings.floor.p50Ms;
    const scenarios: Scenario[] = [
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
        ratioToGetItem: round(p50 / floorP50, 1),
        overheadMs: round(p50 - floorP50, 2),
        errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
      });
    }
    return { publicReads: publicReadTimings, routes };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
