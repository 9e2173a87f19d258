import { httpRoute } from '../../../shared/http/route.js';
import { configuredSigner } from '../../../shared/signing/configured-signer.js';
import { systemRoutes } from '../routes.js';

export const handler = httpRoute(systemRoutes.jwks, async () => ({
  status: 200,
  body: { keys: [await configuredSigner().publicJwk()] },
}));
