import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { batchGetAll } from '../../../shared/storage/batch-get.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import {
  type CreditRecord,
  creditDataFrom,
  creditDataKeys,
  publicRecordView,
  recordsCountingAsOf,
} from '../../platform/public.js';
import { agencyView, creditWindows, flagsAsOf } from '../agencies/agency.js';
import { agencyKey, agencyOf } from '../agencies/store.js';
import { careRoutes } from '../routes.js';

export const handler = httpRoute(careRoutes.getAgency, async ({ params, now }) => {
  const db = dynamo();
  const table = tableName();
  const creditRequest = { usccs: [params.uscc] };
  const agencyAt = agencyKey(params.uscc);
  // One request for the agency and its credit summary.
  const items = await batchGetAll<Record<string, unknown>>(db, table, [agencyAt, ...creditDataKeys(creditRequest)]);
  const agencyItem = items.get(`${agencyAt.pk}|${agencyAt.sk}`);
  if (!agencyItem) throw notFound(`No agency ${params.uscc} is registered.`);
  const agency = agencyOf(agencyItem);
  const summary = creditDataFrom(items, creditRequest).summaries.get(params.uscc);
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
