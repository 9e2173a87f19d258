import * as z from 'zod/mini';
import { defineRoute } from '../../shared/scenario.js';

const healthSchema = z.object({
  /** `starting` and `seeding` only locally: before the handlers are up, and until the demo data is in. */
  status: z.enum(['ok', 'degraded', 'starting', 'seeding']),
  time: z.string(),
  database: z.enum(['ok', 'unavailable']),
  events: z.object({
    /** `stalled`: a polling publisher has not passed for several intervals; its last figures are withheld. */
    status: z.enum(['ok', 'lagging', 'idle', 'stalled']),
    lastPassAt: z.optional(z.string()),
    /** Locally only: the last pass of the stream poller after which every event was delivered. */
    lastPollAt: z.optional(z.string()),
    streamLagSeconds: z.optional(z.number()),
    published: z.optional(z.number()),
  }),
});

const jwksSchema = z.object({
  keys: z.array(
    z.looseObject({ kty: z.literal('EC'), kid: z.string(), alg: z.literal('ES256'), use: z.literal('sig') }),
  ),
});

/** Routes of the service itself, not of any scenario: health, the API description, the signature keys. */
export const systemRoutes = {
  health: defineRoute({
    id: 'system.health',
    method: 'GET',
    path: '/v1/health',
    auth: 'public',
    summary: 'Liveness with the database and the event pipeline (stream lag).',
    cache: 'no-store',
    // 503: not ready (database away, or still loading demo data); the body still says what is known.
    responses: { 200: healthSchema, 503: healthSchema },
  }),
  openApi: defineRoute({
    id: 'system.openapi',
    method: 'GET',
    path: '/v1/openapi.json',
    auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document, generated from the schemas the handlers validate with.',
    cache: { maxAgeSeconds: 300 },
    responses: {
      200: z.looseObject({
        openapi: z.string(),
        info: z.object({ title: z.string(), version: z.string() }),
        paths: z.record(z.string(), z.unknown()),
      }),
    },
  }),
  jwks: defineRoute({
    id: 'system.jwks',
    method: 'GET',
    path: '/v1/.well-known/jwks.json',
    auth: 'public',
    summary: 'The public keys that verify signed documents such as procurement checks (JWKS).',
    cache: { maxAgeSeconds: 3600 },
    responses: { 200: jwksSchema },
  }),
  token: defineRoute({
    id: 'system.token',
    method: 'POST',
    path: '/oauth2/token',
    auth: 'public',
    summary: "Local only: client-credentials tokens, as Cognito's token endpoint issues them in AWS.",
    idempotent: false,
    responses: {
      200: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.int() }),
    },
  }),
};
