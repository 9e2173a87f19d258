import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { assertPerAddressLimit, type RouteDefinition, type ScenarioDefinition } from '../shared/scenario.js';
import { perAddressLimiter } from './address-limit.js';
import { localApi } from './api-gateway.js';

const tenMinutes = { limit: 3, windowSeconds: 600 } as const;
/** A clock at a window's start (600 s windows are aligned to the epoch) plus `seconds`. */
const windowStart = Date.UTC(2026, 0, 1, 8, 0, 0);

describe('perAddressLimiter', () => {
  test('counts each address apart, refuses past the limit, and gives the seconds to the window end', () => {
    let now = windowStart + 100_000;
    const limiter = perAddressLimiter(() => now);
    const count = (address: string) => limiter.count('care.lookup', tenMinutes, address);
    expect([count('a'), count('a'), count('a')]).toEqual(Array(3).fill({ allowed: true }));
    expect(count('a')).toEqual({ allowed: false, retryAfterSeconds: 500 });
    expect(count('b')).toEqual({ allowed: true });
    now += 20_500;
    expect(count('a')).toEqual({ allowed: false, retryAfterSeconds: 480 });
  });

  test('a new window starts afresh, for everyone at once', () => {
    let now = windowStart + 599_000;
    const limiter = perAddressLimiter(() => now);
    for (let attempt = 0; attempt < 3; attempt++) limiter.count('care.lookup', tenMinutes, 'a');
    expect(limiter.count('care.lookup', tenMinutes, 'a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = windowStart + 600_000;
    expect(limiter.count('care.lookup', tenMinutes, 'a')).toEqual({ allowed: true });
  });

  test('routes are counted apart', () => {
    const limiter = perAddressLimiter(() => windowStart);
    for (let attempt = 0; attempt < 3; attempt++) limiter.count('care.lookup', tenMinutes, 'a');
    expect(limiter.count('care.lookup', tenMinutes, 'a').allowed).toBe(false);
    expect(limiter.count('care.review', tenMinutes, 'a').allowed).toBe(true);
  });

  test('ended windows are dropped, whichever route the next request goes to', () => {
    let now = windowStart;
    const limiter = perAddressLimiter(() => now);
    for (let address = 0; address < 1000; address++)
      limiter.count('care.lookup', tenMinutes, `10.0.${address >> 8}.${address & 255}`);
    limiter.count('care.review', { limit: 10, windowSeconds: 60 }, 'a');
    expect(limiter.held()).toBe(1001);
    now += 600_000;
    limiter.count('care.review', { limit: 10, windowSeconds: 60 }, 'a');
    expect(limiter.held()).toBe(1);
  });
});

describe('manifest limits are checked where manifests are read', () => {
  test.each([
    [{ limit: 9, windowSeconds: 600 }, /from 10 to/],
    [{ limit: 10.5, windowSeconds: 600 }, /whole number/],
    [{ limit: 30, windowSeconds: 900 }, /60, 120, 300 or 600/],
  ])('%j is refused', (limit, message) => {
    const route = { id: 'test.limited', perAddressLimit: limit } as unknown as RouteDefinition;
    expect(() => assertPerAddressLimit(route)).toThrow(message);
    expect(() => localApi([scenarioWith(route)], { invoke: async () => ({}) })).toThrow(message);
  });

  test("WAF's smallest limit, and no limit at all, are accepted", () => {
    expect(() =>
      assertPerAddressLimit({ id: 'test.limited', perAddressLimit: { limit: 10, windowSeconds: 60 } }),
    ).not.toThrow();
    expect(() => assertPerAddressLimit({ id: 'test.open' })).not.toThrow();
  });
});

function scenarioWith(...routes: RouteDefinition[]): ScenarioDefinition {
  return { id: 'test', title: 'test', routes, emits: [], subscriptions: [] };
}

const limited: RouteDefinition = {
  id: 'test.lookup',
  method: 'POST',
  path: '/v1/test/lookups',
  auth: 'public',
  summary: 'A limited public write.',
  body: z.object({}),
  responses: { 200: z.object({}) },
  handler: 'unused.ts',
  access: [],
  perAddressLimit: { limit: 10, windowSeconds: 60 },
};
const open: RouteDefinition = { ...limited, id: 'test.read', method: 'GET', path: '/v1/test/lookups/{id}' };
delete open.perAddressLimit;

describe('the local gateway enforces a route’s perAddressLimit before the function runs', () => {
  let now = windowStart + 15_000;
  const invoked: string[] = [];
  const serve = localApi([scenarioWith(limited, open)], {
    invoke: async (functionId: string, event: APIGatewayProxyEvent) => {
      invoked.push(`${functionId} ${event.requestContext.identity.sourceIp}`);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    },
    now: () => now,
  });
  const post = (headers: Record<string, string>, sourceIp = '130.176.0.1') =>
    serve({ method: 'POST', url: '/v1/test/lookups', headers, body: '{}', sourceIp });

  beforeEach(() => {
    invoked.length = 0;
    now += 60_000;
  });

  test('past the limit: 429 problem+json with Retry-After, and the function is not invoked', async () => {
    const viewer = { 'X-Viewer-Ip': '203.0.113.7' };
    for (let attempt = 0; attempt < 10; attempt++) expect((await post(viewer)).statusCode).toBe(200);
    expect(invoked).toHaveLength(10);
    const refused = (await post(viewer)) as APIGatewayProxyResult;
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '45' });
    expect(JSON.parse(refused.body)).toMatchObject({
      type: 'https://credit-plus.example/problems/too-many-requests',
      title: 'Too many requests',
      status: 429,
      detail: expect.stringContaining('45 s'),
    });
    expect(invoked).toHaveLength(10);
  });

  test('visitors behind one edge are counted by their own address, callers without the header by the connection', async () => {
    for (let attempt = 0; attempt < 10; attempt++) await post({ 'x-viewer-ip': '203.0.113.7' });
    expect((await post({ 'x-viewer-ip': '203.0.113.8' })).statusCode).toBe(200);
    for (let attempt = 0; attempt < 10; attempt++) expect((await post({})).statusCode).toBe(200);
    expect((await post({})).statusCode).toBe(429);
    expect((await post({}, '198.51.100.9')).statusCode).toBe(200);
    // A header that is no address counts under the connection's address, which is spent.
    expect((await post({ 'x-viewer-ip': 'anything' })).statusCode).toBe(429);
  });

  test('a route without a limit is never refused', async () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      expect((await serve({ method: 'GET', url: '/v1/test/lookups/1', sourceIp: '198.51.100.9' })).statusCode).toBe(
        200,
      );
    }
  });

  test('the next window lets the address in again', async () => {
    for (let attempt = 0; attempt < 11; attempt++) await post({}, '198.51.100.10');
    expect((await post({}, '198.51.100.10')).statusCode).toBe(429);
    now += 60_000;
    expect((await post({}, '198.51.100.10')).statusCode).toBe(200);
  });
});
