import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { shoppingRoutes } from '../routes.js';
import { readDistrictMerchants } from '../store.js';
import { merchantView } from '../views.js';

export const handler = httpRoute(shoppingRoutes.districtMerchants, async ({ params, query }) => {
  const page = await readDistrictMerchants(dynamo(), tableName(), params.districtId, params.period, query);
  return { status: 200, body: { ...page, items: page.items.map(merchantView) } };
});
