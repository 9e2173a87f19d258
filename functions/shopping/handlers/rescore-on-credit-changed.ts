import { platformEvents } from '../../../events/platform.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCreditData } from '../../platform/public.js';
import { type EntryChange, rescoreMerchant } from '../scoring/merchant.js';
import { changesUnit, readMerchantEntries } from '../store.js';

/**
 * A merchant's credit changed: its entries (each period and district it is on) are scored again
 * with the summary now; those whose score moved are written with their districts' deltas. The
 * cost is the merchant's own entries, never its districts' size.
 */
export const handler = eventHandler(
  { consumerId: 'shopping.rescore-on-credit-changed', events: [platformEvents.SubjectCreditChanged] },
  async ({ detail, correlationId, now }) => {
    const db = dynamo();
    const table = tableName();
    const entries = await readMerchantEntries(db, table, detail.uscc);
    if (entries.length === 0) return {};
    const { summaries } = await readCreditData(db, table, { usccs: [detail.uscc] });
    const summary = summaries.get(detail.uscc);
    // The event promises a summary at least this new; an older read is a replica lagging: retry.
    if ((summary?.version ?? 0) < detail.summaryVersion) {
      throw new Error(`summary of ${detail.uscc} is older than version ${detail.summaryVersion}`);
    }
    const changes = entries
      .map((entry) => rescoreMerchant(entry, summary, now))
      .filter((change): change is EntryChange => change !== undefined);
    if (changes.length === 0) return {};
    return { units: [changesUnit(table, changes, { correlationId, now })] };
  },
);
