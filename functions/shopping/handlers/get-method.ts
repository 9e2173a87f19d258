import { httpRoute } from '../../../shared/http/route.js';
import { CURRENT_METHOD } from '../method/method.js';
import { shoppingRoutes } from '../routes.js';

export const handler = httpRoute(shoppingRoutes.getMethod, async () => ({ status: 200, body: { ...CURRENT_METHOD } }));
