import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { freePort } from './dynamodb-local.js';
import { repositoryRoot } from './settings.js';

jest.setTimeout(60_000);

const tsx = join(repositoryRoot, 'node_modules/.bin/tsx');
const emptyDataDir = mkdtempSync(join(tmpdir(), 'credit-plus-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI the way `npm run` does, against a port where nothing listens. */
function run(script: string, args: string[], port: number): Promise<Run> {
  return new Promise((done) => {
    execFile(
      tsx,
      [script, ...args],
      {
        cwd: repositoryRoot,
        env: { ...process.env, PORT: String(port), DATA_DIR: emptyDataDir, NODE_OPTIONS: '' },
        encoding: 'utf8',
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const noStackTrace = (output: string) => expect(output).not.toMatch(/^\s+at /m);

let port: number;
beforeAll(async () => {
  port = await freePort();
});

describe('npm run token', () => {
  test('--help prints the usage and succeeds', async () => {
    const { code, stdout } = await run('local/token.ts', ['--help'], port);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run token -- <scope>/);
  });

  test.each([
    ['an unknown flag', ['records:write', '--bogus'], /Unknown option '--bogus'/],
    ['a flag without its value', ['records:write', '--client'], /--client/],
    ['no scope', [], /name at least one scope/],
    ['an unknown scope', ['records:read'], /unknown scope: records:read/],
    ['merchants:write without a district', ['merchants:write'], /^merchants:write needs --district/],
    ['care:write with a bad agency', ['care:write', '--agency', 'NOT-A-USCC'], /^--agency is not a valid USCC/],
    ['--secret without --client', ['records:write', '--secret', 's'], /--secret needs --client/],
  ])('%s → the usage on stderr, exit 2, no stack trace', async (_case, args, message) => {
    const { code, stderr, stdout } = await run('local/token.ts', args, port);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('usage: npm run token');
    noStackTrace(stderr);
  });

  test('no server running → one line saying so, exit 1', async () => {
    const { code, stderr } = await run('local/token.ts', ['records:write'], port);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/is `npm start` running/)]);
  });

  test('a dev client with claims needs the running platform’s DATA_DIR → one line, exit 1', async () => {
    const { code, stderr } = await run('local/token.ts', ['merchants:write', '--district', 'jingan'], port);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/no running platform found in .*same DATA_DIR/)]);
  });
});

describe('npm run clients', () => {
  test.each([
    ['no command', []],
    ['an unknown command', ['rename', 'x']],
    ['add without a client id', ['add', '--scope', 'records:write']],
    ['an unknown flag', ['list', '--bogus']],
    ['care:write without an agency', ['add', 'agency-app', '--scope', 'care:write']],
  ])('%s → the usage on stderr, exit 2', async (_case, args) => {
    const { code, stderr } = await run('local/clients-cli.ts', args, port);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run clients');
    noStackTrace(stderr);
  });

  test('no running platform → one line, exit 1', async () => {
    const { code, stderr } = await run('local/clients-cli.ts', ['list'], port);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
