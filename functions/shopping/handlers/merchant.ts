import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { shoppingRoutes } from '../routes.js';
import { readMerchantEntries } from '../store.js';
import { merchantView } from '../views.js';

export const handler = httpRoute(shoppingRoutes.merchant, async ({ params }) => {
  const entries = (await readMerchantEntries(dynamo(), tableName(), params.uscc)).filter((entry) => !entry.withdrawn);
  if (entries.length === 0) throw notFound(`${params.uscc} has no integrity index.`);
  const items = entries
    .sort((a, b) => b.period.localeCompare(a.period) || a.districtId.localeCompare(b.districtId))
    .map(merchantView);
  return { status: 200, body: { uscc: params.uscc, items } };
});
