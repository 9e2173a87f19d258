import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { workerInput } from '../../functions/care/testing.js';
import { penaltyInput } from '../../functions/platform/credit-records/test-records.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { scenarios } from '../../scenarios.js';
import type { RouteDefinition } from '../../shared/scenario.js';
import { RATE_LIMIT_PREFIX } from '../../shared/storage/rate-limit.js';
import { buildUscc } from '../../shared/uscc.js';

/**
 * Property: whatever path, query, headers and body a client sends to any manifest route through
 * the local API, the answer is never a 5xx, every 4xx is problem+json, and a 4xx writes nothing.
 */
let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
const tokens = new Map<string, string>();

const routes = scenarios.flatMap((scenario) => scenario.routes);

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  for (const route of routes) {
    if (route.auth !== 'public' && !tokens.has(route.auth.scope)) {
      // A district client fuzzes its own district's routes; an agency token carries the fuzzed paths'
      // own USCC, so some requests are its own.
      const claims =
        route.auth.scope === 'merchants:write'
          ? { clientId: 'fuzz-district', district: 'yuyuan' }
          : route.auth.scope === 'care:write'
            ? { clientId: 'fuzz-agency', agency: uscc }
            : { clientId: 'fuzz' };
      tokens.set(route.auth.scope, await platform.token({ scopes: [route.auth.scope], ...claims }));
    }
  }
});
afterAll(() => platform.stop());

/**
 * Every item of the table, in a stable order: any write between two snapshots changes it. Rate-limit
 * counters are left out: counting refused attempts is their purpose.
 */
async function snapshot(): Promise<string> {
  const { Items = [] } = await platform.db.send(new ScanCommand({ TableName: platform.table, ConsistentRead: true }));
  return Items.filter((item) => !item.pk?.S?.startsWith(RATE_LIMIT_PREFIX))
    .map((item) => JSON.stringify(item, Object.keys(item).sort()))
    .sort()
    .join('\n');
}

const uscc = buildUscc({ orgCodeBody: 'MA1FL8XQ' });
/** A valid body per route, which the fuzzer mutates one leaf at a time: near misses find the deep bugs. */
const validBodies: Record<string, unknown> = {
  'platform.ingest-credit-records': { records: [penaltyInput('FZ-1')] },
  'platform.repair-credit-record': { repairedAt: '2026-07-01T10:00:00+08:00', reason: '已整改' },
  'platform.revoke-credit-record': { revokedAt: '2026-07-01T10:00:00+08:00', reason: '撤销' },
  'platform.raise-objection': { raisedAt: '2026-07-01T10:00:00+08:00', reason: '异议' },
  'platform.resolve-objection': { resolvedAt: '2026-07-02T10:00:00+08:00', outcome: 'rejected' },
  'procurement.create-check': { projectId: 'FZ-P', purchaser: '采购中心', suppliers: [{ uscc, name: '供应商' }] },
  'procurement.put-watch': {
    suppliers: [{ uscc, name: '供应商' }],
    consortia: [],
    until: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
  },
  'care.put-agency': {
    name: '机构',
    kind: 'elderly-care-institution',
    district: '黄浦区',
    address: '地址',
    starRating: 3,
    services: ['照护'],
  },
  'care.put-worker': workerInput(9, { certifications: [{ name: '证书', number: 'N-1', validTo: '2030-01-01' }] }),
  'care.rotate-lookup-code': {},
  'care.record-service': { badgeNo: 'FZ-1', serviceDate: '2026-01-01', kind: '保洁' },
  'care.review': { reviewToken: 'A'.repeat(22), rating: 3, comment: '好' },
  'care.lookup-worker': { badgeNo: 'FZ-1', code: 'A'.repeat(22), source: 'typed-code' },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function leafPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, index) => leafPaths(item, [...prefix, index]))];
  if (value !== null && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...prefix, key]))];
  }
  return [prefix];
}

function replaced(value: Json, path: (string | number)[], leaf: Json): Json {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  copy[head] = replaced(copy[head] as Json, rest, leaf);
  return copy as Json;
}

/** Characters that have broken parsers before: escapes, separators, controls, bidi marks, surrogates. */
const nastyChar = fc.constantFrom(
  '%',
  '%ZZ',
  '%C0%AF',
  '/',
  '?',
  '#',
  '&',
  '=',
  '+',
  '\u0000',
  '\u202e',
  '\ud800',
  '\ufffd',
  '..',
  '上',
);
const nastyString = fc.string({
  unit: fc.oneof(nastyChar, fc.string({ unit: 'binary', maxLength: 1 })),
  maxLength: 12,
});
const memberName = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'limit',
  'cursor',
  'asOf',
);
const numbers = fc.oneof(
  fc.double(),
  fc.constantFrom(1e-131, 5e-324, -0, 1e126, 0.001, Number.MAX_SAFE_INTEGER + 2),
  fc.integer(),
);
const leaf: fc.Arbitrary<Json> = fc.oneof(fc.jsonValue() as fc.Arbitrary<Json>, nastyString, numbers);

const segment = fc.oneof(
  fc.constantFrom('FZ-1', 'C-1', uscc, uscc.toLowerCase(), '%ZZ', '%E0%A4%A', '%C0%AF', '', '..'),
  nastyString,
  nastyString.map((value) => encodeURIComponent(value.toWellFormed())),
);

const pathOf = (route: RouteDefinition) =>
  fc
    .tuple(
      fc.array(segment, { minLength: 4, maxLength: 4 }),
      fc.constantFrom('', '', '', '/', '//', '/extra'),
      fc.constantFrom('', '', '', '/'),
    )
    .map(([values, suffix, prefix]) => {
      let index = 0;
      return prefix + route.path.replace(/\{\w+\}/g, () => values[index++] ?? '') + suffix;
    });

const queryString = fc
  .array(fc.tuple(fc.oneof(memberName, nastyString), fc.oneof(nastyString, fc.constant(''))), { maxLength: 4 })
  .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&'));

const headerName = fc.constantFrom(
  'content-type',
  'if-none-match',
  'idempotency-key',
  'x-correlation-id',
  'accept',
  'origin',
  'cache-control',
  'authorization',
  '__proto__',
  'constructor',
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/problem+json',
  'text/plain',
  'application/json; charset=',
  'application/json;;',
  '',
);
const headers = fc
  .tuple(fc.dictionary(headerName, nastyString, { maxKeys: 3 }), fc.option(contentType))
  .map(([extra, type]) => ({ ...extra, ...(type === null ? {} : { 'content-type': type }) }));

const bodyOf = (route: RouteDefinition) => {
  const valid = validBodies[route.id] as Json | undefined;
  const mutations: fc.Arbitrary<string | Uint8Array | undefined>[] = [
    fc.constant(undefined),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    nastyString,
    fc.uint8Array({ maxLength: 24 }),
  ];
  if (valid !== undefined) {
    const paths = leafPaths(valid);
    mutations.push(
      fc.tuple(fc.constantFrom(...paths), leaf).map(([path, value]) => JSON.stringify(replaced(valid, path, value))),
      fc.constant(JSON.stringify(valid)),
    );
  }
  return fc.oneof(...mutations);
};

const request = fc.constantFrom(...routes).chain((route) =>
  fc.record({
    route: fc.constant(route),
    method: fc.oneof(fc.constant(route.method), fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE')),
    path: pathOf(route),
    query: fc.option(queryString),
    headers,
    authorized: fc.boolean(),
    body: bodyOf(route),
  }),
);

test('no request to any route gets a 5xx; every 4xx is problem+json and writes nothing', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (sent) => {
      const before = await snapshot();
      const token = sent.route.auth === 'public' || !sent.authorized ? undefined : tokens.get(sent.route.auth.scope);
      const response = await platform.call(
        sent.method,
        sent.query === null ? sent.path : `${sent.path}?${sent.query}`,
        {
          headers: sent.headers,
          ...(token ? { token } : {}),
          ...(sent.body === undefined ? {} : { rawBody: sent.body }),
        },
      );
      expect(response.status).toBeLessThan(500);
      if (sent.method === 'HEAD') expect(response.raw).toBe('');
      if (response.status >= 400) {
        // The local token endpoint answers its own errors as OAuth 2.0 requires (RFC 6749 §5.2: JSON
        // `error`); the gateway's (404, 405, a bad path) are problem+json there too.
        if (sent.route.localOnly) expect(response.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
        else {
          expect(response.headers['content-type']).toBe('application/problem+json');
          if (sent.method !== 'HEAD') expect(response.json.status).toBe(response.status);
        }
        expect(await snapshot()).toBe(before);
      }
    }),
    { numRuns: 300 },
  );
}, 60_000);
