import type { ScenarioDefinition } from '../../shared/scenario.js';
import { systemRoutes } from './routes.js';

const handlers = 'functions/system/handlers';

/** The service's own routes; no scenario depends on them and they depend on no scenario's internals. */
export const systemScenario: ScenarioDefinition = {
  id: 'system',
  title: 'Service routes (health, OpenAPI, keys, the local token endpoint)',
  routes: [
    { ...systemRoutes.health, handler: `${handlers}/health.ts`, access: ['table:read'] },
    { ...systemRoutes.openApi, handler: `${handlers}/openapi.ts`, access: [] },
    { ...systemRoutes.jwks, handler: `${handlers}/jwks.ts`, access: ['signing-key:public'] },
    // Cognito serves tokens in AWS; only the local runtime serves this one.
    {
      ...systemRoutes.token,
      handler: `${handlers}/token.ts`,
      access: ['table:read', 'local-issuer:sign'],
      localOnly: true,
    },
  ],
  emits: [],
  subscriptions: [],
};
