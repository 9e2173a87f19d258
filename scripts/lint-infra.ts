import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cfnLintAvailable, runCfnLint, templatesIn } from '../infra/cfn-lint.js';

// `npm run lint:infra [-- -c stage=prod …]`: synthesise into a fresh directory (so no template of
// an earlier synthesis is linted), then cfn-lint every template, nested ones included.
if (!cfnLintAvailable()) {
  console.error('lint:infra: cfn-lint is not on PATH (pip install cfn-lint); nothing was linted.');
  process.exit(1);
}
const outdir = mkdtempSync(join(tmpdir(), 'credit-plus-lint-'));
try {
  const synth = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', outdir, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (synth.status !== 0) process.exit(synth.status ?? 1);
  const templates = templatesIn(outdir);
  const lint = runCfnLint(templates);
  process.stdout.write(lint.output);
  console.log(`lint:infra: cfn-lint ${lint.status === 0 ? 'passed' : 'FAILED'} on ${templates.length} templates.`);
  process.exitCode = lint.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
