import { objectionRaised } from '../credit-records/events.js';
import { decideRaiseObjection } from '../credit-records/lifecycle.js';
import { platformRoutes } from '../routes.js';
import { lifecycleRoute } from './lifecycle-route.js';

export const handler = lifecycleRoute(platformRoutes.raiseObjection, decideRaiseObjection, (_before, after, context) =>
  objectionRaised(after, after.objections.at(-1)!, context),
);
