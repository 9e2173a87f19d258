import { notFound } from '../../../shared/http/problem.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCheck } from '../checks/store.js';
import { procurementRoutes } from '../routes.js';

export const handler = httpRoute(procurementRoutes.getCheck, async ({ params, caller }) => {
  const stored = await readCheck(dynamo(), tableName(), params.checkId);
  // Another client's check is answered like a missing one, so ids reveal nothing.
  if (!stored || stored.clientId !== caller.clientId) throw notFound(`No check ${params.checkId} of this client.`);
  return {
    status: 200,
    body: undefined,
    serializedBody: stored.serialized,
    headers: { 'cache-control': 'private, max-age=31536000, immutable' },
  };
});
