import { defineRoute } from '../../shared/scenario.js';

/** Routes of the service itself, not of any scenario: health, the API description, the signature keys. */
export const systemRoutes = {
  health: defineRoute({
    id: 'system.health',
    method: 'GET',
    path: '/v1/health',
    auth: 'public',
    summary: 'Liveness with the database and the event pipeline (stream lag).',
  }),
  openApi: defineRoute({
    id: 'system.openapi',
    method: 'GET',
    path: '/v1/openapi.json',
    auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document, generated from the schemas the handlers validate with.',
  }),
  jwks: defineRoute({
    id: 'system.jwks',
    method: 'GET',
    path: '/v1/.well-known/jwks.json',
    auth: 'public',
    summary: 'The public keys that verify signed documents such as procurement checks (JWKS).',
  }),
  token: defineRoute({
    id: 'system.token',
    method: 'POST',
    path: '/oauth2/token',
    auth: 'public',
    summary: "Local only: client-credentials tokens, as Cognito's token endpoint issues them in AWS.",
    idempotent: false,
  }),
};
