import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { platformRoutes } from '../functions/platform/routes.js';
import { createCheckBodySchema } from '../functions/procurement/routes.js';
import { demoProcurementProject, demoSubjects } from '../local/demo-data.js';
import { repositoryRoot } from '../local/settings.js';
import { parseUscc } from '../shared/uscc.js';

/** What a user pastes from the README on a fresh clone must work: files, scripts, ids. */
const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
const examples = readdirSync(join(repositoryRoot, 'examples')).map((name) => `examples/${name}`);
const read = (path: string) => readFileSync(join(repositoryRoot, path), 'utf8');
const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);

test('every file the README names under examples/ exists, and every example is named', () => {
  const named = [...new Set(readme.match(/examples\/[\w.-]+\.json/g) ?? [])];
  expect(named.filter((path) => !existsSync(join(repositoryRoot, path)))).toEqual([]);
  expect(examples.sort()).toEqual(named.sort());
});

test('every `npm run` in the README is a script of package.json', () => {
  const used = [...readme.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((match) => match[1]);
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter((name) => !scripts.includes(name!))).toEqual([]);
});

test('the example bodies pass the schemas of the routes they are sent to', () => {
  const records = z.safeParse(
    platformRoutes.ingestCreditRecords.body,
    JSON.parse(read('examples/credit-records.json')),
  );
  expect(records.success ? [] : records.error.issues).toEqual([]);
  const check = z.safeParse(createCheckBodySchema, JSON.parse(read('examples/procurement-check.json')));
  expect(check.success ? [] : check.error.issues).toEqual([]);
});

test('the demo company and project the README reads are in the demo data', () => {
  const demo = new Set(demoSubjects.map((subject) => subject.uscc));
  const profiled = [...readme.matchAll(/\/v1\/subjects\/(\w+)\/credit-profile/g)].map((match) => match[1]);
  expect(profiled.length).toBeGreaterThan(0);
  for (const uscc of profiled) expect(demo.has(uscc!)).toBe(true);
  expect(readme).toContain(`/v1/procurement/projects/${demoProcurementProject.projectId}/checks`);
});

describe.each(['README.md', ...examples, 'local/demo-data.ts'])('%s', (path) => {
  const text = read(path);
  test('every USCC-looking code in it is a valid USCC', () => {
    const codes = text.match(/(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])/g) ?? [];
    expect(codes.filter((code) => !parseUscc(code).ok)).toEqual([]);
  });
  test('holds nothing shaped like an 18-digit resident ID number', () => {
    expect(text.match(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)).toBeNull();
  });
});
