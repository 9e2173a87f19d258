import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  source: string;
}

export interface Violation {
  file: string;
  imports: string;
  rule: 'deep-import-across-scenarios' | 'infrastructure-in-domain';
}

const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
/** What domain code must not know: the AWS SDK, Lambda's types, middy and the HTTP kernel. */
const infrastructure = [/^@aws-sdk\//, /^aws-lambda$/, /^@middy\//, /^shared\/http\//];

/** Files of a scenario that adapt it to the outside world; every other non-test file is domain code. */
const isAdapter = (inScenario: string) =>
  /^(handlers\/|manifest\.ts$|routes\.ts$|public\.ts$|testing\.ts$)/.test(inScenario) ||
  /(^|\/)store\.ts$/.test(inScenario);

const isTest = (path: string) => path.endsWith('.test.ts');

/** A scenario's face to the others: `public.ts`, and for tests also `testing.ts`. */
const isFace = (inScenario: string, fromTest: boolean) =>
  inScenario === 'public.ts' || (fromTest && inScenario === 'testing.ts');

/** `functions/<id>/…`, or `functions/__fixtures__/<id>/…` for scenarios that exist only for tests. */
function scenarioOf(path: string): { scenario: string; inScenario: string } | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'functions') return undefined;
  const depth = parts[1] === '__fixtures__' ? 3 : 2;
  if (parts.length <= depth) return undefined;
  return { scenario: parts.slice(1, depth).join('/'), inScenario: parts.slice(depth).join('/') };
}

function resolveSpecifier(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/**
 * The boundaries ARCHITECTURE.md decides: a scenario reaches another only through its
 * `public.ts` (and events), and domain modules import neither the AWS SDK nor the HTTP kernel.
 */
export function importViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const own = scenarioOf(file.path);
    for (const match of file.source.matchAll(importPattern)) {
      const target = resolveSpecifier(file.path, match[1] as string);
      const other = scenarioOf(target);
      if (own && other && other.scenario !== own.scenario && !isFace(other.inScenario, isTest(file.path))) {
        violations.push({ file: file.path, imports: target, rule: 'deep-import-across-scenarios' });
      }
      if (own && !isTest(file.path) && !isAdapter(own.inScenario) && infrastructure.some((p) => p.test(target))) {
        violations.push({ file: file.path, imports: target, rule: 'infrastructure-in-domain' });
      }
    }
  }
  return violations;
}

/** Every TypeScript file under the given top-level folders of the repository. */
export function sourceFiles(root: string, folders: readonly string[]): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
  return folders.flatMap((folder) =>
    walk(join(root, folder)).map((path) => ({
      path: relative(root, path).split(sep).join('/'),
      source: readFileSync(path, 'utf8'),
    })),
  );
}

export const repositoryRootOf = (moduleUrl: string) => join(dirname(new URL(moduleUrl).pathname), '..', '..');
