import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JSONWebKeySet } from 'jose';
import { verifyDocument } from '../shared/signing/signed-document.js';

// `npm run verify-check -- check.json --jwks jwks.json`: verifies a saved procurement check
// offline: its digest against its content, and its signature against the published keys.
const { positionals, values } = parseArgs({ allowPositionals: true, options: { jwks: { type: 'string' } } });
const [checkFile] = positionals;
if (!checkFile || !values.jwks) {
  console.error(
    'usage: npm run verify-check -- <check.json> --jwks <jwks.json>\n(save the keys once from GET /v1/.well-known/jwks.json)',
  );
  process.exit(2);
}
const check = JSON.parse(readFileSync(checkFile, 'utf8')) as Record<string, unknown>;
const jwks = JSON.parse(readFileSync(values.jwks, 'utf8')) as JSONWebKeySet;
const result = await verifyDocument(check, jwks, String(check.checkId));
if (result.valid) {
  console.log(
    `VALID: check ${String(check.checkId)} is intact and signed by key ${result.keyId} (${String(check.digest)})`,
  );
} else {
  console.error(`INVALID: ${result.problem}`);
  process.exit(1);
}
