import { isScope, scopes } from '../shared/auth/scopes.js';
import { ClientRegistrationError, validateRegistration } from '../shared/clients/client.js';
import { fail, parseCli } from './cli.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from './issuer.js';
import {
  connectRegistry,
  defaultDevClient,
  devClientIdFor,
  ensureDevClient,
  RegistryAccessError,
} from './registry-access.js';
import { localSettings } from './settings.js';
import { requestToken, TokenRequestError } from './token-client.js';

// `npm run token -- <scope>… [--client ID] [--district ID] [--agency USCC] [--secret SECRET]`: asks
// the running platform's token endpoint (POST /oauth2/token, as Cognito's) for an access token.
const usage = `usage: npm run token -- <scope> [<scope>…] [--client ID] [--district ID] [--agency USCC] [--secret SECRET]
  scopes: ${scopes.join(', ')}
  Without options the token is the default dev client's (${DEFAULT_CLIENT_ID}: ${defaultDevClient.scopes.join(', ')}).
  --district / --agency / --client register a dev client with those claims first (secret "${DEV_CLIENT_SECRET}",
  same DATA_DIR as npm start); with --secret, --client is a client registered by \`npm run clients\`.
  The platform is found on PORT (default 3000).`;

const { positionals: requested, values } = parseCli(usage, {
  client: { type: 'string' },
  district: { type: 'string' },
  agency: { type: 'string' },
  secret: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
});
const unknown = requested.filter((scope) => !isScope(scope));
if (requested.length === 0 || unknown.length > 0) {
  fail(`${unknown.length > 0 ? `unknown scope: ${unknown.join(', ')}` : 'name at least one scope'}\n${usage}`, 2);
}
if (values.secret !== undefined && values.client === undefined) fail(`--secret needs --client\n${usage}`, 2);

const { port, dataDir } = localSettings();
const baseUrl = `http://127.0.0.1:${port}`;
try {
  let clientId = DEFAULT_CLIENT_ID;
  let clientSecret = values.secret ?? DEV_CLIENT_SECRET;
  if (values.secret !== undefined) {
    clientId = values.client as string;
  } else if (values.client !== undefined || values.district !== undefined || values.agency !== undefined) {
    const registration = validateRegistration({
      clientId: values.client ?? devClientIdFor({ district: values.district, agency: values.agency }),
      scopes: requested,
      district: values.district,
      agency: values.agency,
    });
    const { db, table } = connectRegistry({ dataDir, port, aws: false });
    try {
      clientId = (await ensureDevClient(db, table, registration)).clientId;
    } finally {
      db.destroy();
    }
    clientSecret = DEV_CLIENT_SECRET;
  } else {
    // The default dev client's scopes need no claims; the others need a district or agency.
    validateRegistration({ clientId, scopes: requested });
  }
  console.log(await requestToken(baseUrl, { clientId, clientSecret, scopes: requested }));
} catch (error) {
  if (error instanceof ClientRegistrationError) fail(`${error.message}\n${usage}`, 2);
  if (error instanceof RegistryAccessError || error instanceof TokenRequestError) fail(error.message, 1);
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || (error as Error).name === 'TimeoutError') {
    fail(`the platform's database does not answer: is \`npm start\` running (PORT=${port})?`, 1);
  }
  throw error;
}
