import { platformEvents } from '../../../events/platform.js';
import { PROCUREMENT_SOURCE, procurementEventVersions } from '../../../events/versions.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { makeEvent } from '../../../shared/outbox-event.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCreditData } from '../../platform/public.js';
import { JUDGED_CATEGORIES, judgeFromData } from '../checks/check.js';
import { alertWrite, entriesOfSupplier, entryChangeWrite } from '../watch/store.js';
import { verdictChanges } from '../watch/watch.js';

/**
 * A supplier's credit changed: re-judge it as of now for the projects that watch it (its own
 * entries only) and record an alert, with its event, where the verdict moved.
 */
export const handler = eventHandler(
  { consumerId: 'procurement.alert-watchers', events: [platformEvents.SubjectCreditChanged] },
  async ({ detail, correlationId, now }) => {
    const db = dynamo();
    const table = tableName();
    const entries = (await entriesOfSupplier(db, table, detail.uscc)).filter(
      (entry) => Date.parse(entry.until) > now.getTime(),
    );
    if (entries.length === 0) return {};
    const data = await readCreditData(db, table, { usccs: [detail.uscc], categories: JUDGED_CATEGORIES });
    const judged = judgeFromData(data, detail.uscc, now.getTime());
    // The summary is written with the event, so an older one is a lagging replica: retry later.
    if (judged.summaryVersion < detail.summaryVersion) {
      throw new Error(`summary ${judged.summaryVersion} of the supplier is older than event ${detail.summaryVersion}`);
    }
    const units = verdictChanges(entries, judged, now).map(({ entry, previousSummaryVersion, alert }) => ({
      writes: [
        entryChangeWrite(table, entry, previousSummaryVersion),
        alertWrite(table, entry.clientId, alert, entry.until),
      ],
      events: [
        makeEvent(
          PROCUREMENT_SOURCE,
          'WatchedSupplierVerdictChanged',
          procurementEventVersions.WatchedSupplierVerdictChanged,
          {
            alertId: alert.alertId,
            clientId: entry.clientId,
            projectId: entry.projectId,
            uscc: entry.uscc,
            ...(entry.consortiumId !== undefined && { consortiumId: entry.consortiumId }),
            previousVerdict: alert.previousVerdict,
            verdict: alert.verdict,
            summaryVersion: alert.summaryVersion,
            rulesVersion: alert.rulesVersion,
            evaluatedAt: alert.raisedAt,
          },
          { correlationId, now },
        ),
      ],
    }));
    return { units };
  },
);
