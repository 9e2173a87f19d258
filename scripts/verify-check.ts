import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { JSONWebKeySet } from 'jose';
import { verifyDocument } from '../shared/signing/signed-document.js';

// `npm run verify-check -- check.json --jwks jwks.json|https://…/v1/.well-known/jwks.json`:
// verifies a saved procurement check offline: its digest against its content, and its
// signature against the published keys. Exit 0 valid, 1 invalid, 2 could not verify at all.
const usage = 'usage: npm run verify-check -- <check.json> --jwks <jwks.json | http(s)://…/v1/.well-known/jwks.json>';

/** Something the user can fix (a path, a file, a URL): one line, no stack trace. */
class InputError extends Error {}

// npm runs scripts from the package root; INIT_CWD is where the user typed the command.
const userPath = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

async function readJson(source: string, what: string): Promise<Record<string, unknown>> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source).catch((error: Error) => {
      throw new InputError(
        `cannot fetch the ${what} from ${source}: ${(error.cause as Error)?.message ?? error.message}`,
      );
    });
    if (!response.ok) throw new InputError(`cannot fetch the ${what} from ${source}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    const path = userPath(source);
    text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new InputError(
        error.code === 'ENOENT' ? `no ${what} file at ${path}` : `cannot read the ${what} ${path}: ${error.message}`,
      );
    });
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`the ${what} ${source} is not a JSON object: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  let checkSource: string | undefined;
  let jwksSource: string | undefined;
  try {
    const { positionals, values } = parseArgs({ allowPositionals: true, options: { jwks: { type: 'string' } } });
    [checkSource] = positionals;
    jwksSource = values.jwks;
  } catch (error) {
    throw new InputError(`${(error as Error).message}; ${usage}`);
  }
  if (!checkSource || !jwksSource) throw new InputError(usage);
  const check = await readJson(checkSource, 'check');
  const jwks = await readJson(jwksSource, 'JWKS');
  if (!Array.isArray(jwks.keys)) throw new InputError(`the JWKS ${jwksSource} has no "keys" array`);
  const result = await verifyDocument(check, jwks as unknown as JSONWebKeySet, String(check.checkId));
  if (!result.valid) {
    console.error(`INVALID: ${result.problem}`);
    return 1;
  }
  console.log(
    `VALID: check ${String(check.checkId)} is intact and signed by key ${result.keyId} (${String(check.digest)})`,
  );
  return 0;
}

process.exitCode = await main().catch((error: Error) => {
  if (!(error instanceof InputError)) throw error;
  console.error(`verify-check: ${error.message}`);
  return 2;
});
