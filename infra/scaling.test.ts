import { rmSync } from 'node:fs';
import * as z from 'zod/mini';
import { scenarios as registered } from '../scenarios.js';
import type { ScenarioDefinition } from '../shared/scenario.js';
import { constructId } from './naming.js';
import { type Synthesis, synthesize } from './test-support.js';

/**
 * A scenario shaped like the real ones (public and protected routes, path parameters, event
 * subscriptions, every kind of data access). Handlers are an existing module: bundling is
 * skipped, and the template does not depend on what the handler does.
 */
function fixtureScenario(n: number): ScenarioDefinition {
  const id = `fixture${n}`;
  const handler = 'functions/system/handlers/health.ts';
  const base = `/v1/${id}`;
  return {
    id,
    title: `Fixture scenario ${n}`,
    routes: [
      {
        id: `${id}.create`,
        method: 'POST',
        path: `${base}/items`,
        auth: { scope: 'records:write' },
        summary: 'create',
        responses: { 200: z.object({}) },
        handler,
        access: ['table:read', 'table:write'],
      },
      {
        id: `${id}.list`,
        method: 'GET',
        path: `${base}/items`,
        auth: { scope: 'records:write' },
        summary: 'list',
        responses: { 200: z.object({}) },
        handler,
        access: ['table:read'],
      },
      {
        id: `${id}.get`,
        method: 'GET',
        path: `${base}/items/{itemId}`,
        auth: { scope: 'procurement:check' },
        summary: 'get',
        responses: { 200: z.object({}) },
        handler,
        access: ['table:read', 'signing-key:public'],
      },
      {
        id: `${id}.public`,
        method: 'GET',
        path: `${base}/items/{itemId}/public`,
        auth: 'public',
        summary: 'public',
        responses: { 200: z.object({}) },
        handler,
        access: ['table:read', 'worker-id-secret:read'],
      },
    ],
    emits: [],
    subscriptions: [
      { id: `${id}.on-record`, handler, pattern: { source: ['credit-plus.platform'] }, access: ['table:write'] },
      {
        id: `${id}.on-check`,
        handler,
        pattern: { source: ['credit-plus.procurement'] },
        access: ['table:read', 'signing-key:sign'],
      },
    ],
  };
}

const added = [1, 2, 3].map(fixtureScenario);
const countsOf = (synthesis: Synthesis) =>
  new Map(synthesis.templates.map(({ name, template }) => [name, Object.keys(template.toJSON().Resources).length]));

let base: Synthesis;
let scaled: Synthesis;
beforeAll(() => {
  base = synthesize();
  scaled = synthesize({ scenarios: [...registered, ...added] });
}, 240_000);
afterAll(() => {
  for (const synthesis of [base, scaled])
    if (synthesis) rmSync(synthesis.assemblyDir, { recursive: true, force: true });
});

test(`${registered.length + added.length} scenarios: every stack far below 500 resources, the core grows only by API methods`, () => {
  const before = countsOf(base);
  const after = countsOf(scaled);
  const coreName = scaled.stack.stackName;
  const coreBefore = before.get(coreName) as number;
  const coreAfter = after.get(coreName) as number;
  const addedRoutes = added.flatMap((scenario) => scenario.routes).length;
  const perRoute = (coreAfter - coreBefore) / addedRoutes;
  console.info(
    `infra: resources per stack with ${registered.length} registered + ${added.length} fixture scenarios\n${[...after]
      .map(
        ([name, count]) =>
          `  ${name.padEnd(28)} ${String(count).padStart(4)}${before.has(name) ? ` (was ${before.get(name)})` : ' (new)'}`,
      )
      .join(
        '\n',
      )}\n  core: +${perRoute.toFixed(1)} per added route (methods incl. HEAD and the CORS preflight of a public read, resources, invoke permission)`,
  );
  expect(scaled.nagFindings).toEqual([]);
  for (const count of after.values()) expect(count).toBeLessThan(400);
  // Adding scenarios leaves every existing scenario stack as it was ...
  for (const [name, count] of before) if (name !== coreName) expect(after.get(name)).toBe(count);
  // ... gives each new one its own stack ...
  for (const scenario of added) expect(after.get(`${constructId(scenario.id)}Scenario`)).toBeGreaterThan(0);
  // ... and adds to the core only what its routes need on the API: no function, role, rule or queue.
  expect(perRoute).toBeLessThanOrEqual(8);
  const coreCount = (synthesis: Synthesis, type: string) =>
    Object.values(
      (synthesis.templates[0]?.template.toJSON().Resources ?? {}) as Record<string, { Type: string }>,
    ).filter((resource) => resource.Type === type).length;
  for (const type of [
    'AWS::Lambda::Function',
    'AWS::IAM::Role',
    'AWS::Logs::LogGroup',
    'AWS::Events::Rule',
    'AWS::SQS::Queue',
  ]) {
    expect(coreCount(scaled, type)).toBe(coreCount(base, type));
  }
});
