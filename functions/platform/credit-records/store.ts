import {
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { batchGetAll } from '../../../shared/storage/batch-get.js';
import { queryAll } from '../../../shared/storage/query-all.js';
import { contentHash, contentOf } from './content.js';
import type { CreditRecord } from './model.js';

/**
 * Table layout of credit records: the record's current state under `REC#<id>|RECORD` (listed
 * per subject on gsi1 as `SUBJ#<uscc>|REC#<category>#<id>`) and every published version under
 * `REC#<id>|V#<nnnnnn>`, kept as the audit trail of what each authority published.
 */
export interface StoredCreditRecord extends CreditRecord {
  /** Bumped on every write of the item: the optimistic lock that makes concurrent writers safe. */
  revision: number;
  contentHash: string;
  updatedAt: string;
}

const recordKey = (recordId: string) => ({ pk: `REC#${recordId}`, sk: 'RECORD' });
const versionKey = (recordId: string, version: number) => ({
  pk: `REC#${recordId}`,
  sk: `V#${String(version).padStart(6, '0')}`,
});
const subjectPartition = (uscc: string) => `SUBJ#${uscc}`;

function fromItem(item: Record<string, unknown>): StoredCreditRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, kind: _kind, ...record } = item;
  return record as unknown as StoredCreditRecord;
}

export async function getRecord(db: DynamoDBClient, table: string, recordId: string) {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(recordKey(recordId)), ConsistentRead: true }),
  );
  return Item ? fromItem(unmarshall(Item)) : undefined;
}

export async function getRecords(db: DynamoDBClient, table: string, recordIds: string[]) {
  const items = await batchGetAll<Record<string, unknown>>(db, table, recordIds.map(recordKey), {
    consistentRead: true,
  });
  return new Map([...items.values()].map((item) => [item.recordId as string, fromItem(item)]));
}

/** Every record of a subject, in every state; the caller decides what counts. */
export async function recordsOfSubject(db: DynamoDBClient, table: string, uscc: string): Promise<StoredCreditRecord[]> {
  const items = await queryAll(db, {
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :subject AND begins_with(gsi1sk, :records)',
    ExpressionAttributeValues: marshall({ ':subject': subjectPartition(uscc), ':records': 'REC#' }),
  });
  return items.map(fromItem);
}

/**
 * Writes the record's new state, conditioned on the revision it was read at (or on its absence),
 * so a concurrent writer makes this transaction fail instead of being overwritten.
 */
export function putRecordWrite(
  table: string,
  record: CreditRecord,
  previous: StoredCreditRecord | undefined,
  now: Date,
): TransactWriteItem {
  const stored: StoredCreditRecord = {
    ...record,
    revision: (previous?.revision ?? 0) + 1,
    contentHash: contentHash(record),
    updatedAt: now.toISOString(),
  };
  return {
    Put: {
      TableName: table,
      Item: marshall(
        {
          ...recordKey(record.recordId),
          kind: 'credit-record',
          gsi1pk: subjectPartition(record.subject.uscc),
          gsi1sk: `REC#${record.category}#${record.recordId}`,
          ...stored,
        },
        { removeUndefinedValues: true },
      ),
      ...(previous
        ? {
            ConditionExpression: 'revision = :revision',
            ExpressionAttributeValues: marshall({ ':revision': previous.revision }),
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

export function putVersionWrite(table: string, record: CreditRecord, now: Date): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall(
        {
          ...versionKey(record.recordId, record.version),
          kind: 'credit-record-version',
          version: record.version,
          content: contentOf(record),
          publishedAt: now.toISOString(),
        },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** When the platform was last fed a record of each category: how fresh a judgement's data is. */
export const feedKey = (category: string) => ({ pk: `FEED#${category}`, sk: 'FEED' });

/**
 * Marks the categories of a batch as fed now, after the batch is committed. It is bookkeeping,
 * not state with events: a lost update only makes the data look older than it is.
 */
export async function markCategoriesFed(db: DynamoDBClient, table: string, categories: string[], now: Date) {
  await Promise.all(
    [...new Set(categories)].map((category) =>
      db
        .send(
          new UpdateItemCommand({
            TableName: table,
            Key: marshall(feedKey(category)),
            UpdateExpression: 'SET lastFedAt = :now',
            ConditionExpression: 'attribute_not_exists(lastFedAt) OR lastFedAt < :now',
            ExpressionAttributeValues: marshall({ ':now': now.toISOString() }),
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        }),
    ),
  );
}
