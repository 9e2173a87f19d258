import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildBuildOptions, functionBundle } from '../infra/bundling.js';
import { repositoryRoot } from '../local/settings.js';
import { scenarios } from '../scenarios.js';
import { median, round } from './stats.js';

export const BUDGET_KB = 450;
export const BUDGET_RATIO_TO_SDK = 1.15;
const RUNS = 25;

export interface BundleResult {
  name: string;
  sizeKb: number;
  startMs: number;
  ratioToEmpty: number;
  ratioToSdkFloor: number;
  withinBudget: boolean;
  largestInputs: { path: string; kb: number }[];
}

/** The references every bundle is compared with, built the same way. */
const references = {
  'reference: empty handler': 'export const handler = async () => ({ statusCode: 200 });',
  'reference: DynamoDB client only': [
    "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
    "import { fromEnv } from '@aws-sdk/credential-provider-env';",
    'const client = new DynamoDBClient({ credentials: fromEnv() });',
    "export const handler = async () => client.send(new GetItemCommand({ TableName: 't', Key: {} }));",
  ].join('\n'),
};

async function bundle(name: string, outdir: string, source: { entry: string } | { contents: string }) {
  mkdirSync(outdir, { recursive: true });
  const options = esbuildBuildOptions('entry' in source ? source.entry : 'stdin', outdir);
  const result = await build({
    ...options,
    ...('contents' in source
      ? { entryPoints: undefined, stdin: { contents: source.contents, resolveDir: repositoryRoot, loader: 'ts' } }
      : {}),
    metafile: true,
    logLevel: 'silent',
  });
  const file = join(outdir, functionBundle.outputFile);
  // The bundle itself, not its `.map` (whose inputs are empty).
  const inputs =
    Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(functionBundle.outputFile))?.[1].inputs ??
    {};
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match?.[1] ?? 'our code';
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  const largestInputs = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([path, bytes]) => ({ path, kb: round(bytes / 1024, 1) }));
  return { name, file, sizeKb: round(statSync(file).size / 1024, 1), largestInputs };
}

/** Wall time to start a fresh Node 24 process that imports the bundle, as a cold Lambda does. */
function startTime(file: string): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)});`],
    {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'cn-north-1',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
        TABLE_NAME: 'credit-plus',
        EVENT_BUS_NAME: 'bus',
        NODE_OPTIONS: '',
      },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Every function bundle as the CDK app builds it: its size, what fills it, and its cold start as
 * a ratio to an empty bundle and to the DynamoDB-client-only floor, timed in the same run.
 */
export async function measureColdStarts(log: (line: string) => void) {
  const outRoot = mkdtempSync(join(tmpdir(), 'credit-plus-bundles-'));
  try {
    const entries = [
      ...scenarios.flatMap((scenario) => [
        ...scenario.routes
          .filter((route) => !route.localOnly)
          .map((route) => ({ name: route.id, entry: join(repositoryRoot, route.handler) })),
        ...scenario.subscriptions.map((subscription) => ({
          name: subscription.id,
          entry: join(repositoryRoot, subscription.handler),
        })),
      ]),
      { name: 'outbox-publisher', entry: join(repositoryRoot, 'shared/outbox-publisher/handler.ts') },
    ];
    log(`cold start: bundling ${entries.length} functions and 2 references`);
    const built = [];
    for (const [name, contents] of Object.entries(references))
      built.push(await bundle(name, join(outRoot, name.replace(/\W+/g, '-')), { contents }));
    for (const { name, entry } of entries) built.push(await bundle(name, join(outRoot, name), { entry }));

    log(`cold start: ${RUNS} fresh processes per bundle, interleaved`);
    const timings = new Map<string, number[]>(built.map((b) => [b.name, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const b of built) timings.get(b.name)!.push(startTime(b.file));
    }
    const startOf = (name: string) => median(timings.get(name)!);
    const empty = startOf('reference: empty handler');
    const sdk = startOf('reference: DynamoDB client only');
    return built.map((b): BundleResult => {
      const startMs = startOf(b.name);
      const ratioToSdkFloor = round(startMs / sdk, 2);
      const isReference = b.name.startsWith('reference:');
      return {
        name: b.name,
        sizeKb: b.sizeKb,
        startMs: round(startMs, 1),
        ratioToEmpty: round(startMs / empty, 2),
        ratioToSdkFloor,
        withinBudget: isReference || (b.sizeKb <= BUDGET_KB && ratioToSdkFloor <= BUDGET_RATIO_TO_SDK),
        largestInputs: b.largestInputs,
      };
    });
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
}
