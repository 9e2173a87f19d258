/**
 * Bundles replace the SDK's default credential chain (`@aws-sdk/credential-provider-node`)
 * with this module (see infra/bundling.ts): every client here is given its credentials
 * explicitly (`fromEnv()` in Lambda), so the chain's SSO, INI-file, process and web-identity
 * providers would be dead weight in every bundle and in every cold start.
 */
export const defaultProvider = () => async () => {
  throw new Error('No default credential chain in this bundle: give the SDK client its credentials explicitly.');
};
