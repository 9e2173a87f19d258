import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { contentHashOf } from '../canonical-json.js';
import type { Signer } from './signer.js';

/**
 * A document that proves itself: `digest` is SHA-256 over the canonical JSON of everything
 * else in it, and `signature` is a compact JWS (ES256) over `{id, digest}`. Anyone holding the
 * document and the JWKS can verify it offline, and any change to any field breaks the digest.
 */
export interface SignatureFields {
  digest: string;
  signature: string;
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

export function documentDigest(document: Record<string, unknown>): string {
  const { digest: _digest, signature: _signature, ...content } = document;
  return `sha256:${contentHashOf(content)}`;
}

export async function signDocument<T extends Record<string, unknown>>(
  document: T,
  id: string,
  signer: Signer,
): Promise<T & SignatureFields> {
  const digest = documentDigest(document);
  const header = base64url(JSON.stringify({ alg: 'ES256', kid: signer.keyId, typ: 'credit-plus-check+jws' }));
  const payload = base64url(JSON.stringify({ id, digest }));
  const signature = await signer.sign(Buffer.from(`${header}.${payload}`));
  return { ...document, digest, signature: `${header}.${payload}.${base64url(signature)}` };
}

export type Verification = { valid: true; keyId: string } | { valid: false; problem: string };

export async function verifyDocument(
  document: Record<string, unknown>,
  jwks: JSONWebKeySet,
  id: string,
): Promise<Verification> {
  if (typeof document.digest !== 'string' || typeof document.signature !== 'string') {
    return { valid: false, problem: 'the document has no digest or signature' };
  }
  const digest = documentDigest(document);
  if (digest !== document.digest)
    return { valid: false, problem: 'the content does not match its digest: it was changed' };
  try {
    const { payload, protectedHeader } = await compactVerify(document.signature, createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
    });
    const signed = JSON.parse(new TextDecoder().decode(payload)) as { id?: string; digest?: string };
    if (signed.digest !== digest || signed.id !== id) {
      return { valid: false, problem: 'the signature is for another document' };
    }
    return { valid: true, keyId: protectedHeader.kid ?? '' };
  } catch (error) {
    return { valid: false, problem: `the signature does not verify: ${(error as Error).message}` };
  }
}
