import type { BundleResult } from './cold-start.js';
import type { OperationCost, ScalingPoint } from './cost.js';
import type { LatencyOutput } from './latency.js';
import type { PublicReadResult, PublicReadsResult } from './public-reads.js';
import type { WebPageResult } from './web.js';

export interface BenchOutput {
  generatedAt: string;
  durationSeconds: number;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  budgets: {
    bundleKb: number;
    importRatioToSdkFloor: number;
    check500Ms: number;
    web?: { jsGzipKb: number; firstRenderMs: number };
  };
  coldStart?: BundleResult[];
  latency?: LatencyOutput;
  costs?: OperationCost[];
  scaling?: {
    points: ScalingPoint[];
    msPerSupplier: { slope: number; intercept: number; r2: number };
    requestsPerSupplier: number;
    readUnitsPerSupplier: number;
  };
  web?: {
    throttle: { cpuSlowdown: number; latencyMs: number; downloadKbps: number; uploadKbps: number };
    runs: number;
    pages: WebPageResult[];
  };
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(cells[0]!),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

const publicReadsNote = (timings: PublicReadsResult) =>
  `Floor, function and runtime were timed in one run, interleaved: ${timings.rounds} rounds in which the floor and ` +
  `each row make ${timings.callsPerRound} calls in a row, one request at a time, after a warm-up (p50/p90 over all ` +
  'calls; × = p50 over the floor p50). Floor: one GetItem from the bench process to DynamoDB Local. Function: the ' +
  "route's handler module called in the bench process as Lambda calls it (its API Gateway event in, its result out) " +
  "with the environment the local platform gives it, what the issue's targets judge. Runtime: the same request over " +
  "HTTP to the local runtime process (HTTP server, local API Gateway, the function's worker thread), what a local " +
  'user sees. Each call comes from its own address; the worker lookups spread over enough badges for any per-badge limit.';

function publicReadsTable(reads: PublicReadResult[], floorP50Ms: number): string {
  const target = (read: PublicReadResult) =>
    read.targetRatio === undefined
      ? ''
      : `${read.function.ratio <= read.targetRatio ? 'within' : 'OVER'} ${read.targetRatio}×`;
  return table(
    [
      'route',
      'floor p50 ms',
      'function p50 ms',
      'function p90 ms',
      'function × floor',
      'runtime p50 ms',
      'runtime p90 ms',
      'runtime × floor',
      'target (function)',
    ],
    reads.map((read) => [
      read.name,
      floorP50Ms,
      read.function.p50Ms,
      read.function.p90Ms,
      read.function.ratio,
      read.runtime.p50Ms,
      read.runtime.p90Ms,
      read.runtime.ratio,
      target(read),
    ]),
  );
}

function sections(output: BenchOutput): { title: string; body: string }[] {
  const parts: { title: string; body: string }[] = [];
  if (output.coldStart) {
    parts.push({
      title: '1. Cold start (bundles built as the CDK app builds them; start = fresh Node process + import, median)',
      body: table(
        ['bundle', 'KB', 'start ms', '× empty', '× SDK floor', 'budget', 'largest parts (KB)'],
        output.coldStart.map((b) => [
          b.name,
          b.sizeKb,
          b.startMs,
          b.ratioToEmpty,
          b.ratioToSdkFloor,
          b.name.startsWith('reference') ? '' : b.withinBudget ? 'ok' : 'OVER',
          b.largestInputs.map((input) => `${input.path} ${input.kb}`).join(', '),
        ]),
      ),
    });
  }
  if (output.latency) {
    const { publicReads, routes } = output.latency;
    const { floor } = publicReads;
    parts.push({
      title: `2a. Public reads, one request at a time: the function and the local runtime against the raw GetItem floor (p50 ${floor.p50Ms} ms, p90 ${floor.p90Ms} ms)`,
      body: [publicReadsNote(publicReads), '', publicReadsTable(publicReads.reads, floor.p50Ms)].join('\n'),
    });
    parts.push({
      title: `2b. Writes under load through the local runtime (autocannon, median of runs; × the GetItem floor p50 of 2a)`,
      body: table(
        ['route', 'p50 ms', 'p99 ms', 'req/s', '× GetItem p50', 'overhead ms', 'errors'],
        routes.map((r) => [r.name, r.p50Ms, r.p99Ms, r.requestsPerSecond, r.ratioToGetItem, r.overheadMs, r.errors]),
      ),
    });
  }
  if (output.costs) {
    parts.push({
      title: '3. Cost per operation (DynamoDB requests and capacity units from ReturnConsumedCapacity)',
      body: table(
        ['operation', 'per', 'requests', 'RCU', 'WCU', 'note'],
        output.costs.map((c) => [c.operation, c.per, c.requests, c.readUnits, c.writeUnits, c.note ?? '']),
      ),
    });
  }
  if (output.scaling) {
    const s = output.scaling;
    parts.push({
      title: `4. Scaling of a supplier check (in process): ${s.msPerSupplier.slope} ms, ${s.requestsPerSupplier} requests and ${s.readUnitsPerSupplier} RCU per added supplier (time fit R² ${s.msPerSupplier.r2})`,
      body: table(
        ['suppliers', 'median ms', 'requests', 'RCU', 'WCU'],
        s.points.map((p) => [p.suppliers, p.medianMs, p.requests, p.readUnits, p.writeUnits]),
      ),
    });
  }
  if (output.web) {
    const { throttle, runs, pages } = output.web;
    parts.push({
      title: `5. Public pages on a throttled phone (360 px, CPU ${throttle.cpuSlowdown}× slower, ${throttle.latencyMs} ms RTT, ${throttle.downloadKbps} kbit/s down, empty cache; median of ${runs})`,
      body: table(
        ['page', 'JS KB gzip', 'first paint ms', 'content ms', 'budget'],
        pages.map((p) => [p.page, p.jsGzipKb, p.firstPaintMs, p.contentMs, p.withinBudget ? 'ok' : 'OVER']),
      ),
    });
  }
  return parts;
}

export function renderTables(output: BenchOutput): string {
  return sections(output)
    .map((part) => `\n${part.title}\n${part.body}`)
    .join('\n');
}

export function renderMarkdown(output: BenchOutput): string {
  const m = output.machine;
  return [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench -- --write\` on ${output.generatedAt.slice(0, 10)} in ${output.durationSeconds} s: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}. Timings are noisy on a shared 2-core machine: read the ratios against the references measured in the same run, not the absolute milliseconds. Capacity figures are deterministic and feed docs/cost.md.`,
    '',
    `Budgets: bundle ≤ ${output.budgets.bundleKb} KB, cold start ≤ ${output.budgets.importRatioToSdkFloor}× the DynamoDB-client-only floor, a 500-supplier check < ${output.budgets.check500Ms} ms through the local runtime.`,
    ...sections(output).flatMap((part) => ['', `## ${part.title}`, '', part.body]),
    '',
  ].join('\n');
}
