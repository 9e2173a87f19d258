import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

export const LOCAL_ISSUER = 'https://credit-plus.local/issuer';
/** As Cognito names scopes `<resource server>/<scope>`, so does the local issuer (AUTH_SCOPE_PREFIX). */
export const LOCAL_SCOPE_PREFIX = 'credit-plus/';
/** The client every local runtime registers, with a documented secret (README, "A token"). */
export const DEFAULT_CLIENT_ID = 'dev-client';
export const DEV_CLIENT_SECRET = 'dev-client-secret';
/** What the Cognito app clients issue (infra/constructs/auth.ts) and the handlers accept at most. */
export const TOKEN_LIFETIME_SECONDS = 3600;

export interface TokenRequest {
  scopes: string[];
  clientId?: string;
  district?: string;
  agency?: string;
  expiresInSeconds?: number;
}

/**
 * The local stand-in for Cognito: signs access tokens with the claims Cognito's
 * client-credentials tokens carry (`client_id`, `scope`, `token_use`), plus the district and
 * agency claims the API relies on.
 */
export interface LocalIssuer {
  issuer: string;
  /** Prepended to every scope in a token; the handlers strip it again (AUTH_SCOPE_PREFIX). */
  scopePrefix: string;
  /** The public keys as a JWKS document, as the handlers' AUTH_JWKS expects it. */
  jwks: { keys: JWK[] };
  mint(request: TokenRequest): Promise<string>;
}

export interface IssuerOptions {
  scopePrefix?: string;
}

async function issuerFromPrivateJwk(privateJwk: JWK, options: IssuerOptions): Promise<LocalIssuer> {
  const key = await importJWK(privateJwk, 'ES256');
  const { d: _private, ...publicJwk } = privateJwk;
  const scopePrefix = options.scopePrefix ?? '';
  return {
    issuer: LOCAL_ISSUER,
    scopePrefix,
    jwks: { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] },
    mint: (request) =>
      new SignJWT({
        client_id: request.clientId ?? DEFAULT_CLIENT_ID,
        scope: request.scopes.map((scope) => `${scopePrefix}${scope}`).join(' '),
        token_use: 'access',
        ...(request.district ? { district: request.district } : {}),
        ...(request.agency ? { agency: request.agency } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid ?? 'local' })
        .setIssuer(LOCAL_ISSUER)
        .setSubject(request.clientId ?? DEFAULT_CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime(`${request.expiresInSeconds ?? TOKEN_LIFETIME_SECONDS}s`)
        .sign(key),
  };
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}` };
}

/** An issuer whose key lives only in memory (tests). */
export async function ephemeralIssuer(options: IssuerOptions = {}): Promise<LocalIssuer> {
  return issuerFromPrivateJwk(await newPrivateJwk(), options);
}

/** The local runtime's issuer: its key is generated on first start and kept in the data folder. */
export async function persistentIssuer(keyFile: string, options: IssuerOptions = {}): Promise<LocalIssuer> {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(await newPrivateJwk()), { mode: 0o600 });
  }
  return issuerFromPrivateJwk(JSON.parse(readFileSync(keyFile, 'utf8')) as JWK, options);
}
