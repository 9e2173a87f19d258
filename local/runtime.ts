import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { scenarios } from '../functions/registry.js';
import { createTableInput } from '../shared/storage/table-design.js';
import { localApi } from './api-gateway.js';
import { localDynamoClient, startDynamoDbLocal } from './dynamodb-local.js';
import { createEventBus, manifestSubscribers } from './event-bus/bus.js';
import { LOCAL_SCOPE_PREFIX, persistentIssuer } from './issuer.js';
import { defaultDevClient, ensureDevClient, writeRuntimeFile } from './registry-access.js';
import { startStreamPoller } from './stream-poller.js';
import { localStreamsClient } from './stream-reader.js';

export const TABLE_NAME = 'credit-plus';
/** API Gateway refuses larger payloads; so do we. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface RuntimeOptions {
  port: number;
  dataDir: string;
  inMemory: boolean;
  root: string;
  log: (line: string) => void;
}

export interface RunningRuntime {
  url: string;
  /** DynamoDB Local's endpoint, for inspecting the table with any DynamoDB tool. */
  databaseEndpoint: string;
  /** True when the table was created by this start: the caller seeds demo data then. */
  freshTable: boolean;
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

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
  const server = createServer(async (request, response) => {
    const respond = (status: number, headers: Record<string, string>, body: string) => {
      response.writeHead(status, headers);
      response.end(body);
    };
    const problem = (status: number, detail: string) =>
      respond(
        status,
        { 'content-type': 'application/problem+json' },
        JSON.stringify({ type: 'about:blank', title: detail, status, detail }),
      );
    if (!serve) return problem(503, 'The platform is still starting.');
    const body = await readBody(request);
    if (body === undefined) return problem(413, `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? ''),
      ]),
    );
    try {
      const result = await serve({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      });
      respond(result.statusCode, (result.headers ?? {}) as Record<string, string>, result.body);
    } catch (error) {
      options.log(`request failed outside the handler: ${(error as Error).message}`);
      problem(500, 'The local runtime failed to serve this request.');
    }
  });
  await listen(server, options.port);
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  try {
    const engine = await startDynamoDbLocal(options.inMemory ? {} : { dataDir: join(options.dataDir, 'dynamodb') });
    cleanups.push(() => engine.stop());
    const db = localDynamoClient(engine.endpoint);
    cleanups.push(() => db.destroy());
    let freshTable = false;
    let streamArn: string;
    try {
      streamArn = (await db.send(new DescribeTableCommand({ TableName: TABLE_NAME }))).Table?.LatestStreamArn as string;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      streamArn = (await db.send(new CreateTableCommand(createTableInput(TABLE_NAME)))).TableDescription
        ?.LatestStreamArn as string;
      freshTable = true;
    }
    const issuerKeyFile = join(options.dataDir, 'issuer-key.json');
    const issuer = await persistentIssuer(issuerKeyFile, { scopePrefix: LOCAL_SCOPE_PREFIX });
    await ensureDevClient(db, TABLE_NAME, defaultDevClient);
    Object.assign(process.env, {
      TABLE_NAME,
      DYNAMODB_ENDPOINT: engine.endpoint,
      AWS_REGION: 'local',
      AUTH_ISSUER: issuer.issuer,
      AUTH_JWKS: JSON.stringify(issuer.jwks),
      AUTH_SCOPE_PREFIX: issuer.scopePrefix,
      LOCAL_ISSUER_KEY_FILE: issuerKeyFile,
      SIGNING_KEY_FILE: join(options.dataDir, 'signing-key.json'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    });

    const subscribers = manifestSubscribers(scenarios, options.root);
    const bus = createEventBus({
      subscribers,
      deadLetterFile: join(options.dataDir, 'dead-letters.jsonl'),
      onLog: options.log,
    });
    const streams = localStreamsClient(engine.endpoint);
    cleanups.push(() => streams.destroy());
    const poller = startStreamPoller({
      streams,
      db,
      table: TABLE_NAME,
      streamArn,
      ...(options.inMemory ? {} : { checkpointFile: join(options.dataDir, 'stream-checkpoint.json') }),
      publish: bus.publish,
      stats: () => ({ ...bus.stats }),
      onLog: options.log,
    });
    cleanups.push(() => poller.stop());
    serve = localApi(scenarios, { root: options.root });
    const url = `http://127.0.0.1:${options.port}`;
    // Tells `npm run token` and `npm run clients` where this platform's client registry is.
    cleanups.push(
      writeRuntimeFile(options.dataDir, {
        url,
        port: options.port,
        databaseEndpoint: engine.endpoint,
        table: TABLE_NAME,
      }),
    );
    return { url, databaseEndpoint: engine.endpoint, freshTable, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
