import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { type CreditRecord, publicRecordView, readCreditData, recordsCountingAsOf } from '../../platform/public.js';
import { agencyView, creditWindows, flagsAsOf } from '../agencies/agency.js';
import { readAgency } from '../agencies/store.js';
import { careRoutes } from '../routes.js';

export const handler = httpRoute(careRoutes.getAgency, async ({ params, now }) => {
  const db = dynamo();
  const table = tableName();
  const [agency, credit] = await Promise.all([
    readAgency(db, table, params.uscc),
    readCreditData(db, table, { usccs: [params.uscc] }),
  ]);
  if (!agency) throw notFound(`No agency ${params.uscc} is registered.`);
  const summary = credit.summaries.get(params.uscc);
  const records = summary
    ? recordsCountingAsOf(summary.records as unknown as CreditRecord[], params.uscc, now).map(({ record }) =>
        publicRecordView(record, now.getTime()),
      )
    : [];
  // The profile reads the summary itself, so its flags are current even before the subscriber has run.
  return {
    status: 200,
    body: { ...agencyView(agency, now), flags: flagsAsOf(creditWindows(summary, now), now), creditRecords: records },
  };
});
