import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { OUTBOX_PREFIX } from '../shared/storage/outbox.js';
import { tableDesign } from '../shared/storage/table-design.js';

interface ShardProgress {
  /** The last sequence number fully handled; the poller resumes after it. */
  [shardId: string]: string;
}

export const DEFAULT_POLL_INTERVAL_MS = 250;

export interface StreamPollerOptions {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  /** Where progress survives a restart; without it progress lives in memory. */
  checkpointFile?: string;
  /** The outbox publisher, as Lambda's event source mapping invokes it. */
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  intervalMs?: number;
  /** After each timed pass, idle or not: the local heartbeat health reads (see PublisherCheckpoint). */
  afterPass?: () => Promise<void>;
  onLog?: (line: string) => void;
}

/**
 * Lambda's DynamoDB event source mapping, played locally: reads the table's stream shard by
 * shard, keeps the records its filter keeps (outbox inserts, as infra/constructs/outbox-publisher.ts
 * deploys it), hands each page to the publisher handler as a DynamoDBStreamEvent, and retries
 * from the record the handler reports as a batch item failure. Progress (sequence numbers) is
 * saved only after a page was handled, so a restart resumes after the last handled record:
 * nothing is lost, and anything handled twice is deduplicated by the consumers on `meta.eventId`.
 */
export function startStreamPoller(options: StreamPollerOptions) {
  const intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const progress: ShardProgress =
    options.checkpointFile && existsSync(options.checkpointFile)
      ? JSON.parse(readFileSync(options.checkpointFile, 'utf8'))
      : {};
  const iterators = new Map<string, string | undefined>();
  const finished = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

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

  /** Hands one page to the handler and saves progress up to the first failed record; true if one failed. */
  async function handlePage(shardId: string, records: StreamRecord[]): Promise<boolean> {
    const batch = records.filter(isOutboxInsert).map((record) => lambdaRecord(record, options.streamArn));
    const { batchItemFailures } =
      batch.length > 0 ? await options.handler({ Records: batch }) : { batchItemFailures: [] };
    const failedSequence = batchItemFailures[0]?.itemIdentifier;
    const failedAt = records.findIndex((record) => record.dynamodb?.SequenceNumber === failedSequence);
    const handled = failedSequence === undefined ? records : records.slice(0, Math.max(failedAt, 0));
    const last = handled.at(-1)?.dynamodb?.SequenceNumber;
    if (last) {
      progress[shardId] = last;
      saveProgress();
    }
    return failedSequence !== undefined;
  }

  async function drainShard(shard: Shard): Promise<number> {
    const shardId = shard.ShardId as string;
    let handed = 0;
    let iterator = await iteratorFor(shard);
    while (iterator && !stopped) {
      let page: GetRecordsCommandOutput;
      try {
        page = await options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      } catch (error) {
        // An old iterator, or one DynamoDB Local made before the shard had records: start again from the progress.
        if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
        iterators.delete(shardId);
        iterator = await iteratorFor(shard);
        continue;
      }
      const records = page.Records ?? [];
      if (await handlePage(shardId, records)) {
        // Lambda retries a failed batch from the failed record: a fresh iterator after the saved progress.
        iterators.delete(shardId);
        throw new Error(`the publisher failed a record of shard ${shardId}; retrying from it`);
      }
      handed += records.filter(isOutboxInsert).length;
      iterator = page.NextShardIterator;
      iterators.set(shardId, iterator);
      if (!iterator) finished.add(shardId);
      if (records.length === 0) break;
    }
    return handed;
  }

  async function pollOnce(): Promise<number> {
    const { StreamDescription } = await options.streams.send(
      new DescribeStreamCommand({ StreamArn: options.streamArn }),
    );
    let handed = 0;
    // Parents come before their children in the listing, which keeps a subject's events in order.
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!finished.has(shard.ShardId as string)) handed += await drainShard(shard);
    }
    return handed;
  }

  const loop = () => {
    if (stopped) return;
    running = pollOnce()
      .then(async (handed) => {
        await options.afterPass?.();
        return handed;
      })
      .catch((error: Error) => {
        options.onLog?.(`stream poller: ${error.message}; retrying`);
        return 0;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();

  return {
    /**
     * Reads the stream to its current end now; resolves, with how many outbox records it handed
     * to the publisher, once the publisher has taken them all.
     */
    async catchUp(): Promise<number> {
      await running;
      running = pollOnce();
      return running;
    },
    /** Finishes the current pass (so progress is saved), then stops. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}

/** The event source mapping's filter: only inserts of outbox items reach the publisher. */
function isOutboxInsert(record: StreamRecord): boolean {
  const partitionKey = record.dynamodb?.Keys?.[tableDesign.partitionKey]?.S;
  if (record.eventName === 'MODIFY' || record.eventName === 'INSERT') {
    if (record.dynamodb?.NewImage?.outboxEvents) return true;
  }
  return record.eventName === 'INSERT' && (partitionKey?.startsWith(OUTBOX_PREFIX) ?? false);
}

/** A stream record as Lambda hands it over: creation time in epoch seconds, the stream named. */
function lambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
    },
  } as DynamoDBRecord;
}
