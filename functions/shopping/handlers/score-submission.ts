import { shoppingEvents } from '../../../events/shopping.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCreditData } from '../../platform/public.js';
import { CURRENT_METHOD } from '../method/method.js';
import { type EntryChange, submitMerchant, withdrawMerchant } from '../scoring/merchant.js';
import { changesUnit, progressWrite, readChunk, readEntries, readRoster } from '../store.js';

/**
 * Scores one slice of a submission: its merchants from their indicators and credit records, and
 * withdraws those the new roster dropped. A slice of a roster already replaced changes nothing.
 */
export const handler = eventHandler(
  { consumerId: 'shopping.score-submission', events: [shoppingEvents.MerchantDataSubmitted] },
  async ({ detail, correlationId, now }) => {
    const db = dynamo();
    const table = tableName();
    const { districtId, period, submissionId, revision } = detail;
    const roster = await readRoster(db, table, districtId, period);
    if (!roster || roster.revision !== revision) return {};
    const chunk = await readChunk(db, table, submissionId, detail.chunk);
    if (!chunk) throw new Error(`slice ${detail.chunk} of submission ${submissionId} is missing`);
    const usccs = [...chunk.merchants.map((merchant) => merchant.uscc), ...chunk.dropped];
    const [entries, credit] = await Promise.all([
      readEntries(
        db,
        table,
        usccs.map((uscc) => ({ uscc, period, districtId })),
      ),
      readCreditData(db, table, { usccs: chunk.merchants.map((merchant) => merchant.uscc) }),
    ]);
    const base = { districtId, period, submissionId, rosterRevision: revision };
    const changes = [
      ...chunk.merchants.map((merchant) =>
        submitMerchant(
          entries.get(merchant.uscc),
          { ...merchant, ...base },
          credit.summaries.get(merchant.uscc),
          CURRENT_METHOD,
          now,
        ),
      ),
      ...chunk.dropped.map((uscc) => withdrawMerchant(entries.get(uscc), { ...base, uscc }, now)),
    ].filter((change): change is EntryChange => change !== undefined);
    return {
      units: [changesUnit(table, changes, { correlationId, now }, [progressWrite(table, submissionId, usccs.length)])],
    };
  },
);
