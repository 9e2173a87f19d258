import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { scenarios } from '../scenarios.js';
import { createTableInput } from '../shared/storage/table-design.js';
import type { localApi } from './api-gateway.js';
import { localDynamoClient, startDynamoDbLocal } from './dynamodb-local.js';
import { localHttpServer, localRequestListener } from './http-server.js';
import { LOCAL_SCOPE_PREFIX, persistentIssuer } from './issuer.js';
import { startLocalPlatform } from './platform.js';
import { defaultDevClient, ensureDevClient, writeRuntimeFile } from './registry-access.js';
import type { LocalSite } from './site.js';

export const TABLE_NAME = 'credit-plus';
/** The local token issuer's key, kept in the data folder across restarts. */
export const issuerKeyFileIn = (dataDir: string) => join(dataDir, 'issuer-key.json');

export interface RuntimeOptions {
  port: number;
  dataDir: string;
  inMemory: boolean;
  root: string;
  log: (line: string) => void;
  /** Runs once the table exists, before the first request is served. */
  beforeServing?: (db: DynamoDBClient, table: string) => Promise<void>;
  /** The public pages, served at `/` beside the API (from the start, while the platform starts). */
  site?: LocalSite;
}

export interface RunningRuntime {
  url: string;
  /** DynamoDB Local's endpoint, for inspecting the table with any DynamoDB tool. */
  databaseEndpoint: string;
  stop(): Promise<void>;
}

export class PortTakenError extends Error {}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortTakenError(`Port ${port} is already in use.`) : error),
    );
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
}

/**
 * The whole platform on one machine: DynamoDB Local, the table the CDK app deploys, every
 * registered route behind an HTTP server built like API Gateway, and the outbox publisher with
 * an in-process EventBridge feeding the manifests' subscribers. Handlers run unmodified.
 */
export async function startRuntime(options: RuntimeOptions): Promise<RunningRuntime> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  let serve: ReturnType<typeof localApi> | undefined;
  const server = localHttpServer(localRequestListener({ api: () => serve, site: options.site, log: options.log }));
  await listen(server, options.port);
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  try {
    const engine = await startDynamoDbLocal(options.inMemory ? {} : { dataDir: join(options.dataDir, 'dynamodb') });
    cleanups.push(() => engine.stop());
    const db = localDynamoClient(engine.endpoint);
    cleanups.push(() => db.destroy());
    let streamArn: string;
    try {
      streamArn = (await db.send(new DescribeTableCommand({ TableName: TABLE_NAME }))).Table?.LatestStreamArn as string;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      streamArn = (await db.send(new CreateTableCommand(createTableInput(TABLE_NAME)))).TableDescription
        ?.LatestStreamArn as string;
    }
    const issuerKeyFile = issuerKeyFileIn(options.dataDir);
    const issuer = await persistentIssuer(issuerKeyFile, { scopePrefix: LOCAL_SCOPE_PREFIX });
    await ensureDevClient(db, TABLE_NAME, defaultDevClient);
    const url = `http://127.0.0.1:${options.port}`;
    const platform = startLocalPlatform({
      scenarios,
      root: options.root,
      endpoint: engine.endpoint,
      db,
      table: TABLE_NAME,
      streamArn,
      dataDir: options.dataDir,
      publicOrigin: url,
      issuer,
      issuerKeyFile,
      logLevel: process.env.LOG_LEVEL ?? 'WARN',
      ...(options.inMemory ? {} : { streamCheckpointFile: join(options.dataDir, 'stream-checkpoint.json') }),
      onLog: options.log,
    });
    cleanups.push(() => platform.stop());
    await options.beforeServing?.(db, TABLE_NAME);
    serve = platform.serve;
    // Tells `npm run token` and `npm run clients` where this platform's client registry is.
    cleanups.push(
      writeRuntimeFile(options.dataDir, {
        url,
        port: options.port,
        databaseEndpoint: engine.endpoint,
        table: TABLE_NAME,
      }),
    );
    return { url, databaseEndpoint: engine.endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
