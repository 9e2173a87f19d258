import { platformEvents } from '../../../events/platform.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCreditData } from '../../platform/public.js';
import { creditWindows } from '../agencies/agency.js';
import { creditFlagsWrite, readAgency } from '../agencies/store.js';
import { careEvent } from '../events.js';

/**
 * Keeps a registered agency's credit flags current: the summary read is at least as new as the
 * event, and only a newer summary version replaces what is stored (deliveries are unordered).
 */
export const handler = eventHandler(
  { consumerId: 'care.track-agency-credit', events: [platformEvents.SubjectCreditChanged] },
  async ({ detail, now, correlationId }) => {
    const db = dynamo();
    const table = tableName();
    const agency = await readAgency(db, table, detail.uscc, true);
    if (!agency) return {};
    const summary = (await readCreditData(db, table, { usccs: [detail.uscc] })).summaries.get(detail.uscc);
    // An eventually consistent read may lag the event; failing lets the bus retry it.
    if (!summary || summary.version < detail.summaryVersion) {
      throw new Error(`summary of ${detail.uscc} not yet at version ${detail.summaryVersion}`);
    }
    if (summary.version <= agency.creditSummaryVersion) return {};
    const credit = { windows: creditWindows(summary, now), summaryVersion: summary.version };
    const changed = careEvent('AgencyCreditChanged', { uscc: detail.uscc }, { correlationId, now });
    return { units: [{ writes: [creditFlagsWrite(table, detail.uscc, credit)], events: [changed] }] };
  },
);
