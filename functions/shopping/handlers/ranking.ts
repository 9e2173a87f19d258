import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { districts } from '../districts.js';
import { CURRENT_METHOD } from '../method/method.js';
import { shoppingRoutes } from '../routes.js';
import { districtView } from '../scoring/aggregate.js';
import { readPeriodAggregates } from '../store.js';

export const handler = httpRoute(shoppingRoutes.ranking, async ({ params }) => {
  const sums = await readPeriodAggregates(dynamo(), tableName(), params.period);
  const items = sums
    .filter((district) => district.merchants > 0)
    .map((district) =>
      districtView(CURRENT_METHOD, district, districts.get(district.districtId) ?? district.districtId),
    )
    .sort((a, b) => b.index - a.index || a.districtId.localeCompare(b.districtId));
  return { status: 200, body: { period: params.period, items } };
});
