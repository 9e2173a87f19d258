import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { procurementRoutes } from '../routes.js';
import { entryDelete, readWatch, watchDelete } from '../watch/store.js';

export const handler = httpRoute(procurementRoutes.deleteWatch, async ({ params, caller }) => {
  const table = tableName();
  const watch = await readWatch(dynamo(), table, caller.clientId, params.projectId);
  if (!watch) throw notFound(`Project ${params.projectId} is not watched by this client.`);
  return {
    status: 200,
    body: { projectId: params.projectId, watching: false as const, suppliers: watch.suppliers.length },
    units: [
      ...watch.suppliers.map(({ uscc }) => ({
        writes: [entryDelete(table, { uscc, clientId: caller.clientId, projectId: params.projectId })],
        events: [],
      })),
      { writes: [watchDelete(table, caller.clientId, params.projectId)], events: [] },
    ],
  };
});
