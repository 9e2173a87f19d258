import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../local/settings.js';
import { signDocument } from '../shared/signing/signed-document.js';
import { fileSigner } from '../shared/signing/signer.js';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'credit-plus-verify-'));
const work = join(folder, 'work');
let server: Server;
let jwksUrl: string;

beforeAll(async () => {
  mkdirSync(work);
  const signer = fileSigner(join(folder, 'signing-key.json'));
  const check = await signDocument({ checkId: 'CHK-1', projectId: 'P-1', results: [] }, 'CHK-1', signer);
  const jwks = JSON.stringify({ keys: [await signer.publicJwk()] });
  writeFileSync(join(work, 'check.json'), JSON.stringify(check));
  writeFileSync(join(work, 'tampered.json'), JSON.stringify({ ...check, projectId: 'P-2' }));
  writeFileSync(join(work, 'jwks.json'), jwks);
  writeFileSync(join(work, 'broken.json'), '{"checkId": ');
  server = createServer((request, response) => {
    if (request.url === '/v1/.well-known/jwks.json') response.writeHead(200).end(jwks);
    else response.writeHead(404).end();
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/jwks.json`;
});
afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  rmSync(folder, { recursive: true, force: true });
});

/** Runs the CLI as `npm run verify-check` does: from the package root, with INIT_CWD where the user is. */
async function verify(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(repositoryRoot, 'node_modules/.bin/tsx'),
      ['scripts/verify-check.ts', ...args],
      {
        cwd: repositoryRoot,
        env: { ...process.env, NODE_OPTIONS: '', INIT_CWD: work },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('paths are relative to where the user ran the command', async () => {
  const result = await verify('check.json', '--jwks', 'jwks.json');
  expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^VALID: check CHK-1 is intact/) });
});

test('the JWKS can be given as its URL', async () => {
  expect(await verify('check.json', '--jwks', jwksUrl)).toMatchObject({
    code: 0,
    stdout: expect.stringContaining('VALID'),
  });
});

test('a changed check is INVALID, exit 1', async () => {
  expect(await verify('tampered.json', '--jwks', 'jwks.json')).toMatchObject({
    code: 1,
    stderr: 'INVALID: the content does not match its digest: it was changed\n',
  });
});

test.each([
  [['missing.json', '--jwks', 'jwks.json'], `verify-check: no check file at ${join(work, 'missing.json')}`],
  [['broken.json', '--jwks', 'jwks.json'], /^verify-check: the check broken\.json is not a JSON object: /],
  [['check.json', '--jwks', 'check.json'], 'verify-check: the JWKS check.json has no "keys" array'],
  [
    ['check.json', '--jwks', 'http://127.0.0.1:9/jwks.json'],
    /^verify-check: cannot fetch the JWKS from http:\/\/127\.0\.0\.1:9\/jwks\.json: /,
  ],
  [['check.json'], /^verify-check: usage: npm run verify-check/],
  [['check.json', '--jwks'], /^verify-check: Option '--jwks <value>' argument missing; usage: /],
])('%j is one line on stderr, exit 2, no stack trace', async (args, message) => {
  const result = await verify(...args);
  expect(result.code).toBe(2);
  expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
});

test('a JWKS URL answering 404 is a one-line error', async () => {
  const result = await verify('check.json', '--jwks', jwksUrl.replace('jwks.json', 'nope.json'));
  expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/HTTP 404\n$/) });
});

test('through npm, from another folder, as the README shows it', async () => {
  const { stdout } = await run(
    'npm',
    ['--prefix', repositoryRoot, 'run', '-s', 'verify-check', '--', 'check.json', '--jwks', 'jwks.json'],
    {
      cwd: work,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  expect(stdout).toMatch(/^VALID/);
});
