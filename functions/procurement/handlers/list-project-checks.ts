import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { checksOfProject } from '../checks/store.js';
import { procurementRoutes } from '../routes.js';

export const handler = httpRoute(procurementRoutes.listProjectChecks, async ({ params, caller }) => {
  const checks = await checksOfProject(dynamo(), tableName(), caller.clientId, params.projectId);
  return { status: 200, body: { projectId: params.projectId, checks } };
});
