import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { getRecord } from '../credit-records/store.js';
import { repairEligibility } from '../credit-repair/eligibility.js';
import { platformRoutes } from '../routes.js';

const MINUTE_MS = 60_000;

/** Without asOf, judged as of the start of the current minute, so the ETag holds for that minute. */
export const handler = httpRoute(platformRoutes.getRepairEligibility, async ({ params, query, now }) => {
  const record = await getRecord(dynamo(), tableName(), params.recordId);
  if (!record) throw notFound(`No credit record ${params.recordId} exists.`);
  const asOf = query.asOf ? Date.parse(query.asOf) : Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  return { status: 200, body: repairEligibility(record, asOf) };
});
