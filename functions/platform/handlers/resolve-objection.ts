import { objectionResolved } from '../credit-records/events.js';
import { decideResolveObjection } from '../credit-records/lifecycle.js';
import { platformRoutes } from '../routes.js';
import { lifecycleRoute } from './lifecycle-route.js';

export const handler = lifecycleRoute(
  platformRoutes.resolveObjection,
  decideResolveObjection,
  (before, after, context) => {
    // The resolved objection is the one that was open before this change.
    const index = before.objections.findIndex((objection) => objection.resolvedAt === undefined);
    return objectionResolved(after, after.objections[index]!, context);
  },
);
