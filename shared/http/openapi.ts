import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { RouteDefinition, ScenarioDefinition } from '../scenario.js';

// OpenAPI 3.1 schemas are JSON Schema 2020-12; the dialect is declared once for the document.
const jsonSchema = (schema: core.$ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
};

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

const problemResponse = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': {} } };

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
          ...((route.idempotent ?? (route.method === 'POST' || route.method === 'PUT'))
            ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }]
            : []),
        ],
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
          : {}),
        responses: {
          '200': { description: 'Success', content: { 'application/json': {} } },
          '400': problemResponse,
          ...(route.auth === 'public' ? {} : { '401': problemResponse, '403': problemResponse }),
        },
      };
      paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'credit-plus API', version },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
