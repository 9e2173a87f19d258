import { procurementEvents } from '../../events/procurement.js';
import type { ScenarioDefinition } from '../../shared/scenario.js';
import { procurementRoutes } from './routes.js';

const handlers = 'functions/procurement/handlers';

/** Procurement supplier credit checks (政府采购供应商信用审查), DOMAIN.md scenario 3. */
export const procurementScenario: ScenarioDefinition = {
  id: 'procurement',
  title: 'Procurement supplier credit checks (政府采购供应商信用审查)',
  routes: [
    {
      ...procurementRoutes.createCheck,
      handler: `${handlers}/create-check.ts`,
      access: ['table:read', 'table:write', 'signing-key:sign'],
    },
    { ...procurementRoutes.getCheck, handler: `${handlers}/get-check.ts`, access: ['table:read'] },
    { ...procurementRoutes.listProjectChecks, handler: `${handlers}/list-project-checks.ts`, access: ['table:read'] },
  ],
  emits: Object.values(procurementEvents),
  subscriptions: [],
};
