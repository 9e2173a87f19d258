import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Scope } from '../auth/scopes.js';
import { type ClientDirectory, cachedClientDirectory, getClient } from '../clients/store.js';
import { config } from '../config.js';
import { dynamo, tableName } from '../storage/dynamo.js';
import { HttpProblem } from './problem.js';

export { type Scope, scopes } from '../auth/scopes.js';

/** Who is calling: the machine client and the claims that limit what it may touch. */
export interface Caller {
  clientId: string;
  scopes: string[];
  district?: string;
  agency?: string;
}

/** Clocks of the issuer and of the function may disagree by this much (for `iat`; `exp` gets no grace). */
const CLOCK_SKEW_SECONDS = 60;
/** How long a function trusts what it read from the client registry. */
const CLIENT_CACHE_TTL_MS = 60_000;

let keySet: JWTVerifyGetKey | undefined;
let registry: ClientDirectory | undefined;

function issuerKeys(): JWTVerifyGetKey {
  if (keySet) return keySet;
  const { AUTH_JWKS, AUTH_JWKS_URL } = config();
  if (AUTH_JWKS) keySet = createLocalJWKSet(JSON.parse(AUTH_JWKS));
  else if (AUTH_JWKS_URL) keySet = createRemoteJWKSet(new URL(AUTH_JWKS_URL));
  else throw new Error('Invalid configuration: set AUTH_JWKS_URL (deployed) or AUTH_JWKS (local)');
  return keySet;
}

/** The client registry in the function's table, read through the per-instance cache. */
function tableClientDirectory(): ClientDirectory {
  registry ??= cachedClientDirectory((clientId) => getClient(dynamo(), tableName(), clientId), {
    ttlMs: CLIENT_CACHE_TTL_MS,
  });
  return registry;
}

export function resetAuthForTests(): void {
  keySet = undefined;
  registry = undefined;
}

const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', detail, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

const numeric = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Verifies a bearer access token the same way in Lambda and locally, trusting nothing the token
 * could choose: the one pinned algorithm (never `none` or HMAC), the issuer's keys and `iss`,
 * `exp` and `iat` both present, `iat` not in the future, a lifetime no longer than the issuer
 * grants, an access token (`token_use`), and a `client_id` (and `aud`, if any) naming one client.
 * Does not consult the client registry: `authenticate` does.
 */
export async function verifyBearer(authorization: string | undefined, now = new Date()): Promise<Caller> {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match?.[1]) {
    throw new HttpProblem(401, 'unauthorized', 'This route needs an `Authorization: Bearer <token>` header.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  const { AUTH_ISSUER, AUTH_SCOPE_PREFIX, AUTH_TOKEN_ALGORITHM, AUTH_MAX_TOKEN_LIFETIME_SECONDS } = config();
  if (!AUTH_ISSUER) throw new Error('Invalid configuration: AUTH_ISSUER is required on protected routes');
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(match[1], issuerKeys(), {
      issuer: AUTH_ISSUER,
      algorithms: [AUTH_TOKEN_ALGORITHM],
      requiredClaims: ['exp', 'iat'],
      currentDate: now,
    }));
  } catch {
    throw unauthorized('The bearer token is invalid or expired.');
  }
  const { exp, iat } = claims;
  if (!numeric(exp) || !numeric(iat)) throw unauthorized('The bearer token has no valid exp and iat.');
  if (iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS) throw unauthorized('The bearer token is issued in the future.');
  if (exp - iat > AUTH_MAX_TOKEN_LIFETIME_SECONDS) {
    throw unauthorized(`The bearer token lives longer than the issuer's ${AUTH_MAX_TOKEN_LIFETIME_SECONDS} s.`);
  }
  if (claims.token_use !== 'access') throw unauthorized('The bearer token is not an access token.');
  const clientId = claims.client_id;
  if (typeof clientId !== 'string' || clientId === '') throw unauthorized('The bearer token names no client.');
  const audiences = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (audiences.some((audience) => audience !== clientId)) {
    throw unauthorized('The bearer token is meant for another audience.');
  }
  for (const claim of ['district', 'agency'] as const) {
    if (claims[claim] !== undefined && typeof claims[claim] !== 'string') {
      throw unauthorized(`The bearer token's "${claim}" claim is not a string.`);
    }
  }
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

/**
 * What every protected route runs: the verified token must carry the route's scope (403, before
 * any read), and its client must be in the client registry with that scope and with exactly the
 * district and agency the token claims (a removed or changed client's tokens stop working).
 */
export async function authenticate(
  authorization: string | undefined,
  scope: Scope,
  clients: ClientDirectory = tableClientDirectory(),
): Promise<Caller> {
  const caller = await verifyBearer(authorization);
  requireScope(caller, scope);
  const client = await clients.find(caller.clientId);
  if (!client) throw unauthorized(`The bearer token's client "${caller.clientId}" is not registered.`);
  if (caller.district !== client.district || caller.agency !== client.agency) {
    throw unauthorized("The bearer token's district or agency claim does not match its client's registration.");
  }
  const registered: readonly string[] = client.scopes;
  const scopes = caller.scopes.filter((granted) => registered.includes(granted));
  requireScope({ ...caller, scopes }, scope);
  return { ...caller, scopes };
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
