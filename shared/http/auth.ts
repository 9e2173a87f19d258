import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { config } from '../config.js';
import { HttpProblem } from './problem.js';

/** The OAuth scopes of API.md. */
export const scopes = ['records:write', 'procurement:check', 'merchants:write', 'care:admin', 'care:write'] as const;
export type Scope = (typeof scopes)[number];

/** Who is calling: the machine client and the claims that limit what it may touch. */
export interface Caller {
  clientId: string;
  scopes: string[];
  district?: string;
  agency?: string;
}

let keySet: JWTVerifyGetKey | undefined;

function issuerKeys(): JWTVerifyGetKey {
  if (keySet) return keySet;
  const { AUTH_JWKS, AUTH_JWKS_URL } = config();
  if (AUTH_JWKS) keySet = createLocalJWKSet(JSON.parse(AUTH_JWKS));
  else if (AUTH_JWKS_URL) keySet = createRemoteJWKSet(new URL(AUTH_JWKS_URL));
  else throw new Error('Invalid configuration: set AUTH_JWKS_URL (deployed) or AUTH_JWKS (local)');
  return keySet;
}

export function resetAuthForTests(): void {
  keySet = undefined;
}

const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', detail, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

/**
 * Verifies a bearer access token the same way in Lambda and locally: signature against the
 * issuer's keys, issuer, expiry, and (Cognito's marker) that it is an access token.
 */
export async function verifyBearer(authorization: string | undefined): Promise<Caller> {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match?.[1]) {
    throw new HttpProblem(401, 'unauthorized', 'This route needs an `Authorization: Bearer <token>` header.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  const { AUTH_ISSUER, AUTH_SCOPE_PREFIX } = config();
  if (!AUTH_ISSUER) throw new Error('Invalid configuration: AUTH_ISSUER is required on protected routes');
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(match[1], issuerKeys(), { issuer: AUTH_ISSUER }));
  } catch {
    throw unauthorized('The bearer token is invalid or expired.');
  }
  if (claims.token_use !== undefined && claims.token_use !== 'access') {
    throw unauthorized('The bearer token is not an access token.');
  }
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : claims.sub;
  if (typeof clientId !== 'string' || clientId === '') throw unauthorized('The bearer token names no client.');
  const granted = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return {
    clientId,
    scopes: granted.map((scope) =>
      scope.startsWith(AUTH_SCOPE_PREFIX) ? scope.slice(AUTH_SCOPE_PREFIX.length) : scope,
    ),
    ...(typeof claims.district === 'string' ? { district: claims.district } : {}),
    ...(typeof claims.agency === 'string' ? { agency: claims.agency } : {}),
  };
}

export function requireScope(caller: Caller, scope: Scope): void {
  if (!caller.scopes.includes(scope)) {
    throw new HttpProblem(403, 'forbidden', `This route needs the scope "${scope}".`);
  }
}

/** A district or agency token may only touch its own district's or agency's data. */
export function requireOwnClaim(caller: Caller, claim: 'district' | 'agency', value: string): void {
  if (caller[claim] !== value) {
    throw new HttpProblem(403, 'forbidden', `This token's "${claim}" claim does not grant access to ${value}.`);
  }
}
