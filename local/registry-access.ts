import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RegisteredClient } from '../shared/clients/client.js';
import { hashClientSecret } from '../shared/clients/secret.js';
import { getClient, putClient } from '../shared/clients/store.js';
import { localDynamoClient } from './dynamodb-local.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from './issuer.js';

/** What a running `npm start` tells the CLIs about itself, in `DATA_DIR/runtime.json`. */
export interface RuntimeFile {
  url: string;
  port: number;
  databaseEndpoint: string;
  table: string;
}

export class RegistryAccessError extends Error {}

const runtimeFilePath = (dataDir: string) => join(dataDir, 'runtime.json');

export function writeRuntimeFile(dataDir: string, runtime: RuntimeFile): () => void {
  const path = runtimeFilePath(dataDir);
  writeFileSync(path, JSON.stringify(runtime), { mode: 0o600 });
  return () => rmSync(path, { force: true });
}

export interface RegistryConnection {
  db: DynamoDBClient;
  table: string;
  /** Where the registry lives, for messages. */
  where: string;
}

/**
 * The client registry of the running local platform (found through `DATA_DIR/runtime.json`), or
 * of a deployed stack with `aws` (TABLE_NAME and the usual AWS credentials and region).
 */
export function connectRegistry(options: { dataDir: string; port: number; aws: boolean }): RegistryConnection {
  if (options.aws) {
    const table = process.env.TABLE_NAME;
    if (!table)
      throw new RegistryAccessError('--aws needs TABLE_NAME (the stack output TableName) and AWS credentials');
    return { db: new DynamoDBClient({}), table, where: `table ${table} in AWS` };
  }
  const path = runtimeFilePath(options.dataDir);
  if (!existsSync(path)) {
    throw new RegistryAccessError(
      `no running platform found in ${options.dataDir}: start it with \`npm start\` (same DATA_DIR), or pass --aws`,
    );
  }
  const runtime = JSON.parse(readFileSync(path, 'utf8')) as RuntimeFile;
  if (runtime.port !== options.port) {
    throw new RegistryAccessError(
      `the platform using ${options.dataDir} listens on port ${runtime.port}, not ${options.port}: set PORT=${runtime.port}`,
    );
  }
  return {
    db: localDynamoClient(runtime.databaseEndpoint),
    table: runtime.table,
    where: `the local platform at ${runtime.url}`,
  };
}

/** The default dev client: everything that needs no district or agency claim. */
export const defaultDevClient: Pick<RegisteredClient, 'clientId' | 'scopes'> = {
  clientId: DEFAULT_CLIENT_ID,
  scopes: ['records:write', 'procurement:check', 'care:admin'],
};

export interface DevClientClaims {
  district?: string;
  agency?: string;
}

/** The dev client `npm run token -- --district / --agency` registers (and the seeder uses) for those claims. */
export const devClientIdFor = (claims: DevClientClaims) =>
  `dev-${[claims.district, claims.agency].filter(Boolean).join('-')}`;

export class NotADevClientError extends RegistryAccessError {}

/**
 * Registers (or widens) a client that authenticates with the documented dev secret. A client
 * registered with its own secret (`npm run clients -- add`) is never overwritten.
 */
export async function ensureDevClient(
  db: DynamoDBClient,
  table: string,
  registration: Pick<RegisteredClient, 'clientId' | 'scopes' | 'district' | 'agency'>,
): Promise<RegisteredClient> {
  const existing = await getClient(db, table, registration.clientId, { consistent: true });
  if (existing && !existing.devClient) {
    throw new NotADevClientError(
      `client ${registration.clientId} has its own secret (npm run clients): pass it with --secret`,
    );
  }
  const sameClaims = existing?.district === registration.district && existing?.agency === registration.agency;
  const client: RegisteredClient = {
    ...registration,
    scopes: [...new Set([...(sameClaims ? (existing?.scopes ?? []) : []), ...registration.scopes])],
    secretHash: await hashClientSecret(DEV_CLIENT_SECRET),
    devClient: true,
  };
  await putClient(db, table, client);
  return client;
}
