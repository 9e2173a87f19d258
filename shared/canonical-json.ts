import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so the same document always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 of a text's UTF-8 bytes. */
export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The content hash of a JSON document: equal documents hash equal whatever their key order. */
export const contentHashOf = (document: unknown) => sha256Hex(canonicalJson(document));
