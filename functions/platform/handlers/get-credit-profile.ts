import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { creditProfile } from '../credit-records/profile.js';
import { recordsOfSubject } from '../credit-records/store.js';
import { platformRoutes } from '../routes.js';

const MINUTE_MS = 60_000;

/**
 * Judged as of the start of the current minute: the body (and its ETag) then stays the same while
 * nothing changes, so a revalidating page gets 304s; caches may keep it a minute anyway.
 */
export const handler = httpRoute(platformRoutes.getCreditProfile, async ({ params, now }) => {
  const records = await recordsOfSubject(dynamo(), tableName(), params.uscc);
  const asOf = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  return { status: 200, body: creditProfile(params.uscc, records, asOf) };
});
