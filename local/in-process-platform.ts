import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { CapacityTally } from '../bench/capacity.js';
import { scenarios as registeredScenarios } from '../scenarios.js';
import { scopes } from '../shared/auth/scopes.js';
import { validateRegistration } from '../shared/clients/client.js';
import { getClient, putClient } from '../shared/clients/store.js';
import type { ScenarioDefinition } from '../shared/scenario.js';
import { outboxEventsOf } from '../shared/storage/outbox.js';
import { createTableInput } from '../shared/storage/table-design.js';
import { localDynamoClient } from './dynamodb-local.js';
import { localHttpServer, localRequestListener } from './http-server.js';
import { DEFAULT_CLIENT_ID, LOCAL_SCOPE_PREFIX, persistentIssuer, type TokenRequest } from './issuer.js';
import { startLocalPlatform } from './platform.js';
import { defaultDevClient, ensureDevClient } from './registry-access.js';
import { repositoryRoot } from './settings.js';
import type { LocalSite } from './site.js';
import { localStreamsClient, readWholeStream } from './stream-reader.js';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is; bytes need not be UTF-8. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface InProcessPlatformOptions {
  /** Duplicate and reorder deliveries (default: BUS_CHAOS=1). */
  chaos?: boolean;
  /** The manifests to run (default: the registry); tests pass fixture scenarios. */
  scenarios?: readonly ScenarioDefinition[];
  /** Every function invocation reports the DynamoDB requests and capacity it used (npm run bench). */
  onCapacity?: (tally: CapacityTally) => void;
  /** The functions' log level (default ERROR); a test reading every log line lowers it. */
  logLevel?: string;
  /** PUBLIC_ORIGIN of functions granted `public-origin`: a test serving pages passes its server's origin. */
  publicOrigin?: string;
}

/** No server serves pages in process; links to them point at this reserved, unresolvable name. */
const IN_PROCESS_PUBLIC_ORIGIN = 'http://pages.invalid';

/**
 * The platform inside the calling process, as the integration tests and the benchmarks use it:
 * a fresh table in a running DynamoDB Local, a token issuer, every registered function in its
 * own worker behind the local API Gateway, and the event pipeline run on demand (`deliverEvents`).
 */
export async function startInProcessPlatform(endpoint: string, options: InProcessPlatformOptions = {}) {
  const table = `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const db = localDynamoClient(endpoint);
  const { TableDescription } = await db.send(new CreateTableCommand(createTableInput(table)));
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-plus-platform-'));
  const issuerKeyFile = join(dataDir, 'issuer-key.json');
  const issuer = await persistentIssuer(issuerKeyFile, { scopePrefix: LOCAL_SCOPE_PREFIX });
  await ensureDevClient(db, table, defaultDevClient);
  const streamArn = TableDescription?.LatestStreamArn as string;
  const publicOrigin = options.publicOrigin ?? IN_PROCESS_PUBLIC_ORIGIN;
  const platform = startLocalPlatform({
    scenarios: [...(options.scenarios ?? registeredScenarios)],
    root: repositoryRoot,
    endpoint,
    db,
    table,
    streamArn,
    dataDir,
    publicOrigin,
    issuer,
    issuerKeyFile,
    logLevel: options.logLevel ?? 'ERROR',
    pollIntervalMs: 3_600_000,
    withoutHeartbeat: true,
    busRetryDelayMs: 20,
    ...(options.chaos !== undefined ? { chaos: options.chaos } : {}),
    ...(options.onCapacity ? { onCapacity: options.onCapacity } : {}),
  });
  // Tests that call a handler module directly, in this thread, find the same table.
  Object.assign(process.env, {
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'local',
    AUTH_ISSUER: issuer.issuer,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    AUTH_SCOPE_PREFIX: issuer.scopePrefix,
    LOCAL_ISSUER_KEY_FILE: issuerKeyFile,
    SIGNING_KEY_FILE: join(dataDir, 'signing-key.json'),
    LOG_LEVEL: 'ERROR',
  });
  const call = async (method: string, url: string, callOptions: CallOptions = {}) => {
    const headers: Record<string, string> = { ...callOptions.headers };
    if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
    let body = callOptions.rawBody;
    if (callOptions.body !== undefined) {
      body = JSON.stringify(callOptions.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await platform.serve({ method, url, headers, ...(body !== undefined ? { body } : {}) });
    return {
      status: response.statusCode,
      headers: (response.headers ?? {}) as Record<string, string>,
      raw: response.body,
      // A body declared as something else than JSON (the roster template's CSV, a badge's SVG) is only in `raw`.
      json:
        response.body && /json|^undefined$/.test(String(response.headers?.['content-type']))
          ? JSON.parse(response.body)
          : undefined,
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
  return {
    table,
    db,
    streamArn,
    dataDir,
    /** What links to the pages start with (PUBLIC_ORIGIN of functions granted `public-origin`). */
    publicOrigin,
    call,
    /** Publishes every event so far and waits until every subscriber (and what it emitted in turn) has run. */
    deliverEvents: platform.deliverEvents,
    /** Every event written so far, read back from the table's stream (tests check what left). */
    streamedEvents: async () => {
      const streams = localStreamsClient(endpoint);
      try {
        return (await readWholeStream(streams, streamArn)).flatMap(outboxEventsOf);
      } finally {
        streams.destroy();
      }
    },
    /** An HTTP server on a free loopback port in front of the API (and the pages, given a site), for browsers. */
    listen: async (site?: LocalSite) => {
      const server = localHttpServer(localRequestListener({ api: () => platform.serve, site, log: () => undefined }));
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      };
    },
    token: async (request: TokenRequest) => {
      await registerTestClient(request);
      return issuer.mint(request);
    },
    stop: async () => {
      await platform.stop();
      db.destroy();
    },
  };
}
