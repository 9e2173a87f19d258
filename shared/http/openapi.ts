import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { RouteDefinition, ScenarioDefinition } from '../scenario.js';

// OpenAPI 3.1 schemas are JSON Schema 2020-12; the dialect is declared once for the document.
// Input mode for responses too: objects stay open, so clients must expect added fields (decision 11).
const jsonSchema = (schema: core.$ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
};

/** RFC 9457 problem details as every error response carries them (shared/http/problem.ts). */
const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.optional(z.string()),
  /** Every bad field of a 400, by dotted path (`suppliers.3.uscc`, `query.cursor`). */
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});

const successDescriptions: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  503: 'Unavailable; the body says what is known',
};

const problemDescriptions = {
  400: 'Invalid path, query or body (`errors` names every bad field), or a body that is not JSON',
  401: 'Missing, invalid or expired bearer token',
  403: 'The token lacks the scope, or the data belongs to another client, district or agency',
  404: 'No such resource for this caller',
  409: 'Conflicts with the current state, or with a concurrent change (retry)',
  413: 'Request body too large',
  415: 'Request body is not application/json',
  422: 'Idempotency-Key already used with a different body',
  429: 'Too many requests (API throttling)',
} as const;
type ProblemStatus = keyof typeof problemDescriptions;

const isIdempotent = (route: RouteDefinition) =>
  route.idempotent ?? (route.method === 'POST' || route.method === 'PUT');

/**
 * The client errors a route can answer, from its shape: input → 400; a token → 401/403; a
 * body → 413/415; Idempotency-Key → 422; table writes → 409 (a concurrent change); every
 * route → 429 (stage throttling); plus those its logic declares (a missing record → 404).
 * 405 answers another method on the path, so it belongs to no operation.
 */
export function problemStatuses(route: RouteDefinition): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>([429, ...(route.problems ?? [])]);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.auth !== 'public') for (const status of [401, 403] as const) statuses.add(status);
  if (route.body) for (const status of [413, 415] as const) statuses.add(status);
  if (isIdempotent(route)) statuses.add(422);
  if (route.access.includes('table:write')) statuses.add(409);
  return [...statuses].sort((a, b) => a - b);
}

function parameters(route: RouteDefinition, where: 'path' | 'query') {
  const schema = where === 'path' ? route.params : route.query;
  if (!schema) return [];
  const object = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

function responses(route: RouteDefinition) {
  const documented: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    documented[status] = {
      description: successDescriptions[Number(status)] ?? 'Success',
      content: {
        [route.mediaType ?? 'application/json']: { schema: jsonSchema(schema) },
        ...Object.fromEntries(
          (route.alternativeMediaTypes ?? []).map((type) => [type, { schema: { type: 'string' } }]),
        ),
      },
    };
  }
  for (const status of problemStatuses(route)) {
    documented[status] = {
      description: problemDescriptions[status],
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return documented;
}

/** The OpenAPI 3.1 document of every registered route, from the same zod schemas the handlers use. */
export function openApiDocument(scenarios: ScenarioDefinition[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const scenario of scenarios) {
    // The local token endpoint stands in for Cognito's; the deployed API has no such route.
    for (const route of scenario.routes.filter((route) => !route.localOnly)) {
      const operation = {
        operationId: route.id,
        summary: route.summary,
        tags: [scenario.id],
        ...(route.auth === 'public' ? { security: [] } : { security: [{ bearer: [route.auth.scope] }] }),
        parameters: [
          ...parameters(route, 'path'),
          ...parameters(route, 'query'),
          ...(isIdempotent(route)
            ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }]
            : []),
        ],
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': { schema: jsonSchema(route.body) },
                  ...Object.fromEntries(
                    Object.keys(route.textBodies ?? {}).map((type) => [type, { schema: { type: 'string' } }]),
                  ),
                },
              },
            }
          : {}),
        responses: responses(route),
      };
      paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'credit-plus API', version },
    servers: [{ url: '/' }],
    tags: scenarios.map((scenario) => ({ name: scenario.id, description: scenario.title })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: jsonSchema(problemSchema) },
    },
    paths,
  };
}
