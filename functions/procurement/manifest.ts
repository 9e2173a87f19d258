import { procurementEvents } from '../../events/procurement.js';
import { PLATFORM_SOURCE } from '../../events/versions.js';
import { type ScenarioDefinition, subscribeTo } from '../../shared/scenario.js';
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
    { ...procurementRoutes.putWatch, handler: `${handlers}/put-watch.ts`, access: ['table:read', 'table:write'] },
    { ...procurementRoutes.deleteWatch, handler: `${handlers}/delete-watch.ts`, access: ['table:read', 'table:write'] },
    { ...procurementRoutes.listAlerts, handler: `${handlers}/list-alerts.ts`, access: ['table:read'] },
  ],
  emits: Object.values(procurementEvents),
  subscriptions: [
    {
      id: 'procurement.alert-watchers',
      handler: `${handlers}/alert-watchers.ts`,
      pattern: subscribeTo([{ source: PLATFORM_SOURCE, detailType: 'SubjectCreditChanged' }]),
      access: ['table:read', 'table:write'],
    },
  ],
};
