import { platformEvents } from '../../../events/platform.js';
import { PLATFORM_SOURCE, platformEventVersions } from '../../../events/versions.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { makeEvent } from '../../../shared/outbox-event.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { getRecords, recordsOfSubject } from '../credit-records/store.js';
import { readSummary, summaryWrite } from '../subject-summary/store.js';
import { rebuildSummary } from '../subject-summary/summary.js';

/** The record events that can change a subject's summary (listed one by one in the manifest too). */
export const summarySources = [
  platformEvents.CreditRecordPublished,
  platformEvents.CreditRecordRepaired,
  platformEvents.CreditRecordRevoked,
  platformEvents.CreditObjectionRaised,
  platformEvents.CreditObjectionResolved,
] as const;

/**
 * Rebuilds the subject's summary from its records whenever one of them changes, and announces
 * a real change as SubjectCreditChanged. The rebuild reads the current truth (the records the
 * index lists, those the summary already holds, and the event's own record, all read
 * consistently), so events may arrive in any order, twice, or concurrently.
 */
export const handler = eventHandler(
  { consumerId: 'platform.maintain-subject-summary', events: summarySources },
  async ({ detail, detailType, eventId, correlationId, now }) => {
    const { uscc, recordId } =
      'record' in detail
        ? { uscc: detail.record.subject.uscc, recordId: detail.record.recordId }
        : { uscc: detail.subject.uscc, recordId: detail.recordId };
    const db = dynamo();
    const table = tableName();
    const previous = await readSummary(db, table, uscc);
    // The index may lag behind the records; what the summary already holds and the event's own
    // record are added so a rebuild never forgets what an earlier one saw.
    const listed = await recordsOfSubject(db, table, uscc);
    const ids = new Set([
      ...listed.map((record) => record.recordId),
      ...(previous?.records ?? []).map((record) => record.recordId),
      recordId,
    ]);
    const records = [...(await getRecords(db, table, [...ids])).values()];
    const rebuilt = rebuildSummary(uscc, records, previous, now);
    if (!rebuilt) return {};
    const { summary, changes } = rebuilt;
    const events =
      changes.length === 0
        ? []
        : [
            makeEvent(
              PLATFORM_SOURCE,
              'SubjectCreditChanged',
              platformEventVersions.SubjectCreditChanged,
              { uscc, summaryVersion: summary.version, changes, cause: { detailType, eventId } },
              { correlationId, now },
            ),
          ];
    return { units: [{ writes: [summaryWrite(table, summary)], events }] };
  },
);
