import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { lambdaContext } from '../../local/api-gateway.js';
import { defineRoute } from '../scenario.js';
import { httpRoute, type RouteResult } from './route.js';

// The undeclared status is logged as our bug; the test needs no log lines.
process.env.LOG_LEVEL = 'SILENT';

const contract = defineRoute({
  id: 'test.status',
  method: 'GET',
  path: '/v1/test',
  auth: 'public',
  summary: 'A route that answers 200 only.',
  responses: { 200: z.object({ ok: z.boolean() }) },
});
const event = {
  httpMethod: 'GET',
  path: '/v1/test',
  headers: {},
  requestContext: {},
} as unknown as APIGatewayProxyEvent;
const invoke = (result: RouteResult) => {
  const handler = httpRoute(contract, async () => result as RouteResult<typeof contract.responses>);
  // The kernel's first middleware fills in the context's `route` part.
  const context = lambdaContext(contract.id) as Parameters<typeof handler>[1];
  return handler(event, context) as Promise<APIGatewayProxyResult>;
};

test('a declared status is answered as application/json', async () => {
  const response = await invoke({ status: 200, body: { ok: true } });
  expect(response).toMatchObject({ statusCode: 200, body: '{"ok":true}' });
  expect(response.headers?.['content-type']).toBe('application/json');
});

test('a status the contract does not declare never reaches the client: the OpenAPI document cannot drift', async () => {
  const response = await invoke({ status: 201, body: { ok: true } });
  expect(response.statusCode).toBe(500);
  expect(response.headers?.['content-type']).toBe('application/problem+json');
});
