import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA-256 of a personal identifier under a secret key, hex-encoded: a stable key to find the
 * same person again without storing the identifier. A plain hash would not do: the ID-number
 * space is small enough to hash exhaustively.
 */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
