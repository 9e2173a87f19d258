import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { HttpProblem } from '../shared/http/problem.js';
import { allowedMethods, corsPreflightHeaders, isPublicRead } from '../shared/http/public-read.js';
import { viewerAddress } from '../shared/http/viewer-address.js';
import { assertPerAddressLimit, type RouteDefinition, type ScenarioDefinition } from '../shared/scenario.js';
import { perAddressLimiter } from './address-limit.js';

export interface LocalRequest {
  method: string;
  /** Path with optional query string, e.g. `/v1/subjects/X/credit-profile?x=1`. */
  url: string;
  headers?: Record<string, string>;
  /** The body as text, or as the bytes the HTTP server read (which need not be UTF-8). */
  body?: string | Uint8Array;
  sourceIp?: string;
}

/** The connection's address when a caller gives none (in-process tests). */
const LOCAL_SOURCE_IP = '127.0.0.1';

type Match =
  | { kind: 'route'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'preflight' }
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
 * send it to (404 for no path, 405 for a path without that method). HEAD goes to the GET route,
 * as the deployed HEAD methods do; OPTIONS on a public read is a CORS preflight. The path must
 * be well percent-encoded (see `wellEncoded`), so its parameters decode.
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
    const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    const hit = onPath.find(({ entry }) => entry.route.method === wanted);
    if (hit) return { kind: 'route', route: hit.entry.route, params: hit.params };
    if (wanted === 'OPTIONS' && onPath.some(({ entry }) => isPublicRead(entry.route))) return { kind: 'preflight' };
    return { kind: 'wrong-method', allow: allowedMethods(onPath.map(({ entry }) => entry.route)) };
  };
}

/** A request target split as sent: no normalisation, so `//v1/health` stays a path of its own. */
function splitTarget(target: string): { path: string; query: string } {
  const at = target.indexOf('?');
  return at < 0 ? { path: target, query: '' } : { path: target.slice(0, at), query: target.slice(at + 1) };
}

/** Escapes that do not decode to UTF-8 (`%ZZ`, a cut-off `%E0%A4%A`, the overlong `%C0%AF`) make no path. */
function wellEncoded(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * API Gateway hands a text body to the function as a string. Bytes that are not UTF-8 cannot be
 * a string without being altered, so they travel base64 like a binary body, and the kernel,
 * which decodes base64 bodies strictly, refuses them.
 */
function eventBody(body: string | Uint8Array | undefined): Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'> {
  if (body === undefined || body.length === 0) return { body: null, isBase64Encoded: false };
  if (typeof body === 'string') return { body, isBase64Encoded: false };
  try {
    return { body: strictUtf8.decode(body), isBase64Encoded: false };
  } catch {
    return { body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
  }
}

/** The REST API (payload 1.0) event API Gateway hands a Lambda proxy integration. */
export function apiGatewayEvent(
  request: LocalRequest,
  route: RouteDefinition,
  params: Record<string, string>,
): APIGatewayProxyEvent {
  const { path, query: queryString } = splitTarget(request.url);
  // A Map, not an object: names such as `__proto__` or `toString` are ordinary parameters here.
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(queryString)) values.set(name, [...(values.get(name) ?? []), value]);
  // Lambda parses the event from JSON, which makes every name an own property; fromEntries does the same.
  const query = Object.fromEntries([...values].map(([name, all]) => [name, all.at(-1) as string]));
  const multiQuery = Object.fromEntries(values);
  const headers = request.headers ?? {};
  const multiHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  const requestId = randomUUID();
  return {
    resource: route.path,
    path,
    httpMethod: request.method.toUpperCase(),
    headers,
    multiValueHeaders: multiHeaders,
    queryStringParameters: values.size > 0 ? query : null,
    multiValueQueryStringParameters: values.size > 0 ? multiQuery : null,
    pathParameters: Object.keys(params).length > 0 ? params : null,
    stageVariables: null,
    ...eventBody(request.body),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method.toUpperCase(),
      identity: { sourceIp: request.sourceIp ?? LOCAL_SOURCE_IP } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/local${path}`,
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
 * Serves requests the way the deployed API does: route, refuse a viewer address past the route's
 * `perAddressLimit` as the web ACL does, build the event, invoke the very handler module Lambda
 * would run (as its own local function, see local/functions/pool.ts). `now` is the limiter's clock.
 */
export function localApi(
  scenarios: ScenarioDefinition[],
  options: { invoke: (functionId: string, event: APIGatewayProxyEvent) => Promise<unknown>; now?: () => number },
) {
  for (const scenario of scenarios) scenario.routes.forEach(assertPerAddressLimit);
  const match = routeTable(scenarios);
  const limiter = perAddressLimiter(options.now);
  const gatewayAnswer = (request: LocalRequest, error: HttpProblem, path: string) => {
    const answer = problem(error, path);
    return request.method.toUpperCase() === 'HEAD' ? { ...answer, body: '' } : answer;
  };
  return async (request: LocalRequest): Promise<APIGatewayProxyResult> => {
    const { path } = splitTarget(request.url);
    if (!wellEncoded(path)) {
      return gatewayAnswer(
        request,
        new HttpProblem(400, 'invalid-path', 'The path is not percent-encoded UTF-8.'),
        path,
      );
    }
    const found = match(request.method, path);
    if (found.kind === 'no-route') {
      return gatewayAnswer(request, new HttpProblem(404, 'not-found', `No route ${path}.`), path);
    }
    if (found.kind === 'preflight') return { statusCode: 204, headers: { ...corsPreflightHeaders }, body: '' };
    if (found.kind === 'wrong-method') {
      const detail = `${request.method} is not allowed on ${path}.`;
      return gatewayAnswer(
        request,
        new HttpProblem(405, 'method-not-allowed', detail, { headers: { allow: found.allow.join(', ') } }),
        path,
      );
    }
    const rate = found.route.perAddressLimit;
    if (rate) {
      const headers = Object.fromEntries(
        Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
      );
      const decision = limiter.count(found.route.id, rate, viewerAddress(headers, request.sourceIp ?? LOCAL_SOURCE_IP));
      if (!decision.allowed) {
        const detail = `Too many requests to this route from this address; retry in ${decision.retryAfterSeconds} s.`;
        const retryAfter = { 'retry-after': String(decision.retryAfterSeconds) };
        return gatewayAnswer(request, new HttpProblem(429, 'too-many-requests', detail, { headers: retryAfter }), path);
      }
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
