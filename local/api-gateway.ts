import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { HttpProblem } from '../shared/http/problem.js';
import type { RouteDefinition, ScenarioDefinition } from '../shared/scenario.js';

export interface LocalRequest {
  method: string;
  /** Path with optional query string, e.g. `/v1/subjects/X/credit-profile?x=1`. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  sourceIp?: string;
}

type Match =
  | { kind: 'route'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'no-route' }
  | { kind: 'wrong-method'; allow: string[] };

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

const compile = (route: RouteDefinition): CompiledRoute => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
};

/**
 * API Gateway's part, played locally: resolves a request to the route a deployed API would
 * send it to (404 for no path, 405 for a path without that method).
 */
export function routeTable(scenarios: ScenarioDefinition[]) {
  const compiled = scenarios.flatMap((scenario) => scenario.routes.map(compile));
  return (method: string, path: string): Match => {
    const onPath = compiled.flatMap((entry) => {
      const found = entry.pattern.exec(path);
      if (!found) return [];
      const params: Record<string, string> = {};
      entry.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return [{ entry, params }];
    });
    if (onPath.length === 0) return { kind: 'no-route' };
    const hit = onPath.find(({ entry }) => entry.route.method === method.toUpperCase());
    if (!hit) return { kind: 'wrong-method', allow: [...new Set(onPath.map(({ entry }) => entry.route.method))] };
    return { kind: 'route', route: hit.entry.route, params: hit.params };
  };
}

/** The REST API (payload 1.0) event API Gateway hands a Lambda proxy integration. */
export function apiGatewayEvent(
  request: LocalRequest,
  route: RouteDefinition,
  params: Record<string, string>,
): APIGatewayProxyEvent {
  const url = new URL(request.url, 'http://localhost');
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    multiQuery[name] = [...(multiQuery[name] ?? []), value];
  }
  const headers = request.headers ?? {};
  const multiHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  const requestId = randomUUID();
  return {
    resource: route.path,
    path: url.pathname,
    httpMethod: request.method.toUpperCase(),
    headers,
    multiValueHeaders: multiHeaders,
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: Object.keys(query).length > 0 ? multiQuery : null,
    pathParameters: Object.keys(params).length > 0 ? params : null,
    stageVariables: null,
    body: request.body === undefined || request.body === '' ? null : request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method.toUpperCase(),
      identity: { sourceIp: request.sourceIp ?? '127.0.0.1' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/local${url.pathname}`,
      stage: 'local',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: route.path,
    },
  };
}

export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const problem = (error: HttpProblem, path: string): APIGatewayProxyResult => ({
  statusCode: error.status,
  headers: { 'content-type': 'application/problem+json', ...error.headers },
  body: JSON.stringify(error.toProblem(path)),
});

/**
 * Serves requests the way the deployed API does: route, build the event, invoke the very
 * handler module Lambda would run (as its own local function, see local/functions/pool.ts).
 */
export function localApi(
  scenarios: ScenarioDefinition[],
  options: { invoke: (functionId: string, event: APIGatewayProxyEvent) => Promise<unknown> },
) {
  const match = routeTable(scenarios);
  return async (request: LocalRequest): Promise<APIGatewayProxyResult> => {
    const path = new URL(request.url, 'http://localhost').pathname;
    const found = match(request.method, path);
    if (found.kind === 'no-route') return problem(new HttpProblem(404, 'not-found', `No route ${path}.`), path);
    if (found.kind === 'wrong-method') {
      const detail = `${request.method} is not allowed on ${path}.`;
      return problem(
        new HttpProblem(405, 'method-not-allowed', detail, { headers: { allow: found.allow.join(', ') } }),
        path,
      );
    }
    try {
      const event = apiGatewayEvent(request, found.route, found.params);
      return (await options.invoke(found.route.id, event)) as APIGatewayProxyResult;
    } catch {
      // API Gateway's answer when the function fails instead of responding; the runtime logs why.
      return problem(new HttpProblem(502, 'bad-gateway', `${found.route.id} failed without answering.`), path);
    }
  };
}
