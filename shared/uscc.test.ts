import fc from 'fast-check';
import * as z from 'zod/mini';
import {
  buildUscc,
  orgCodeCheckCharacter,
  parseUscc,
  USCC_ALPHABET,
  type UsccRule,
  usccCheckCharacter,
  usccSchema,
} from './uscc.js';

/*
 * Hand computations, so the tests do not just replay the implementation.
 * GB 11714 weights 3 7 9 10 5 8 4 2 (letters A=10 … Z=35); GB 32100 weights
 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 (values = index in 0-9 A-H J-N P-R T U W-Y).
 * Every code starting 913100 00 contributes 9·1 + 1·3 + 3·9 + 1·27 = 66; 914403 00 contributes
 * 9 + 3 + 36 + 108 + 0 + 78 = 234.
 *
 * Huawei Technologies, 914403001922038216
 *   org 19220382: 3+63+18+20+0+24+32+4 = 164; 164 mod 11 = 10; 11−10 = 1 → '1'
 *   234 + 1·20 + 9·29 + 2·25 + 2·13 + 0·8 + 3·24 + 8·10 + 2·30 + 1·28 = 831; 831 mod 31 = 25; 31−25 = 6 → '6'
 * Shenzhen Tencent Computer Systems, 91440300708461136T
 *   org 70846113: 21+0+72+40+30+8+4+6 = 181; 181 mod 11 = 5; 11−5 = 6 → '6'
 *   234 + 140+0+200+52+48+24+10+90 + 6·28 = 966; 966 mod 31 = 5; 31−5 = 26 → 'T'
 * Alibaba (China), 91330100799655058B
 *   org 79965505: 21+63+81+60+25+40+0+10 = 300; 300 mod 11 = 3; 11−3 = 8 → '8'
 *   9+3+27+81+0+26+0+0 + 140+261+225+78+40+120+0+150 + 8·28 = 1384; 1384 mod 31 = 20; 31−20 = 11 → 'B'
 * Shanghai Pudong Development Bank, 9131000013221158XC (org check X)
 *   org 13221158: 3+21+18+20+5+8+20+16 = 111; 111 mod 11 = 1; 11−1 = 10 → 'X'
 *   66 + 20+87+50+26+8+24+50+240 + 29·28 = 1383; 1383 mod 31 = 19; 31−19 = 12 → 'C'
 * Constructed, letters in the body: 91310000MA1FL4Q38P
 *   org M=22 A=10 1 F=15 L=21 4 Q=26 3: 66+70+9+150+105+32+104+6 = 542; mod 11 = 3 → '8'
 *   USCC values differ (M=21 L=20 Q=24): 66 + 420+290+25+195+160+96+240+90 + 8·28 = 1806; mod 31 = 8 → 23 = 'P'
 */
const REAL_CODES = ['914403001922038216', '91440300708461136T', '91330100799655058B', '9131000013221158XC'];
const CONSTRUCTED = '91310000MA1FL4Q38P';

/*
 * Wrap-around cases, body 1000000x with defaults (prefix 66, body digit 1 at weight 20):
 *   913100001000000080 org 3 → 8; 66+20+8·28 = 310 ≡ 0 (mod 31) → 31 → '0'
 *   91310000100000040B org 3+4·2 = 11 ≡ 0 (mod 11) → 11 → '0'; 66+20+120 = 206 ≡ 20 → 'B'
 *   91310000100000075X org 3+14 = 17 ≡ 6 → 5; 66+20+210+140 = 436 ≡ 2 → 29 = 'X'
 *   9131000010000018XY org 3+4+16 = 23 ≡ 1 → 10 = 'X'; 66+20+10+240+29·28 = 1148 ≡ 1 → 30 = 'Y'
 */
const EDGE_CODES = ['913100001000000080', '91310000100000040B', '91310000100000075X', '9131000010000018XY'];

const alphabetChar = fc.constantFrom(...USCC_ALPHABET);
const validCode = fc
  .record({
    authority: alphabetChar,
    entityType: alphabetChar,
    division: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
    orgCodeBody: fc.string({ unit: alphabetChar, minLength: 8, maxLength: 8 }),
  })
  .map(buildUscc);

function rejection(input: unknown): { rule: UsccRule; message: string } {
  const result = parseUscc(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return { rule: result.rule, message: result.message };
}

function replaceAt(code: string, index: number, char: string): string {
  return code.slice(0, index) + char + code.slice(index + 1);
}

function swap(code: string, i: number, j: number): string {
  const chars = [...code];
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  return chars.join('');
}

describe('check characters', () => {
  test.each([...REAL_CODES, CONSTRUCTED, ...EDGE_CODES])('%s matches the hand computation', (code) => {
    expect(orgCodeCheckCharacter(code.slice(8, 16))).toBe(code[16]);
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    expect(parseUscc(code)).toEqual({ ok: true, value: code });
  });

  test('orgCodeCheckCharacter accepts the GB 11714 letters the USCC alphabet lacks', () => {
    // I=18·3 = 54 ≡ 10 (mod 11) → 1
    expect(orgCodeCheckCharacter('I0000000')).toBe('1');
  });

  test.each(['', '1234567', '123456789', 'ma1fl4q3', 'MA1FL4Q-'])('orgCodeCheckCharacter rejects %j', (body) => {
    expect(() => orgCodeCheckCharacter(body)).toThrow(RangeError);
  });

  test.each(['', '91310000MA1FL4Q3', '91310000MA1FL4Q38P', '91310000MA1FL4Q3I', '91310000ma1fl4q38'])(
    'usccCheckCharacter rejects %j',
    (first17) => {
      expect(() => usccCheckCharacter(first17)).toThrow(RangeError);
    },
  );
});

describe('parseUscc: one failing example per rule', () => {
  test.each<[unknown, UsccRule, string]>([
    [123, 'type', 'expected a string, got number'],
    [null, 'type', 'expected a string, got null'],
    [undefined, 'type', 'expected a string, got undefined'],
    [['914403001922038216'], 'type', 'expected a string, got object'],
    ['', 'length', 'expected 18 characters, got 0'],
    ['   ', 'length', 'expected 18 characters, got 0'],
    ['91440300192203821', 'length', 'expected 18 characters, got 17'],
    ['9144030019220382161', 'length', 'expected 18 characters, got 19'],
    ['91310000MA1FL4QI8P', 'charset', "the 16th character 'I' is not allowed (only 0-9 and A-Z without I, O, S, V, Z)"],
    ['O14403001922038216', 'charset', "the 1st character 'O' is not allowed (only 0-9 and A-Z without I, O, S, V, Z)"],
    [
      '9144 3001922038216',
      'charset',
      'the 5th character U+0020 is not allowed (only 0-9 and A-Z without I, O, S, V, Z)',
    ],
    // The emoji is one code point, so the string still has 18 characters and the position stays right.
    [
      '91310000MA1FL4Q3😀P',
      'charset',
      "the 17th character '😀' is not allowed (only 0-9 and A-Z without I, O, S, V, Z)",
    ],
    [
      '9131000AMA1FL4Q38P',
      'division',
      "positions 3-8 (administrative division code) must be 6 digits, but the 8th character is 'A'",
    ],
    [
      '91X10000MA1FL4Q38P',
      'division',
      "positions 3-8 (administrative division code) must be 6 digits, but the 3rd character is 'X'",
    ],
    [
      '91310000MA1FL4Q37P',
      'org-code-check',
      "the 17th character (organisation code check digit) should be '8', not '7'",
    ],
    [
      '91310000100000180Y',
      'org-code-check',
      "the 17th character (organisation code check digit) should be 'X', not '0'",
    ],
    ['9131000013221158XY', 'check-digit', "the 18th character should be 'C', not 'Y'"],
    ['91310000100000075Y', 'check-digit', "the 18th character should be 'X', not 'Y'"],
  ])('%j fails %s', (input, rule, message) => {
    expect(rejection(input)).toEqual({ rule, message });
  });

  test('rules are checked in order: a code breaking several reports the earliest', () => {
    // Bad division, org check and check digit at once.
    expect(rejection('9131000A100000180Y').rule).toBe('division');
    // Bad org check and check digit.
    expect(rejection('91310000MA1FL4Q37Y').rule).toBe('org-code-check');
  });
});

describe('parseUscc normalisation', () => {
  test.each([
    ['91310000ma1fl4q38p', CONSTRUCTED],
    ['  9131000013221158xc\n', '9131000013221158XC'],
    ['\u30009131000013221158Xc\t', '9131000013221158XC'],
  ])('%j → %s', (input, expected) => {
    expect(parseUscc(input)).toEqual({ ok: true, value: expected });
  });

  test('only ASCII letters are upper-cased', () => {
    // Full Unicode upper-casing would turn 'ß' into 'SS' and shift the length.
    expect(rejection('91310000MA1FL4Q3ßP').rule).toBe('charset');
    // U+0131 (dotless i) upper-cases to 'I', which is not in the alphabet anyway.
    expect(rejection('91310000MA1FL4Q3\u0131P').rule).toBe('charset');
  });
});

describe('parseUscc properties', () => {
  test('every built code is accepted unchanged', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(code).toMatch(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{8}[0-9X][0-9A-HJ-NP-RTUW-Y]$/);
        expect(parseUscc(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  test('lower-case and mixed-case codes with surrounding whitespace are accepted and normalised', () => {
    const padding = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u3000'), maxLength: 3 });
    fc.assert(
      fc.property(
        validCode,
        fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
        padding,
        padding,
        (code, lower, before, after) => {
          const mixed = [...code].map((char, i) => (lower[i] ? char.toLowerCase() : char)).join('');
          expect(parseUscc(before + mixed + after)).toEqual({ ok: true, value: code });
          expect(parseUscc(code.toLowerCase())).toEqual({ ok: true, value: code });
        },
      ),
    );
  });

  /*
   * Every weight is non-zero mod the prime 31 and the check character enters the sum with weight 1,
   * so changing one value always changes Σ mod 31: single substitutions are always caught. Which rule
   * catches them is fixed except in positions 9–16, where a change by 11 in the GB 11714 value (e.g.
   * '0' ↔ 'B') slips past the mod-11 org check and is left to the check character.
   */
  test('every substitution by another alphabet character is rejected, by the expected rule', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        for (let i = 0; i < 18; i++) {
          for (const char of USCC_ALPHABET) {
            if (char === code[i]) continue;
            const { rule } = rejection(replaceAt(code, i, char));
            if (i >= 2 && i <= 7) expect(rule).toBe(/\d/.test(char) ? 'check-digit' : 'division');
            else if (i >= 8 && i <= 15) expect(['org-code-check', 'check-digit']).toContain(rule);
            else if (i === 16) expect(rule).toBe('org-code-check');
            else expect(rule).toBe('check-digit');
          }
        }
      }),
    );
  });

  test('every substitution by a character outside the alphabet is rejected', () => {
    const foreignChar = fc
      .oneof(
        fc.constantFrom(...'IOSVZiosvz -_./'),
        // Any code point, lone surrogates included.
        fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
      )
      // Lower-case alphabet letters are normalised into the alphabet, so they are not foreign.
      .filter((char) => !USCC_ALPHABET.includes(/^[a-z]$/.test(char) ? char.toUpperCase() : char));
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), foreignChar, (code, i, char) => {
        const { rule, message } = rejection(replaceAt(code, i, char));
        // Whitespace at either end is trimmed away before the length check.
        const trimmedAway = (i === 0 || i === 17) && char.trim() === '';
        expect(rule).toBe(trimmedAway ? 'length' : 'charset');
        if (!trimmedAway) expect(message).toContain(`${i + 1}`);
      }),
    );
  });

  /*
   * Adjacent transpositions: for positions i, i+1 ≤ 17 the weights are w and 3w, so swapping
   * values a ≠ b changes the sum by 2w(b − a), non-zero mod 31. For positions 17 and 18 the weights
   * are 28 and 1 (the check character), a change of 27(a − b), also non-zero. So every adjacent
   * transposition of distinct characters is caught.
   */
  test('every transposition of adjacent distinct characters is rejected', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        for (let i = 0; i < 17; i++) {
          if (code[i] !== code[i + 1]) rejection(swap(code, i, i + 1));
        }
      }),
    );
  });

  /*
   * Non-adjacent transpositions: the weights 3^0 … 3^16 mod 31 are distinct (3 has order 30), so
   * swaps within positions 1–17 are caught, but the check character's effective weight 1 equals the
   * 1st position's weight. Swapping the 1st and 18th characters leaves Σ unchanged, and neither
   * position is covered by the division or org-code rules, so the swapped code is VALID.
   */
  test('every transposition except 1st ↔ 18th is rejected; 1st ↔ 18th is not detectable', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        for (let i = 0; i < 18; i++) {
          for (let j = i + 1; j < 18; j++) {
            if (code[i] === code[j]) continue;
            const swapped = swap(code, i, j);
            if (i === 0 && j === 17) expect(parseUscc(swapped)).toEqual({ ok: true, value: swapped });
            else rejection(swapped);
          }
        }
      }),
    );
    // Huawei's code with the 9 and the 6 swapped.
    expect(parseUscc('614403001922038219')).toEqual({ ok: true, value: '614403001922038219' });
  });
});

describe('buildUscc', () => {
  test('defaults to a Shanghai-level enterprise registered by the market regulator', () => {
    expect(buildUscc({ orgCodeBody: 'MA1FL4Q3' })).toBe(CONSTRUCTED);
    expect(buildUscc({ orgCodeBody: '13221158' })).toBe('9131000013221158XC');
  });

  test('uses the given parts', () => {
    expect(buildUscc({ authority: '9', entityType: '1', division: '440300', orgCodeBody: '19220382' })).toBe(
      '914403001922038216',
    );
  });

  test.each([
    [{ authority: 'I', orgCodeBody: '13221158' }, /authority/],
    [{ authority: '91', orgCodeBody: '13221158' }, /authority/],
    [{ entityType: '', orgCodeBody: '13221158' }, /entityType/],
    [{ division: '31000', orgCodeBody: '13221158' }, /division/],
    [{ division: '31000A', orgCodeBody: '13221158' }, /division/],
    [{ orgCodeBody: '1322115' }, /orgCodeBody/],
    [{ orgCodeBody: '1322115O' }, /orgCodeBody/],
    [{ orgCodeBody: 'ma1fl4q3' }, /orgCodeBody/],
  ])('rejects %j', (parts, message) => {
    expect(() => buildUscc(parts)).toThrow(message);
  });
});

describe('usccSchema', () => {
  test('outputs the normalised code', () => {
    expect(usccSchema.parse(' 91310000ma1fl4q38p ')).toBe(CONSTRUCTED);
  });

  test('reports one custom issue naming the rule', () => {
    const result = usccSchema.safeParse('91310000100000075Y');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        path: [],
        message: "invalid USCC (check-digit): the 18th character should be 'X', not 'Y'",
      }),
    ]);
  });

  test('reports the rule inside nested objects at the right path', () => {
    const result = z.object({ uscc: usccSchema }).safeParse({ uscc: '91310000MA1FL4QI8P' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['uscc'],
        message: expect.stringMatching(/^invalid USCC \(charset\): the 16th character 'I'/),
      }),
    ]);
  });

  test('a non-string is an ordinary type error', () => {
    const result = usccSchema.safeParse(42);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'invalid_type', expected: 'string' })]);
  });
});
