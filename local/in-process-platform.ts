import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { scenarios } from '../functions/registry.js';
import { scopes } from '../shared/auth/scopes.js';
import { validateRegistration } from '../shared/clients/client.js';
import { getClient, putClient } from '../shared/clients/store.js';
import { createTableInput } from '../shared/storage/table-design.js';
import { localApi } from './api-gateway.js';
import { localDynamoClient } from './dynamodb-local.js';
import { createEventBus, manifestSubscribers } from './event-bus/bus.js';
import { DEFAULT_CLIENT_ID, LOCAL_SCOPE_PREFIX, persistentIssuer, type TokenRequest } from './issuer.js';
import { defaultDevClient, ensureDevClient } from './registry-access.js';
import { repositoryRoot } from './settings.js';
import { startStreamPoller } from './stream-poller.js';
import { localStreamsClient } from './stream-reader.js';

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * The platform inside the calling process, as the integration tests and the benchmarks use it:
 * a fresh table in a running DynamoDB Local, a token issuer, every registered route served
 * through the local API Gateway, and the event pipeline run on demand (`deliverEvents`).
 */
export async function startInProcessPlatform(endpoint: string) {
  const table = `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const db = localDynamoClient(endpoint);
  const { TableDescription } = await db.send(new CreateTableCommand(createTableInput(table)));
  const keyDir = mkdtempSync(join(tmpdir(), 'credit-plus-keys-'));
  const issuerKeyFile = join(keyDir, 'issuer-key.json');
  const issuer = await persistentIssuer(issuerKeyFile, { scopePrefix: LOCAL_SCOPE_PREFIX });
  await ensureDevClient(db, table, defaultDevClient);
  Object.assign(process.env, {
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'local',
    AUTH_ISSUER: issuer.issuer,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    AUTH_SCOPE_PREFIX: issuer.scopePrefix,
    LOCAL_ISSUER_KEY_FILE: issuerKeyFile,
    SIGNING_KEY_FILE: join(keyDir, 'signing-key.json'),
    LOG_LEVEL: 'ERROR',
  });
  const serve = localApi(scenarios, { root: repositoryRoot });
  const call = async (method: string, url: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await serve({ method, url, headers, ...(body !== undefined ? { body } : {}) });
    return {
      status: response.statusCode,
      headers: (response.headers ?? {}) as Record<string, string>,
      raw: response.body,
      json: response.body ? JSON.parse(response.body) : undefined,
    };
  };
  /**
   * Tokens are minted directly (fast), so their client is registered here as an administrator
   * would: with every scope its claims allow, so later tokens of the same client need no change
   * that the handlers' registry cache could miss. One client id keeps one district and agency.
   */
  const registerTestClient = async (request: TokenRequest) => {
    const clientId = request.clientId ?? DEFAULT_CLIENT_ID;
    const claims = { district: request.district, agency: request.agency };
    const existing = await getClient(db, table, clientId, { consistent: true });
    if (existing) {
      if (existing.district !== claims.district || existing.agency !== claims.agency) {
        throw new Error(`test client ${clientId} is registered with other claims: use another clientId`);
      }
      if (request.scopes.every((scope) => (existing.scopes as string[]).includes(scope))) return;
    }
    const allowed = scopes.filter(
      (scope) =>
        (scope !== 'merchants:write' || claims.district !== undefined) &&
        (scope !== 'care:write' || claims.agency !== undefined),
    );
    const registration = validateRegistration({ clientId, scopes: [...allowed, ...request.scopes], ...claims });
    await putClient(db, table, { ...existing, ...registration });
  };
  const streamArn = TableDescription?.LatestStreamArn as string;
  let poller: ReturnType<typeof startStreamPoller> | undefined;
  const streams = localStreamsClient(endpoint);
  /** Plays the outbox publisher and the bus once: every event so far reaches its subscribers. */
  const deliverEvents = async () => {
    if (!poller) {
      const bus = createEventBus({
        subscribers: manifestSubscribers(scenarios, repositoryRoot),
        deadLetterFile: join(mkdtempSync(join(tmpdir(), 'credit-plus-dlq-')), 'dead-letters.jsonl'),
        attempts: 1,
      });
      poller = startStreamPoller({
        streams,
        db,
        table,
        streamArn,
        publish: bus.publish,
        stats: () => ({ ...bus.stats }),
        intervalMs: 3_600_000,
      });
    }
    await poller.catchUp();
  };
  return {
    table,
    db,
    streamArn,
    call,
    deliverEvents,
    token: async (request: TokenRequest) => {
      await registerTestClient(request);
      return issuer.mint(request);
    },
    stop: async () => {
      await poller?.stop();
      streams.destroy();
      db.destroy();
    },
  };
}
