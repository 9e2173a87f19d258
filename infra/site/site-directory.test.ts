import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSiteDirectory } from './site-directory.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'credit-plus-site-root-'));
  mkdirSync(join(root, 'web'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('with the web build present, synthesis builds web/dist first, even over an older build', async () => {
  mkdirSync(join(root, 'web/dist'));
  writeFileSync(join(root, 'web/dist/index.html'), 'old build');
  writeFileSync(
    join(root, 'web/build.ts'),
    `import { mkdirSync, writeFileSync } from 'node:fs';
     export async function buildWeb(outDir) { mkdirSync(outDir, { recursive: true }); writeFileSync(outDir + '/index.html', 'fresh build'); }`,
  );
  const directory = await prepareSiteDirectory(root);
  expect(directory).toBe(join(root, 'web/dist'));
  expect(readFileSync(join(directory, 'index.html'), 'utf8')).toBe('fresh build');
});

test('without the web build, an existing web/dist is deployed as it is', async () => {
  mkdirSync(join(root, 'web/dist'));
  writeFileSync(join(root, 'web/dist/index.html'), 'built elsewhere');
  expect(await prepareSiteDirectory(root)).toBe(join(root, 'web/dist'));
});

test('with neither, synthesis stops and says how to build the pages', async () => {
  await expect(prepareSiteDirectory(root)).rejects.toThrow(/web\/dist\/index.html is missing .*npm run build:web/);
});
