import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { routeTable } from './local/api-gateway.js';
import { scenarios } from './scenarios.js';
import { scopes } from './shared/http/auth.js';
import { assertPerAddressLimit } from './shared/scenario.js';

const root = fileURLToPath(new URL('./', import.meta.url));
const routes = scenarios.flatMap((scenario) => scenario.routes.map((route) => ({ scenario, route })));

test('scenario ids and route ids are unique, and each route id starts with its scenario id', () => {
  const ids = scenarios.map((scenario) => scenario.id);
  expect(new Set(ids).size).toBe(ids.length);
  const routeIds = routes.map(({ route }) => route.id);
  expect(new Set(routeIds).size).toBe(routeIds.length);
  for (const { scenario, route } of routes) expect(route.id.startsWith(`${scenario.id}.`)).toBe(true);
});

test('no two routes share a method and path, and every path is versioned', () => {
  const keys = routes.map(({ route }) => `${route.method} ${route.path}`);
  expect(new Set(keys).size).toBe(keys.length);
  // Only the local stand-in for Cognito's token endpoint lives at Cognito's path.
  for (const { route } of routes) expect(route.path).toMatch(route.localOnly ? /^\/oauth2\/token$/ : /^\/v1\//);
});

test.each(routes.map(({ route }) => [route.id, route] as const))(
  '%s: handler module exists and exports handler',
  async (_id, route) => {
    const file = resolve(root, route.handler);
    expect(existsSync(file)).toBe(true);
    const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  },
);

test('protected routes name a known scope; writes have a body schema and declare table writes', () => {
  for (const { route } of routes) {
    if (route.auth !== 'public') {
      expect(scopes).toContain(route.auth.scope);
      // The kernel reads the client registry (cached) to authenticate every protected request.
      expect(route.access).toContain('table:read');
    }
    // The local token endpoint reads an OAuth form, not JSON, and writes nothing.
    if (!route.localOnly && (route.method === 'POST' || route.method === 'PUT')) {
      expect(route.body).toBeDefined();
      expect(route.access).toContain('table:write');
    }
    // Public writes exist (a consumer's review, a recorded worker lookup); public reads never write.
    if (route.auth === 'public' && route.method === 'GET') expect(route.access).not.toContain('table:write');
  }
});

test("every per-address limit is one WAF can enforce (at least 10 in one of WAF's windows)", () => {
  for (const { route } of routes) expect(() => assertPerAddressLimit(route)).not.toThrow();
});

test('every public read declares how long it may be cached', () => {
  for (const { route } of routes) {
    if (route.auth === 'public' && route.method === 'GET') expect(route.cache).toBeDefined();
  }
});

test("every emitted event comes from its scenario's source", () => {
  for (const scenario of scenarios) {
    for (const event of scenario.emits) expect(event.source).toBe(`credit-plus.${scenario.id}`);
  }
});

const subscriptions = scenarios.flatMap((scenario) => scenario.subscriptions);
const catalog = scenarios.flatMap((scenario) => scenario.emits);

test('detail-types are unique across the catalog', () => {
  const names = catalog.map((event) => event.detailType);
  expect(new Set(names).size).toBe(names.length);
});

test.each(subscriptions.map((subscription) => [subscription.id, subscription] as const))(
  '%s lists its catalog events one by one, and its handler takes exactly those',
  async (_id, subscription) => {
    const { source, 'detail-type': detailTypes, ...rest } = subscription.pattern as Record<string, unknown>;
    expect(rest).toEqual({});
    expect(Array.isArray(source) && source.every((value) => typeof value === 'string')).toBe(true);
    expect(Array.isArray(detailTypes) && detailTypes.every((value) => typeof value === 'string')).toBe(true);
    const taken = catalog.filter(
      (event) => (source as string[]).includes(event.source) && (detailTypes as string[]).includes(event.detailType),
    );
    expect(taken.map((event) => event.detailType).sort()).toEqual([...(detailTypes as string[])].sort());
    const module = (await import(pathToFileURL(resolve(root, subscription.handler)).href)) as {
      handler: { subscribesTo?: { source: string; detailType: string }[] };
    };
    expect(module.handler.subscribesTo?.map((event) => event.detailType).sort()).toEqual(
      [...(detailTypes as string[])].sort(),
    );
  },
);

test('the summary subscriber never takes SubjectCreditChanged, which it emits (no loop)', () => {
  const summary = subscriptions.find((subscription) => subscription.id === 'platform.maintain-subject-summary');
  expect(summary).toBeDefined();
  expect((summary!.pattern as { 'detail-type': string[] })['detail-type']).not.toContain('SubjectCreditChanged');
});

describe('the local route table answers like API Gateway', () => {
  const match = routeTable(scenarios);
  test('a known route with its path parameters, decoded', () => {
    expect(match('POST', '/v1/credit-records/A%3A1/repair')).toMatchObject({
      kind: 'route',
      route: { id: 'platform.repair-credit-record' },
      params: { recordId: 'A:1' },
    });
  });
  test('the longer route is not confused with its prefix', () => {
    expect(match('POST', '/v1/credit-records/X/objection/resolve')).toMatchObject({
      route: { id: 'platform.resolve-objection' },
    });
  });
  test('an unknown path is no route; a known path with another method lists what is allowed', () => {
    expect(match('GET', '/v1/credit-records/X/repair/extra')).toEqual({ kind: 'no-route' });
    expect(match('GET', '/v1/credit-records')).toEqual({ kind: 'wrong-method', allow: ['POST'] });
  });
  test('HEAD goes to the GET route; OPTIONS on a public read is a preflight, elsewhere not allowed', () => {
    expect(match('HEAD', '/v1/health')).toMatchObject({ kind: 'route', route: { id: 'system.health' } });
    expect(match('OPTIONS', '/v1/health')).toEqual({ kind: 'preflight' });
    expect(match('POST', '/v1/health')).toEqual({ kind: 'wrong-method', allow: ['GET', 'HEAD', 'OPTIONS'] });
    expect(match('HEAD', '/v1/credit-records')).toEqual({ kind: 'wrong-method', allow: ['POST'] });
    expect(match('OPTIONS', '/v1/procurement/checks/C-1')).toEqual({ kind: 'wrong-method', allow: ['GET', 'HEAD'] });
  });
});
