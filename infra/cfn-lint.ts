import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './naming.js';

/** cfn-lint is a Python tool: present on PATH or not, never an npm dependency. */
export function cfnLintAvailable(): boolean {
  return spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Every template of a cloud assembly: the core stack's and each nested stack's. */
export function templatesIn(assemblyDir: string): string[] {
  return readdirSync(assemblyDir)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => join(assemblyDir, file));
}

/**
 * Runs cfn-lint from the repository root, so it reads `.cfnlintrc.yaml` there (the documented
 * ignores). Exit status 0: no errors and no warnings that are not ignored.
 */
export function runCfnLint(templates: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync('cfn-lint', ['--', ...templates], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
