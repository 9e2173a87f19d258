import type { Scope } from '../../shared/auth/scopes.js';
import { type RegisteredClient, registeredClaims } from '../../shared/clients/client.js';

/** The client-credentials request as Cognito's token endpoint reads it (form fields or HTTP Basic). */
export interface TokenGrantRequest {
  grantType: string | undefined;
  scope: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** The client authenticated with an `Authorization: Basic` header (then a 401 challenges it). */
  basicAuth: boolean;
}

export type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type';

export type TokenGrant =
  | { ok: true; clientId: string; scopes: Scope[]; claims: { district?: string; agency?: string } }
  | { ok: false; status: 400 | 401; error: OAuthError; description: string };

export interface TokenGrantDependencies {
  findClient(clientId: string): Promise<RegisteredClient | undefined>;
  secretMatches(secret: string, hash: string): Promise<boolean>;
  /** The resource server's prefix every requested scope must carry (`credit-plus/`), as in Cognito. */
  scopePrefix: string;
}

const refuse = (status: 400 | 401, error: OAuthError, description: string): TokenGrant => ({
  ok: false,
  status,
  error,
  description,
});

/**
 * Cognito's client-credentials grant, decided locally: the registered client with the right
 * secret gets the scopes it asked for if it holds all of them (all of its scopes if it asked for
 * none), with the district and agency claims of its registration.
 */
export async function grantClientCredentials(
  request: TokenGrantRequest,
  deps: TokenGrantDependencies,
): Promise<TokenGrant> {
  if (request.grantType === undefined) return refuse(400, 'invalid_request', 'grant_type is required');
  if (request.grantType !== 'client_credentials') {
    return refuse(400, 'unsupported_grant_type', 'only grant_type=client_credentials is supported');
  }
  if (!request.clientId || request.clientSecret === undefined) {
    return refuse(401, 'invalid_client', 'client authentication failed: send client_id and client_secret');
  }
  const client = await deps.findClient(request.clientId);
  const authentic =
    client?.secretHash !== undefined && (await deps.secretMatches(request.clientSecret, client.secretHash));
  if (!client || !authentic) return refuse(401, 'invalid_client', 'client authentication failed');
  const registered: readonly string[] = client.scopes;
  const requested = (request.scope ?? '').split(' ').filter(Boolean);
  const scopes: string[] = [];
  for (const scope of requested) {
    const name = scope.startsWith(deps.scopePrefix) ? scope.slice(deps.scopePrefix.length) : undefined;
    if (name === undefined || !registered.includes(name)) {
      return refuse(400, 'invalid_scope', `scope "${scope}" is not allowed for this client`);
    }
    scopes.push(name);
  }
  return {
    ok: true,
    clientId: client.clientId,
    scopes: (scopes.length > 0 ? [...new Set(scopes)] : client.scopes) as Scope[],
    claims: registeredClaims(client),
  };
}
