import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { procurementRoutes } from '../routes.js';
import { alertsOfProject } from '../watch/store.js';

export const handler = httpRoute(procurementRoutes.listAlerts, async ({ params, query, caller }) => ({
  status: 200,
  body: await alertsOfProject(dynamo(), tableName(), { clientId: caller.clientId, projectId: params.projectId }, query),
}));
