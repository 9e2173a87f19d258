import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCreditData } from '../../platform/public.js';
import { agencyView, creditWindows, sameRegistration } from '../agencies/agency.js';
import { readAgency, registrationWrites } from '../agencies/store.js';
import { careEvent } from '../events.js';
import { careRoutes } from '../routes.js';

export const handler = httpRoute(careRoutes.putAgency, async ({ params, body, now, correlationId }) => {
  const db = dynamo();
  const table = tableName();
  const [existing, credit] = await Promise.all([
    readAgency(db, table, params.uscc, true),
    readCreditData(db, table, { usccs: [params.uscc] }),
  ]);
  if (existing && sameRegistration(existing, body)) return { status: 200, body: agencyView(existing, now) };
  const summary = credit.summaries.get(params.uscc);
  const windows = existing?.creditWindows ?? creditWindows(summary, now);
  const registration = { ...body, starRating: body.starRating };
  const agency = {
    ...existing,
    ...registration,
    uscc: params.uscc,
    registeredAt: existing?.registeredAt ?? now.toISOString(),
    creditWindows: windows,
    creditSummaryVersion: existing?.creditSummaryVersion ?? summary?.version ?? 0,
  };
  if (body.starRating === undefined) delete agency.starRating;
  const writes = registrationWrites(
    table,
    params.uscc,
    registration,
    { windows, summaryVersion: agency.creditSummaryVersion },
    { previous: existing, now },
  );
  const event = careEvent(
    'AgencyRegistered',
    { uscc: params.uscc, kind: body.kind, district: body.district, firstRegistration: !existing },
    { correlationId, now },
  );
  return {
    status: existing ? 200 : 201,
    body: agencyView(agency, now),
    units: [{ writes, events: [event] }],
  };
});
