import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

export const LOCAL_ISSUER = 'https://credit-plus.local/issuer';
export const DEFAULT_CLIENT_ID = 'dev-client';

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
  /** The public keys as a JWKS document, as the handlers' AUTH_JWKS expects it. */
  jwks: { keys: JWK[] };
  mint(request: TokenRequest): Promise<string>;
}

async function issuerFromPrivateJwk(privateJwk: JWK): Promise<LocalIssuer> {
  const key = await importJWK(privateJwk, 'ES256');
  const { d: _private, ...publicJwk } = privateJwk;
  return {
    issuer: LOCAL_ISSUER,
    jwks: { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] },
    mint: (request) =>
      new SignJWT({
        client_id: request.clientId ?? DEFAULT_CLIENT_ID,
        scope: request.scopes.join(' '),
        token_use: 'access',
        ...(request.district ? { district: request.district } : {}),
        ...(request.agency ? { agency: request.agency } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid ?? 'local' })
        .setIssuer(LOCAL_ISSUER)
        .setSubject(request.clientId ?? DEFAULT_CLIENT_ID)
        .setIssuedAt()
        .setExpirationTime(`${request.expiresInSeconds ?? 3600}s`)
        .sign(key),
  };
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}` };
}

/** An issuer whose key lives only in memory (tests). */
export async function ephemeralIssuer(): Promise<LocalIssuer> {
  return issuerFromPrivateJwk(await newPrivateJwk());
}

/** The local runtime's issuer: its key is generated on first start and kept in the data folder. */
export async function persistentIssuer(keyFile: string): Promise<LocalIssuer> {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(await newPrivateJwk()), { mode: 0o600 });
  }
  return issuerFromPrivateJwk(JSON.parse(readFileSync(keyFile, 'utf8')) as JWK);
}
