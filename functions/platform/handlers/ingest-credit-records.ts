import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { recordPublished } from '../credit-records/events.js';
import { decideIngest } from '../credit-records/ingest.js';
import { getRecords, markCategoriesFed, putRecordWrite, putVersionWrite } from '../credit-records/store.js';
import { repairNotice } from '../credit-repair/notice.js';
import { putNoticeWrite } from '../credit-repair/store.js';
import { platformRoutes } from '../routes.js';

export const handler = httpRoute(platformRoutes.ingestCreditRecords, async ({ body, correlationId, now }) => {
  const table = tableName();
  const existing = await getRecords(
    dynamo(),
    table,
    body.records.map((record) => record.recordId),
  );
  const decisions = decideIngest(body.records, existing);
  const units = decisions.flatMap(({ next, previous, outcome }) => {
    if (!next || outcome === 'unchanged') return [];
    // 两书同达: each published penalty version carries its repair-rights notice, in the same transaction.
    const notice = repairNotice(next, now);
    return [
      {
        writes: [
          putRecordWrite(table, next, previous, now),
          putVersionWrite(table, next, now),
          ...(notice ? [putNoticeWrite(table, notice)] : []),
        ],
        events: [recordPublished(next, outcome, { correlationId, now })],
      },
    ];
  });
  const count = (outcome: string) => decisions.filter((decision) => decision.outcome === outcome).length;
  return {
    status: 200,
    body: {
      received: decisions.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      records: decisions.map(({ recordId, outcome, next, previous }) => ({
        recordId,
        outcome,
        version: next?.version ?? previous?.version,
      })),
    },
    units,
    afterCommit: () =>
      markCategoriesFed(
        dynamo(),
        table,
        body.records.map((record) => record.category),
        now,
      ),
  };
});
