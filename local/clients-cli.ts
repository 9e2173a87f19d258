import { scopes } from '../shared/auth/scopes.js';
import { ClientRegistrationError, type RegisteredClient, validateRegistration } from '../shared/clients/client.js';
import { hashClientSecret, newClientSecret } from '../shared/clients/secret.js';
import { deleteClient, listClients, putClient } from '../shared/clients/store.js';
import { fail, parseCli } from './cli.js';
import { connectRegistry, RegistryAccessError } from './registry-access.js';
import { localSettings } from './settings.js';

// `npm run clients -- add|list|remove …`: the client registry (CLIENT#<id> items in the table).
const usage = `usage: npm run clients -- [--aws] <command>
  add <clientId> --scope SCOPE [--scope SCOPE…] [--district ID] [--agency USCC] [--secret SECRET]
      registers a client (or replaces its registration); locally prints its secret (a new one unless --secret)
  list
  remove <clientId>
  scopes: ${scopes.join(', ')}; merchants:write needs --district, care:write needs --agency.
  Locally the registry is the running platform's (same DATA_DIR and PORT as npm start).
  --aws: the deployed table TABLE_NAME with your AWS credentials and AWS_REGION; <clientId> is the
  Cognito app client id, whose secret stays in Cognito.`;

const { positionals, values } = parseCli(usage, {
  scope: { type: 'string', multiple: true },
  district: { type: 'string' },
  agency: { type: 'string' },
  secret: { type: 'string' },
  aws: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
});
const [command, clientId, ...extra] = positionals;
const needsId = command === 'add' || command === 'remove';
if (
  !['add', 'list', 'remove'].includes(command ?? '') ||
  (needsId && !clientId) ||
  (!needsId && clientId) ||
  extra.length > 0
) {
  fail(usage, 2);
}
if (command !== 'add' && (values.scope || values.district || values.agency || values.secret)) {
  fail(`--scope, --district, --agency and --secret belong to add\n${usage}`, 2);
}
if (values.aws && values.secret !== undefined) fail('--secret: in AWS, Cognito keeps the client secrets', 2);

const describe = (client: RegisteredClient) =>
  [
    client.clientId,
    client.scopes.join(','),
    client.district ? `district=${client.district}` : '',
    client.agency ? `agency=${client.agency}` : '',
    client.devClient ? '(dev client)' : '',
  ]
    .filter(Boolean)
    .join('  ');

const { port, dataDir } = localSettings();
try {
  const registration =
    command === 'add'
      ? validateRegistration({
          clientId: clientId as string,
          scopes: values.scope ?? [],
          district: values.district,
          agency: values.agency,
        })
      : undefined;
  const { db, table, where } = connectRegistry({ dataDir, port, aws: values.aws ?? false });
  try {
    if (registration) {
      const secret = values.aws ? undefined : (values.secret ?? newClientSecret());
      await putClient(db, table, {
        ...registration,
        ...(secret ? { secretHash: await hashClientSecret(secret) } : {}),
      });
      console.log(`registered in ${where}: ${describe(registration)}`);
      if (secret && values.secret === undefined) console.log(`client secret (shown once): ${secret}`);
    } else if (command === 'remove') {
      const removed = await deleteClient(db, table, clientId as string);
      if (!removed) fail(`no client ${clientId} in ${where}`, 1);
      console.log(`removed ${clientId} from ${where}`);
    } else {
      for (const client of await listClients(db, table)) console.log(describe(client));
    }
  } finally {
    db.destroy();
  }
} catch (error) {
  if (error instanceof ClientRegistrationError) fail(`${error.message}\n${usage}`, 2);
  if (error instanceof RegistryAccessError) fail(error.message, 1);
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') fail(`the platform's database does not answer: is \`npm start\` running?`, 1);
  fail(`the client registry failed: ${(error as Error).message}`, 1);
}
