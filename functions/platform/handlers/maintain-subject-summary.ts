import { TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { logger } from '../../../shared/logger.js';
import { type BusEvent, markHandledWrite } from '../../../shared/storage/consumer.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { getRecords, recordsOfSubject } from '../credit-records/store.js';
import { subjectSummary, subjectSummaryKey } from '../subject-summary/summary.js';

const CONSUMER_ID = 'platform.maintain-subject-summary';

/**
 * Rebuilds the subject's summary item from its records whenever one of them changes. The
 * rebuild reads the current truth, so the order in which events arrive does not matter.
 */
type RecordEventDetail = BusEvent['detail'] & {
  recordId?: string;
  subject?: { uscc: string };
  record?: { recordId: string; subject: { uscc: string } };
};

export async function handler(event: BusEvent<RecordEventDetail>) {
  const uscc = event.detail.subject?.uscc ?? event.detail.record?.subject.uscc;
  const recordId = event.detail.recordId ?? event.detail.record?.recordId;
  if (!uscc || !recordId) throw new Error(`${event['detail-type']} ${event.detail.meta.eventId} names no record`);
  const table = tableName();
  const now = new Date();
  // The index lists the subject's records but may lag; the records themselves are read consistently.
  const listed = await recordsOfSubject(dynamo(), table, uscc);
  const ids = [...new Set([...listed.map((record) => record.recordId), recordId])];
  const records = [...(await getRecords(dynamo(), table, ids)).values()];
  const summary = subjectSummary(uscc, records, now);
  try {
    await dynamo().send(
      new TransactWriteItemsCommand({
        TransactItems: [
          markHandledWrite(table, CONSUMER_ID, event.detail.meta, now),
          {
            Put: {
              TableName: table,
              Item: marshall(
                { ...subjectSummaryKey(uscc), kind: 'subject-summary', ...summary },
                { removeUndefinedValues: true },
              ),
            },
          },
        ],
      }),
    );
  } catch (error) {
    const duplicate =
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
    if (!duplicate) throw error;
    logger.info('event already handled', { eventId: event.detail.meta.eventId, consumer: CONSUMER_ID });
  }
}
