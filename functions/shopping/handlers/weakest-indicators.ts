import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { districts } from '../districts.js';
import { CURRENT_METHOD } from '../method/method.js';
import { shoppingRoutes } from '../routes.js';
import { districtView, weakestIndicators } from '../scoring/aggregate.js';
import { readAggregate } from '../store.js';

export const handler = httpRoute(shoppingRoutes.weakestIndicators, async ({ params }) => {
  const sums = await readAggregate(dynamo(), tableName(), params.districtId, params.period);
  if (!sums || sums.merchants === 0)
    throw notFound(`${params.districtId} has no scored merchants for ${params.period}.`);
  const name = districts.get(params.districtId) ?? params.districtId;
  return {
    status: 200,
    body: { district: districtView(CURRENT_METHOD, sums, name), items: weakestIndicators(CURRENT_METHOD, sums) },
  };
});
