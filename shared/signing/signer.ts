import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JWK } from 'jose';

/**
 * Signs with ECDSA P-256 (JWS `ES256`), which AWS KMS offers as an asymmetric key
 * (ECC_NIST_P256): in AWS the private key never leaves KMS, locally it lives in the data folder.
 */
export interface Signer {
  keyId: string;
  /** An ES256 signature of `data`: the raw 64-byte r‖s form JWS uses. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  publicJwk(): Promise<PublishedJwk>;
}

/** The public half as the JWKS route publishes it: always a P-256 signing key with its id. */
export type PublishedJwk = JWK & { kty: 'EC'; kid: string; alg: 'ES256'; use: 'sig' };

/** A signer whose P-256 key is kept as a JWK file, created on first use (local runtime, tests). */
export function fileSigner(keyFile: string): Signer {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    writeFileSync(keyFile, JSON.stringify({ ...jwk, kid: `local-signing-${Date.now().toString(36)}` }), {
      mode: 0o600,
    });
  }
  const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as JsonWebKey & { kid: string };
  const { kid, ...jwk } = stored;
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const { d: _secret, ...publicJwk } = jwk;
  return {
    keyId: kid,
    sign: async (data) => sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    publicJwk: async () => ({ ...(publicJwk as JWK), kty: 'EC', kid, alg: 'ES256', use: 'sig' }),
  };
}

/** KMS returns a DER-encoded ECDSA signature; JWS wants r and s as two 32-byte big-endian halves. */
export function derToRawEcdsa(der: Uint8Array): Uint8Array {
  let offset = 2;
  if (der[1]! & 0x80) offset = 2 + (der[1]! & 0x7f);
  const readInteger = () => {
    const length = der[offset + 1]!;
    const value = der.slice(offset + 2, offset + 2 + length);
    offset += 2 + length;
    const trimmed = value[0] === 0 ? value.slice(1) : value;
    const padded = new Uint8Array(32);
    padded.set(trimmed, 32 - trimmed.length);
    return padded;
  };
  const r = readInteger();
  const s = readInteger();
  const raw = new Uint8Array(64);
  raw.set(r, 0);
  raw.set(s, 32);
  return raw;
}

/** The public key of a KMS key, as a JWK (KMS hands out DER SubjectPublicKeyInfo). */
export function spkiToJwk(spki: Uint8Array, keyId: string): PublishedJwk {
  const jwk = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  return { ...(jwk as JWK), kty: 'EC', kid: keyId, alg: 'ES256', use: 'sig' };
}
