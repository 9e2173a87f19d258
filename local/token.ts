import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scopes } from '../shared/http/auth.js';
import { DEFAULT_CLIENT_ID, persistentIssuer } from './issuer.js';
import { localSettings } from './settings.js';

// `npm run token -- <scope> [--client ID] [--district ID] [--agency USCC]`: prints a bearer
// token the local server accepts, signed with the key kept in DATA_DIR.
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { client: { type: 'string' }, district: { type: 'string' }, agency: { type: 'string' } },
});
const unknown = positionals.filter((scope) => !(scopes as readonly string[]).includes(scope));
if (positionals.length === 0 || unknown.length > 0) {
  console.error(`usage: npm run token -- <scope> [<scope>…] [--client ID] [--district ID] [--agency USCC]
scopes: ${scopes.join(', ')}${unknown.length > 0 ? `\nunknown: ${unknown.join(', ')}` : ''}`);
  process.exit(2);
}
const issuer = await persistentIssuer(join(localSettings().dataDir, 'issuer-key.json'));
console.log(
  await issuer.mint({
    scopes: positionals,
    clientId: values.client ?? DEFAULT_CLIENT_ID,
    ...(values.district ? { district: values.district } : {}),
    ...(values.agency ? { agency: values.agency } : {}),
  }),
);
