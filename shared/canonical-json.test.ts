import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { canonicalJson, sha256Hex } from './canonical-json.js';

/** The same value with every object's keys in another (seeded, pseudo-random) order. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      const entries = Object.entries(node).map(([key, child]) => [key, walk(child)] as const);
      for (let i = entries.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
      }
      // fromEntries defines own properties, so even a "__proto__" key stays a plain key.
      return Object.fromEntries(entries);
    }
    return node;
  };
  return walk(value);
}

/** Equal as JSON documents (key order ignored, -0 and 0 alike). */
const sameJson = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

describe('canonicalJson', () => {
  test('property: shuffling object keys (at every depth) gives the same string', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  test('property: the string is valid JSON for the same document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(sameJson(JSON.parse(canonicalJson(value)), value)).toBe(true);
      }),
    );
  });

  test('property: different documents give different strings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(!sameJson(a, b));
        expect(canonicalJson(a)).not.toBe(canonicalJson(b));
      }),
      { numRuns: 500 },
    );
  });

  test('examples', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).not.toBe(canonicalJson({ a: 1, b: 3 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ 'a"': 1 })).not.toBe(canonicalJson({ a: 1 }));
    // Absent and undefined are the same thing in JSON.
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
  });
});

test('sha256Hex is the hex SHA-256 of the UTF-8 text', () => {
  expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(sha256Hex('信用')).toHaveLength(64);
  expect(sha256Hex('a')).not.toBe(sha256Hex('b'));
});
