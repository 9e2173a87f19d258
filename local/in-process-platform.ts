import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { CapacityTally } from '../bench/capacity.js';
import { scenarios as registeredScenarios } from '../functions/registry.js';
import type { ScenarioDefinition } from '../shared/scenario.js';
import { createTableInput } from '../shared/storage/table-design.js';
import { localDynamoClient } from './dynamodb-local.js';
import { ephemeralIssuer, type TokenRequest } from './issuer.js';
import { startLocalPlatform } from './platform.js';
import { repositoryRoot } from './settings.js';

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
}

/**
 * The platform inside the calling process, as the integration tests and the benchmarks use it:
 * a fresh table in a running DynamoDB Local, a token issuer, every registered function in its
 * own worker behind the local API Gateway, and the event pipeline run on demand (`deliverEvents`).
 */
export async function startInProcessPlatform(endpoint: string, options: InProcessPlatformOptions = {}) {
  const table = `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const db = localDynamoClient(endpoint);
  const { TableDescription } = await db.send(new CreateTableCommand(createTableInput(table)));
  const issuer = await ephemeralIssuer();
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-plus-platform-'));
  const streamArn = TableDescription?.LatestStreamArn as string;
  const platform = startLocalPlatform({
    scenarios: [...(options.scenarios ?? registeredScenarios)],
    root: repositoryRoot,
    endpoint,
    db,
    table,
    streamArn,
    dataDir,
    issuer,
    logLevel: 'ERROR',
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
      json: response.body ? JSON.parse(response.body) : undefined,
    };
  };
  return {
    table,
    db,
    streamArn,
    dataDir,
    call,
    /** Publishes every event so far and waits until every subscriber (and what it emitted in turn) has run. */
    deliverEvents: platform.deliverEvents,
    token: (request: TokenRequest) => issuer.mint(request),
    stop: async () => {
      await platform.stop();
      db.destroy();
    },
  };
}
