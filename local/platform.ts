import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { JSONWebKeySet } from 'jose';
import type { CapacityTally } from '../bench/capacity.js';
import { outboxPublisher } from '../shared/outbox-publisher/handler.js';
import type { ScenarioDefinition } from '../shared/scenario.js';
import { fileSigner } from '../shared/signing/signer.js';
import { PUBLISHER_CHECKPOINT_KEY } from '../shared/storage/publisher-checkpoint.js';
import { localApi } from './api-gateway.js';
import { createEventBus, manifestSubscribers } from './event-bus/bus.js';
import type { LocalPlatformConfig } from './functions/environment.js';
import { localFunctions } from './functions/pool.js';
import { DEFAULT_POLL_INTERVAL_MS, startStreamPoller } from './stream-poller.js';
import { localStreamsClient } from './stream-reader.js';

export interface LocalPlatformOptions {
  scenarios: ScenarioDefinition[];
  root: string;
  /** DynamoDB Local's endpoint, the table and its stream. */
  endpoint: string;
  db: DynamoDBClient;
  table: string;
  streamArn: string;
  /** Holds the signing key, the worker-id secret and the dead-letter file. */
  dataDir: string;
  /** Where the pages are served: PUBLIC_ORIGIN of the functions granted `public-origin`. */
  publicOrigin: string;
  issuer: { issuer: string; jwks: JSONWebKeySet; scopePrefix: string };
  /** The local token issuer's private key, for the token endpoint only (access `local-issuer:sign`). */
  issuerKeyFile: string;
  logLevel: string;
  /** Where the stream position survives a restart; without it, it lives in memory. */
  streamCheckpointFile?: string;
  /** How often the stream is read; the in-process platform reads it on demand instead. */
  pollIntervalMs?: number;
  busRetryDelayMs?: number;
  chaos?: boolean;
  /** Leave the poller's heartbeat out (the in-process platform: tests compare the table before and after). */
  withoutHeartbeat?: boolean;
  onCapacity?: (tally: CapacityTally) => void;
  onLog?: (line: string) => void;
}

/**
 * The functions and the event pipeline of the local twin: every manifest function in its own
 * worker with only its granted configuration, API Gateway in front of the routes, and the
 * deployed outbox publisher fed by a stream poller and putting events on the in-process bus.
 */
export function startLocalPlatform(options: LocalPlatformOptions) {
  const platform = localPlatformConfig(options);
  // Made once here: functions starting in parallel would otherwise each create a different key.
  fileSigner(platform.signingKeyFile);
  const functions = localFunctions(options.scenarios, {
    root: options.root,
    platform,
    ...(options.onCapacity ? { onCapacity: options.onCapacity } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  const bus = createEventBus({
    subscribers: manifestSubscribers(options.scenarios, functions.invoke),
    deadLetterFile: join(options.dataDir, 'dead-letters.jsonl'),
    ...(options.busRetryDelayMs !== undefined ? { baseDelayMs: options.busRetryDelayMs } : {}),
    ...(options.chaos !== undefined ? { chaos: options.chaos } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  const streams = localStreamsClient(options.endpoint);
  const poller = startStreamPoller({
    streams,
    streamArn: options.streamArn,
    handler: outboxPublisher({ bus: bus.port, db: () => options.db, table: () => options.table }),
    ...(options.streamCheckpointFile ? { checkpointFile: options.streamCheckpointFile } : {}),
    ...(options.pollIntervalMs !== undefined ? { intervalMs: options.pollIntervalMs } : {}),
    afterPass: async () => {
      if (options.withoutHeartbeat) return;
      await bus.drained();
      await writeHeartbeat(options.db, options.table, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    },
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return {
    serve: localApi(options.scenarios, { invoke: functions.invoke }),
    invoke: functions.invoke,
    bus,
    /**
     * Publishes every event so far and waits until the bus is idle, again while subscribers'
     * own events keep coming: afterwards everything written so far has reached its subscribers.
     */
    async deliverEvents(): Promise<void> {
      for (;;) {
        const handed = await poller.catchUp();
        await bus.drained();
        if (handed === 0) return;
      }
    },
    /** Stops reading the stream, lets accepted events finish their deliveries, then stops the functions. */
    async stop(): Promise<void> {
      await poller.stop();
      await bus.drained();
      await functions.stop();
      streams.destroy();
    },
  };
}

/** What this platform hands its functions; the benchmark gives the handlers it calls in process the same. */
export function localPlatformConfig(
  options: Pick<
    LocalPlatformOptions,
    'table' | 'endpoint' | 'issuer' | 'logLevel' | 'dataDir' | 'issuerKeyFile' | 'publicOrigin'
  >,
): LocalPlatformConfig {
  return {
    common: {
      TABLE_NAME: options.table,
      DYNAMODB_ENDPOINT: options.endpoint,
      AWS_REGION: 'local',
      AUTH_ISSUER: options.issuer.issuer,
      AUTH_JWKS: JSON.stringify(options.issuer.jwks),
      AUTH_SCOPE_PREFIX: options.issuer.scopePrefix,
      LOG_LEVEL: options.logLevel,
    },
    signingKeyFile: join(options.dataDir, 'signing-key.json'),
    localIssuerKeyFile: options.issuerKeyFile,
    workerIdSecretFile: workerIdSecret(join(options.dataDir, 'worker-id-secret')),
    publicOrigin: options.publicOrigin,
  };
}

/** The local stand-in for the Secrets Manager secret the CDK app generates, made on first start. */
function workerIdSecret(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return file;
}

/**
 * The local poller's beat on the publisher checkpoint, written once the bus has delivered what
 * the pass handed it: "the pipeline was caught up then" (health tells a stopped poller by it).
 */
export async function writeHeartbeat(db: DynamoDBClient, table: string, pollIntervalMs: number): Promise<void> {
  await db.send(
    new UpdateItemCommand({
      TableName: table,
      Key: marshall(PUBLISHER_CHECKPOINT_KEY),
      UpdateExpression: 'SET lastPollAt = :now, pollIntervalMs = :interval',
      ExpressionAttributeValues: marshall({ ':now': new Date().toISOString(), ':interval': pollIntervalMs }),
    }),
  );
}
