import { httpRoute } from '../../../shared/http/route.js';
import { CURRENT_METHOD, csvTemplate } from '../method/method.js';
import { shoppingRoutes } from '../routes.js';

export const handler = httpRoute(shoppingRoutes.methodTemplate, async () => ({
  status: 200,
  serializedBody: csvTemplate(CURRENT_METHOD),
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="shopping-roster-${CURRENT_METHOD.version}.csv"`,
  },
}));
