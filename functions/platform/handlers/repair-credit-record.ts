import { recordRepaired } from '../credit-records/events.js';
import { decideRepair } from '../credit-records/lifecycle.js';
import { platformRoutes } from '../routes.js';
import { lifecycleRoute } from './lifecycle-route.js';

export const handler = lifecycleRoute(platformRoutes.repairCreditRecord, decideRepair, (_before, after, context) =>
  recordRepaired(after, context),
);
