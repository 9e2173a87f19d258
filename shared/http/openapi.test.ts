import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { repositoryRoot } from '../../local/settings.js';
import { scenarios } from '../../scenarios.js';
import type { RouteDefinition } from '../scenario.js';
import { openApiDocument, problemStatuses } from './openapi.js';

const document = openApiDocument(scenarios, '1');
// Local-only routes (the token endpoint) are not part of the deployed API and not documented.
const routes = scenarios.flatMap((scenario) => scenario.routes).filter((route) => !route.localOnly);
type Operation = { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
const operationOf = (route: RouteDefinition) => document.paths[route.path]?.[route.method.toLowerCase()] as Operation;

test('Redocly lints the generated document (recommended rules, redocly.yaml) with no error and no warning', () => {
  const folder = mkdtempSync(join(tmpdir(), 'credit-plus-openapi-'));
  try {
    const file = join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const output = execFileSync(
      join(repositoryRoot, 'node_modules/.bin/redocly'),
      ['lint', file, '--format=json', '--config', join(repositoryRoot, 'redocly.yaml')],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const report = JSON.parse(output) as { totals: Record<string, number>; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test.each(routes.map((route) => [route.id, route] as const))(
  '%s documents exactly its declared success statuses, with the schemas the contract gives',
  (_id, route) => {
    const { responses } = operationOf(route);
    const successes = Object.keys(responses).filter((status) => !(Number(status) in problemStatusSet(route)));
    expect(successes.sort()).toEqual(Object.keys(route.responses).sort());
    for (const [status, schema] of Object.entries(route.responses)) {
      const { $schema: _dialect, ...expected } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
      expect(responses[status]?.content[route.mediaType ?? 'application/json']?.schema).toEqual(expected);
    }
  },
);

const problemStatusSet = (route: RouteDefinition) =>
  Object.fromEntries(problemStatuses(route).map((status) => [status, true]));

test.each(routes.map((route) => [route.id, route] as const))(
  '%s: every problem response is problem+json with the shared Problem schema',
  (_id, route) => {
    const { responses } = operationOf(route);
    for (const status of problemStatuses(route)) {
      expect(responses[status]?.content).toEqual({
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      });
    }
  },
);

describe('the problems a route can answer follow from its shape', () => {
  const route = (overrides: Partial<RouteDefinition>): RouteDefinition => ({
    id: 'x.y',
    method: 'GET',
    path: '/v1/x',
    auth: 'public',
    summary: 'x',
    responses: { 200: z.object({}) },
    handler: 'x.ts',
    access: ['table:read'],
    ...overrides,
  });

  test('a public read without input can only be throttled', () => {
    expect(problemStatuses(route({}))).toEqual([429]);
  });

  test('a public read with a path parameter adds 400, and 404 when its logic says so', () => {
    expect(problemStatuses(route({ params: z.object({ id: z.string() }), problems: [404] }))).toEqual([400, 404, 429]);
  });

  test('a protected idempotent write with a body can answer every client error but 404', () => {
    expect(
      problemStatuses(
        route({
          method: 'POST',
          auth: { scope: 'records:write' },
          body: z.object({}),
          access: ['table:read', 'table:write'],
        }),
      ),
    ).toEqual([400, 401, 403, 409, 413, 415, 422, 429]);
  });

  test('a POST that opts out of Idempotency-Key has no 422', () => {
    expect(
      problemStatuses(route({ method: 'POST', body: z.object({}), idempotent: false, access: ['table:write'] })),
    ).toEqual([400, 409, 413, 415, 429]);
  });
});

test('the Problem schema is RFC 9457 with the errors[] of API.md', () => {
  expect(document.components.schemas.Problem).toMatchObject({
    required: ['type', 'title', 'status', 'detail'],
    properties: { errors: { type: 'array', items: { required: ['path', 'message'] } } },
  });
});
