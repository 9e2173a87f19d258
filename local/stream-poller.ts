import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { BusEvent } from '../shared/storage/consumer.js';
import { outboxEventsOf } from '../shared/storage/outbox.js';
import { PUBLISHER_CHECKPOINT_KEY, type PublisherCheckpoint } from '../shared/storage/publisher-checkpoint.js';

interface ShardProgress {
  /** The last sequence number fully handled; the poller resumes after it. */
  [shardId: string]: string;
}

export interface StreamPollerOptions {
  streams: DynamoDBStreamsClient;
  db: DynamoDBClient;
  table: string;
  streamArn: string;
  /** Where progress survives a restart; without it progress lives in memory. */
  checkpointFile?: string;
  publish: (event: BusEvent) => Promise<void>;
  stats: () => { delivered: number; deadLettered: number };
  intervalMs?: number;
  onLog?: (line: string) => void;
}

/**
 * The outbox publisher, played locally: reads the table's stream shard by shard, hands every
 * outbox event to the bus in order, and records how far it got only after the bus has taken
 * the events. A restart resumes after the last handled record: nothing is lost, and anything
 * handled twice after a crash is deduplicated by the consumers on `meta.eventId`.
 */
export function startStreamPoller(options: StreamPollerOptions) {
  const intervalMs = options.intervalMs ?? 250;
  const progress: ShardProgress =
    options.checkpointFile && existsSync(options.checkpointFile)
      ? JSON.parse(readFileSync(options.checkpointFile, 'utf8'))
      : {};
  const iterators = new Map<string, string | undefined>();
  const finished = new Set<string>();
  let published = 0;
  let lagMs = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const saveProgress = () => {
    if (options.checkpointFile) writeFileSync(options.checkpointFile, JSON.stringify(progress));
  };

  async function iteratorFor(shard: Shard): Promise<string | undefined> {
    const shardId = shard.ShardId as string;
    if (iterators.has(shardId)) return iterators.get(shardId);
    const after = progress[shardId];
    const { ShardIterator } = await options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    iterators.set(shardId, ShardIterator);
    return ShardIterator;
  }

  async function drainShard(shard: Shard): Promise<void> {
    const shardId = shard.ShardId as string;
    let iterator = await iteratorFor(shard);
    while (iterator && !stopped) {
      let page: GetRecordsCommandOutput;
      try {
        page = await options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      } catch (error) {
        if (!(error instanceof ExpiredIteratorException)) throw error;
        iterators.delete(shardId);
        iterator = await iteratorFor(shard);
        continue;
      }
      for (const record of page.Records ?? []) {
        for (const event of outboxEventsOf(record)) {
          await options.publish(toBusEvent(event));
          published++;
          // The stream's own creation time is coarse (DynamoDB Local rounds it), the event's is exact.
          lagMs = Math.max(0, Date.now() - Date.parse(event.detail.meta.occurredAt));
        }
        progress[shardId] = record.dynamodb?.SequenceNumber as string;
        saveProgress();
      }
      iterator = page.NextShardIterator;
      iterators.set(shardId, iterator);
      if (!iterator) finished.add(shardId);
      if ((page.Records ?? []).length === 0) break;
    }
  }

  async function pollOnce(): Promise<void> {
    const { StreamDescription } = await options.streams.send(
      new DescribeStreamCommand({ StreamArn: options.streamArn }),
    );
    // Parents come before their children in the listing, which keeps a subject's events in order.
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!finished.has(shard.ShardId as string)) await drainShard(shard);
    }
    const checkpoint: PublisherCheckpoint = {
      lastPassAt: new Date().toISOString(),
      lagMs,
      published,
      ...options.stats(),
      pollIntervalMs: intervalMs,
    };
    await options.db.send(
      new PutItemCommand({ TableName: options.table, Item: marshall({ ...PUBLISHER_CHECKPOINT_KEY, ...checkpoint }) }),
    );
  }

  const loop = () => {
    if (stopped) return;
    running = pollOnce()
      .catch((error: Error) => options.onLog?.(`stream poller: ${error.message}; retrying`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();

  return {
    /** Reads the stream to its current end now; resolves when every event found was handled. */
    async catchUp(): Promise<void> {
      await running;
      running = pollOnce();
      await running;
    },
    /** Finishes the current pass (so progress is saved), then stops. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

function toBusEvent(event: { source: string; detailType: string; detail: BusEvent['detail'] }): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': event.detailType,
    source: event.source,
    account: '000000000000',
    time: event.detail.meta.occurredAt,
    region: 'local',
    resources: [],
    detail: event.detail,
  };
}
