import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits (base64url, 22 characters): guessing one is hopeless even without the rate limit. */
const SECRET_BYTES = 16;

/** A new random secret for a badge lookup code or a review token; the caller stores only its hash. */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * SHA-256 of the secret, hex. A plain hash suffices (unlike for ID numbers): the secret carries
 * 128 random bits, so it cannot be found by hashing candidates.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compared against when there is no stored hash, so an unknown badge costs what a wrong code does. */
const NO_HASH = secretHash('no badge has this code');

/**
 * Whether `secret` is the one whose hash is stored, compared in constant time; with no stored
 * hash the same work is done against a placeholder and the answer is no.
 */
export function secretMatches(secret: string, storedHash: string | undefined): boolean {
  const expected = Buffer.from(storedHash ?? NO_HASH, 'hex');
  const actual = Buffer.from(secretHash(secret), 'hex');
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  return same && storedHash !== undefined;
}
