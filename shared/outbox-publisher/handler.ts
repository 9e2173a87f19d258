import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../logger.js';
import { dynamo, tableName } from '../storage/dynamo.js';
import { outboxEventsOf } from '../storage/outbox.js';
import { PUBLISHER_CHECKPOINT_KEY } from '../storage/publisher-checkpoint.js';

/** One event as the publisher hands it to a bus: EventBridge's PutEvents entry without the bus name. */
export interface BusEntry {
  source: string;
  detailType: string;
  /** The detail as JSON text, as EventBridge takes it. */
  detail: string;
  time: Date;
}

/** Where published events go: EventBridge in AWS, the in-process bus locally. */
export interface BusPort {
  /** Takes the events; `failedCount` of them were refused (the caller retries those). */
  putEvents(entries: BusEntry[]): Promise<{ failedCount: number }>;
}

export interface PublisherDependencies {
  bus: BusPort;
  /** The table holding the checkpoint the health route reads. */
  db: () => DynamoDBClient;
  table: () => string;
}

/** PutEvents takes at most 10 entries a call. */
const ENTRIES_PER_CALL = 10;

const eventBridge = new EventBridgeClient({ credentials: fromEnv() });

/** The deployed bus: PutEvents on the bus named by EVENT_BUS_NAME, ten entries a call. */
export const eventBridgePort: BusPort = {
  async putEvents(entries) {
    const busName = process.env.EVENT_BUS_NAME;
    if (!busName) throw new Error('Invalid configuration: EVENT_BUS_NAME is required');
    let failedCount = 0;
    for (let start = 0; start < entries.length; start += ENTRIES_PER_CALL) {
      const output = await eventBridge.send(
        new PutEventsCommand({
          Entries: entries.slice(start, start + ENTRIES_PER_CALL).map((entry) => ({
            EventBusName: busName,
            Source: entry.source,
            DetailType: entry.detailType,
            Detail: entry.detail,
            Time: entry.time,
          })),
        }),
      );
      failedCount += output.FailedEntryCount ?? 0;
    }
    return { failedCount };
  },
};

/**
 * The outbox publisher: receives the table's stream (filtered to outbox inserts and to items
 * written with `outboxEvents`) and puts every event on the bus. A record whose events could not all be put is reported as a batch item
 * failure, so the caller (Lambda's event source mapping, or the local stream poller) retries
 * from it; consumers dedupe on meta.eventId, so a repeated put is harmless.
 */
export function outboxPublisher(dependencies: PublisherDependencies) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    let published = 0;
    let newest = 0;
    for (const record of event.Records) {
      const entries: BusEntry[] = outboxEventsOf(record).map((outboxEvent) => ({
        source: outboxEvent.source,
        detailType: outboxEvent.detailType,
        detail: JSON.stringify(outboxEvent.detail),
        time: new Date(outboxEvent.detail.meta.occurredAt),
      }));
      try {
        const { failedCount } = await dependencies.bus.putEvents(entries);
        if (failedCount > 0) throw new Error(`the bus refused ${failedCount} of the events`);
      } catch (error) {
        logger.error('publishing the events of a stream record failed', {
          sequenceNumber: record.dynamodb?.SequenceNumber,
          error: (error as Error).message,
        });
        await recordProgress(dependencies, published, newest);
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber as string }] };
      }
      published += entries.length;
      for (const entry of entries) newest = Math.max(newest, entry.time.getTime());
    }
    await recordProgress(dependencies, published, newest);
    return { batchItemFailures: [] };
  };
}

/** Leaves the progress the health route reports; losing one update only makes health look older. */
async function recordProgress(
  dependencies: PublisherDependencies,
  published: number,
  newestOccurredAt: number,
): Promise<void> {
  if (published === 0) return;
  const now = Date.now();
  try {
    await dependencies.db().send(
      new UpdateItemCommand({
        TableName: dependencies.table(),
        Key: marshall(PUBLISHER_CHECKPOINT_KEY),
        UpdateExpression: 'SET lastPassAt = :now, lagMs = :lag ADD published :published',
        ExpressionAttributeValues: marshall({
          ':now': new Date(now).toISOString(),
          ':lag': Math.max(0, now - newestOccurredAt),
          ':published': published,
        }),
      }),
    );
  } catch (error) {
    logger.warn('could not record publisher progress', { error: (error as Error).message });
  }
}

export const handler = outboxPublisher({ bus: eventBridgePort, db: dynamo, table: tableName });
