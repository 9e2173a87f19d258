import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../logger.js';
import { dynamo, tableName } from '../storage/dynamo.js';
import { outboxEventsOf } from '../storage/outbox.js';
import { PUBLISHER_CHECKPOINT_KEY } from '../storage/publisher-checkpoint.js';

/** PutEvents takes at most 10 entries a call. */
const ENTRIES_PER_CALL = 10;

const bus = new EventBridgeClient({ credentials: fromEnv() });

/**
 * The deployed outbox publisher: receives the table's stream (filtered to outbox inserts) and
 * puts every event on the bus. A record whose events could not all be put is reported as a
 * batch item failure, so Lambda retries from it (and, after the last retry, sends it to the
 * dead-letter queue); consumers dedupe on meta.eventId, so a repeated put is harmless.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const busName = process.env.EVENT_BUS_NAME;
  if (!busName) throw new Error('Invalid configuration: EVENT_BUS_NAME is required');
  let published = 0;
  let newest = 0;
  for (const record of event.Records) {
    const entries: PutEventsRequestEntry[] = outboxEventsOf(record).map((outboxEvent) => ({
      EventBusName: busName,
      Source: outboxEvent.source,
      DetailType: outboxEvent.detailType,
      Detail: JSON.stringify(outboxEvent.detail),
      Time: new Date(outboxEvent.detail.meta.occurredAt),
    }));
    try {
      for (let start = 0; start < entries.length; start += ENTRIES_PER_CALL) {
        const output = await bus.send(
          new PutEventsCommand({ Entries: entries.slice(start, start + ENTRIES_PER_CALL) }),
        );
        if ((output.FailedEntryCount ?? 0) > 0) {
          throw new Error(`EventBridge refused ${output.FailedEntryCount} of the events`);
        }
      }
    } catch (error) {
      logger.error('publishing an outbox item failed', {
        sequenceNumber: record.dynamodb?.SequenceNumber,
        error: (error as Error).message,
      });
      await recordProgress(published, newest);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber as string }] };
    }
    published += entries.length;
    for (const entry of entries) newest = Math.max(newest, entry.Time?.getTime() ?? 0);
  }
  await recordProgress(published, newest);
  return { batchItemFailures: [] };
}

/** Leaves the progress the health route reports; losing one update only makes health look older. */
async function recordProgress(published: number, newestOccurredAt: number): Promise<void> {
  if (published === 0) return;
  const now = Date.now();
  try {
    await dynamo().send(
      new UpdateItemCommand({
        TableName: tableName(),
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
