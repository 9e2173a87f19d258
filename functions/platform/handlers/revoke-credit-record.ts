import { recordRevoked } from '../credit-records/events.js';
import { decideRevoke } from '../credit-records/lifecycle.js';
import { platformRoutes } from '../routes.js';
import { lifecycleRoute } from './lifecycle-route.js';

export const handler = lifecycleRoute(platformRoutes.revokeCreditRecord, decideRevoke, (_before, after, context) =>
  recordRevoked(after, context),
);
