import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { agencyView } from '../agencies/agency.js';
import { searchAgencies } from '../agencies/store.js';
import { careRoutes } from '../routes.js';

export const handler = httpRoute(careRoutes.searchAgencies, async ({ query, now }) => {
  const page = await searchAgencies(dynamo(), tableName(), query);
  const items = page.items.map((agency) => {
    const { uscc, name, kind, district, starRating, rating, flags } = agencyView(agency, now);
    return { uscc, name, kind, district, ...(starRating !== undefined ? { starRating } : {}), rating, flags };
  });
  return { status: 200, body: { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
