import type { RegisteredClient } from '../clients/client.js';
import { registeredClaims } from '../clients/client.js';

export class UnregisteredClientError extends Error {}

/** What the V3 trigger tells Cognito to change in a client-credentials access token. */
export interface AccessTokenOverrides {
  claimsToAddOrOverride: Record<string, string>;
  scopesToSuppress: string[];
}

/**
 * The client registry decides a machine token's claims: the registration's district and agency
 * are added, and any of our resource server's scopes the registration does not list is
 * suppressed. A client missing from the registry gets no token at all (Cognito fails the request),
 * since the API would refuse its tokens anyway.
 */
export function accessTokenOverrides(
  clientId: string,
  client: RegisteredClient | undefined,
  requestedScopes: readonly string[],
  scopePrefix: string,
): AccessTokenOverrides {
  if (!client) throw new UnregisteredClientError(`client ${clientId} is not in the client registry`);
  const registered: readonly string[] = client.scopes;
  return {
    claimsToAddOrOverride: registeredClaims(client),
    scopesToSuppress: requestedScopes.filter(
      (scope) => scope.startsWith(scopePrefix) && !registered.includes(scope.slice(scopePrefix.length)),
    ),
  };
}
