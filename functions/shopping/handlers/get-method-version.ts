import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { methods } from '../method/method.js';
import { shoppingRoutes } from '../routes.js';

export const handler = httpRoute(shoppingRoutes.getMethodVersion, async ({ params }) => {
  const method = methods.get(params.version);
  if (!method) throw notFound(`No method version ${params.version} was published; see /v1/shopping/method.`);
  return { status: 200, body: { ...method } };
});
