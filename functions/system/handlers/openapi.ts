import { scenarios } from '../../../scenarios.js';
import { openApiDocument } from '../../../shared/http/openapi.js';
import { httpRoute } from '../../../shared/http/route.js';
import { systemRoutes } from '../routes.js';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpRoute(systemRoutes.openApi, async () => {
  document ??= openApiDocument(scenarios, '1');
  return { status: 200, body: document };
});
