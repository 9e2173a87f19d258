import type { APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { apiGatewayEvent, lambdaContext } from '../../local/api-gateway.js';
import { defineRoute, type RouteContract } from '../scenario.js';
import { httpRoute } from './route.js';

process.env.LOG_LEVEL = 'SILENT';

const profile = { uscc: 'X', counts: { 'administrative-penalty': 1 }, name: '上海示例' };

const publicRead = defineRoute({
  id: 'test.public-read',
  method: 'GET',
  path: '/v1/things/{id}',
  auth: 'public',
  summary: 'A public read',
  params: z.strictObject({ id: z.string() }),
  query: z.strictObject({ asOf: z.optional(z.string()) }),
  responses: { 200: z.looseObject({ uscc: z.string() }), 404: z.looseObject({ status: z.number() }) },
  cache: { maxAgeSeconds: 60 },
});

let served = 0;
const readHandler = httpRoute(publicRead, async ({ params }) => {
  served += 1;
  if (params.id === 'missing') return { status: 404, body: { type: 'about:blank', status: 404 } };
  return { status: 200, body: { ...profile, id: params.id } };
});

type Handler = (event: unknown, context: unknown) => Promise<APIGatewayProxyResult>;

async function call(
  handler: unknown,
  contract: RouteContract,
  request: { method?: string; url?: string; headers?: Record<string, string>; params?: Record<string, string> } = {},
) {
  const event = apiGatewayEvent(
    { method: request.method ?? contract.method, url: request.url ?? '/v1/things/a', headers: request.headers ?? {} },
    { ...contract, handler: 'test', access: [] },
    request.params ?? { id: 'a' },
  );
  const response = await (handler as Handler)(event, lambdaContext(contract.id));
  return {
    status: response.statusCode,
    headers: (response.headers ?? {}) as Record<string, string>,
    body: response.body,
  };
}

describe('public reads: Cache-Control, strong ETag, 304', () => {
  test('a 200 carries the route’s Cache-Control and a strong ETag of its bytes', async () => {
    const first = await call(readHandler, publicRead);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.etag).toMatch(/^"[\w-]{43}"$/);
    expect((await call(readHandler, publicRead)).headers.etag).toBe(first.headers.etag);
    const other = await call(readHandler, publicRead, { url: '/v1/things/b', params: { id: 'b' } });
    expect(other.headers.etag).not.toBe(first.headers.etag);
  });

  test('a matching If-None-Match → 304 without a body but with the validators; a stale one → 200', async () => {
    const { headers } = await call(readHandler, publicRead);
    for (const ifNoneMatch of [headers.etag!, `W/${headers.etag}`, `"old", ${headers.etag}`, '*']) {
      const again = await call(readHandler, publicRead, { headers: { 'If-None-Match': ifNoneMatch } });
      expect(again).toMatchObject({ status: 304, body: '' });
      expect(again.headers).toMatchObject({ etag: headers.etag, 'cache-control': 'public, max-age=60' });
      expect(again.headers['content-type']).toBeUndefined();
    }
    const stale = await call(readHandler, publicRead, { headers: { 'if-none-match': '"old"' } });
    expect(stale.status).toBe(200);
    const reload = await call(readHandler, publicRead, {
      headers: { 'if-none-match': headers.etag!, 'cache-control': 'no-cache' },
    });
    expect(reload.status).toBe(200);
  });

  test('errors get no ETag and are never answered 304', async () => {
    const missing = await call(readHandler, publicRead, {
      url: '/v1/things/missing',
      params: { id: 'missing' },
      headers: { 'if-none-match': '*' },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });

  test('no-store routes get neither ETag nor 304; undeclared ones revalidate every time', async () => {
    const live = defineRoute({ ...publicRead, id: 'test.live', cache: 'no-store' });
    const undeclared = defineRoute({ ...publicRead, id: 'test.undeclared', cache: undefined });
    const handle = (contract: RouteContract) => httpRoute(contract, async () => ({ status: 200, body: profile }));
    const liveResponse = await call(handle(live), live, { headers: { 'if-none-match': '*' } });
    expect(liveResponse.status).toBe(200);
    expect(liveResponse.headers).toMatchObject({ 'cache-control': 'no-store' });
    expect(liveResponse.headers.etag).toBeUndefined();
    const undeclaredResponse = await call(handle(undeclared), undeclared);
    expect(undeclaredResponse.headers['cache-control']).toBe('public, no-cache');
    expect(undeclaredResponse.headers.etag).toBeDefined();
  });
});

describe('public reads: CORS and HEAD', () => {
  test('every answer of a public read allows any origin without credentials, errors included', async () => {
    for (const id of ['a', 'missing']) {
      const response = await call(readHandler, publicRead, { url: `/v1/things/${id}`, params: { id } });
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(response.headers['access-control-expose-headers']).toMatch(/ETag/);
    }
  });

  test('HEAD is GET without the body: same status, same headers, same ETag', async () => {
    const get = await call(readHandler, publicRead);
    const head = await call(readHandler, publicRead, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const { 'x-correlation-id': _getId, ...getHeaders } = get.headers;
    const { 'x-correlation-id': _headId, ...headHeaders } = head.headers;
    expect(headHeaders).toEqual(getHeaders);
  });

  test('protected routes get no CORS, cache or ETag headers from the kernel', async () => {
    const privateRead = defineRoute({ ...publicRead, id: 'test.private', auth: { scope: 'records:write' } });
    const response = await call(
      httpRoute(privateRead, async () => ({ status: 200, body: profile })),
      privateRead,
    );
    expect(response.status).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers.etag).toBeUndefined();
  });
});

describe('query names that are object members', () => {
  test.each(['__proto__=1', 'constructor=', 'toString=x', 'hasOwnProperty=1&valueOf=2'])(
    '?%s is an unknown parameter: 400 naming it, the handler not called',
    async (query) => {
      const before = served;
      const response = await call(readHandler, publicRead, { url: `/v1/things/a?${query}&asOf=now` });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json');
      const names = query.split('&').map((pair) => `query.${pair.split('=')[0]}`);
      expect(JSON.parse(response.body).errors.map((error: { path: string }) => error.path)).toEqual(names);
      expect(served).toBe(before);
    },
  );
});
