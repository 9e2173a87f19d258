import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../local/settings.js';
import { BUDGET_KB, BUDGET_RATIO_TO_SDK, measureColdStarts } from './cold-start.js';
import { measureCost } from './cost.js';
import { renderCostDoc } from './cost-model.js';
import { measureLatency } from './latency.js';
import { renderMarkdown, renderTables } from './report.js';
import { measureWebPages, WEB_BUDGET } from './web.js';

// `npm run bench [-- --write] [-- --only=cost,latency,cold-start,web]`: speed and cost side by side.
const write = process.argv.includes('--write');
const onlyArgument = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length);
const sections = new Set((onlyArgument ?? 'cold-start,latency,cost,web').split(','));
const log = (line: string) => console.error(`[bench] ${line}`);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};

const started = Date.now();
const results = {
  generatedAt: new Date().toISOString(),
  machine,
  budgets: { bundleKb: BUDGET_KB, importRatioToSdkFloor: BUDGET_RATIO_TO_SDK, check500Ms: 1000, web: WEB_BUDGET },
  ...(sections.has('cold-start') ? { coldStart: await measureColdStarts(log) } : {}),
  ...(sections.has('latency') ? { latency: await measureLatency(log) } : {}),
  ...(sections.has('cost') ? await measureCost(log) : {}),
  ...(sections.has('web') ? { web: await measureWebPages(log) } : {}),
};
const output = { ...results, durationSeconds: Math.round((Date.now() - started) / 1000) };

console.log(renderTables(output));
mkdirSync(join(repositoryRoot, 'bench'), { recursive: true });
writeFileSync(join(repositoryRoot, 'bench/results.json'), `${JSON.stringify(output, null, 2)}\n`);
log('wrote bench/results.json');
if (write) {
  writeFileSync(join(repositoryRoot, 'BENCHMARKS.md'), renderMarkdown(output));
  log('wrote BENCHMARKS.md');
  if (output.costs) {
    writeFileSync(join(repositoryRoot, 'docs/cost.md'), renderCostDoc(output));
    log('wrote docs/cost.md');
  }
}
