import { careEvents } from '../../../events/care.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { agencyCopy } from '../agencies/agency.js';
import { openBadgesOf, readAgency } from '../agencies/store.js';
import { copyAgencyToBadge } from '../workers/store.js';

/**
 * Keeps each open badge's copy of what lookups show of its agency (name, credit flags) at the
 * agency's latest revision. The agency is read when the event is handled, so a late or repeated
 * event copies the newest revision or nothing; a badge opened meanwhile copied it itself.
 */
export const handler = eventHandler(
  {
    consumerId: 'care.copy-agency-to-badges',
    events: [careEvents.AgencyRegistered, careEvents.AgencyCreditChanged],
  },
  async ({ detail }) => {
    // A first registration has no badges yet (a file needs its agency registered first).
    if ('firstRegistration' in detail && detail.firstRegistration) return {};
    const db = dynamo();
    const table = tableName();
    const [agency, badgeNos] = await Promise.all([
      readAgency(db, table, detail.uscc, true),
      openBadgesOf(db, table, detail.uscc),
    ]);
    if (!agency) return {};
    const copy = agencyCopy(agency);
    for (const badgeNo of badgeNos) await copyAgencyToBadge(db, table, { agency: detail.uscc, badgeNo }, copy);
    return {};
  },
);
