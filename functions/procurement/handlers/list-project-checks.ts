import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { checksOfProject } from '../checks/store.js';
import { procurementRoutes } from '../routes.js';

export const handler = httpRoute(procurementRoutes.listProjectChecks, async ({ params, query, caller }) => ({
  status: 200,
  body: await checksOfProject(dynamo(), tableName(), { clientId: caller.clientId, projectId: params.projectId }, query),
}));
