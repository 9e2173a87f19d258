import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { creditProfile } from '../credit-records/profile.js';
import { recordsOfSubject } from '../credit-records/store.js';
import { platformRoutes } from '../routes.js';

export const handler = httpRoute(platformRoutes.getCreditProfile, async ({ params, now }) => {
  const records = await recordsOfSubject(dynamo(), tableName(), params.uscc);
  return { status: 200, body: creditProfile(params.uscc, records, now) };
});
