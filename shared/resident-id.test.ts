import fc from 'fast-check';
import * as z from 'zod/mini';
import { buildResidentId, parseResidentId, residentIdCheckCharacter, residentIdSchema } from './resident-id.js';

/*
 * Hand computation, so the test does not replay the implementation. Weights 7 9 10 5 8 4 2 1 6 3
 * 7 9 10 5 8 4 2; remainder → check: 0→1 1→0 2→X 3→9 4→8 5→7 6→6 7→5 8→4 9→3 10→2.
 * 110105 19491231 002 (the standard's worked example): 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167;
 *   167 mod 11 = 2 → 'X'.
 * 440524 18800101 001: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → '4'.
 */
test('check characters computed by hand', () => {
  expect(residentIdCheckCharacter(['110105', '19491231', '002'].join(''))).toBe('X');
  expect(residentIdCheckCharacter(['440524', '18800101', '001'].join(''))).toBe('4');
});

const today = new Date('2026-11-29T00:00:00Z');
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: today, noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const division = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 99_999 }))
  .map(([first, rest]) => `${first}${String(rest).padStart(5, '0')}`);
const residentId = fc
  .record({ division, birthDate, sequence: fc.integer({ min: 0, max: 999 }) })
  .map((parts) => buildResidentId(parts));

test('every number built from valid parts parses to itself', () => {
  fc.assert(fc.property(residentId, (id) => expect(parseResidentId(id, today)).toEqual({ ok: true, value: id })));
});

test('a lower-case x check character is normalised', () => {
  fc.assert(
    fc.property(
      residentId.filter((id) => id.endsWith('X')),
      (id) => {
        expect(parseResidentId(` ${id.slice(0, 17)}x `, today)).toEqual({ ok: true, value: id });
      },
    ),
  );
});

test('changing any one digit of the first 17 breaks the check (or the date or division)', () => {
  fc.assert(
    fc.property(residentId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, position, delta) => {
      const digit = (Number(id[position]) + delta) % 10;
      const changed = id.slice(0, position) + digit + id.slice(position + 1);
      expect(parseResidentId(changed, today).ok).toBe(false);
    }),
  );
});

test('swapping two different adjacent digits is caught', () => {
  fc.assert(
    fc.property(residentId, fc.integer({ min: 0, max: 15 }), (id, position) => {
      fc.pre(id[position] !== id[position + 1] && id[position + 1] !== 'X');
      const swapped = id.slice(0, position) + id[position + 1] + id[position] + id.slice(position + 2);
      expect(parseResidentId(swapped, today).ok).toBe(false);
    }),
  );
});

test('each rule is named', () => {
  const valid = buildResidentId({ birthDate: '1980-02-29', sequence: 17 });
  const rule = (input: unknown) => {
    const result = parseResidentId(input, today);
    return result.ok ? 'ok' : result.rule;
  };
  expect(rule(valid)).toBe('ok');
  expect(rule(42)).toBe('type');
  expect(rule(valid.slice(1))).toBe('length');
  expect(rule(`${valid.slice(0, 17)}A`)).toBe('charset');
  expect(rule(`0${valid.slice(1)}`)).toBe('division');
  // Built around an impossible date, with a matching check digit, so only the date is wrong.
  const withBirth = (yyyymmdd: string) => {
    const first17 = `310104${yyyymmdd}017`;
    return first17 + residentIdCheckCharacter(first17);
  };
  expect(rule(withBirth('19810229'))).toBe('birth-date');
  expect(rule(withBirth('19801301'))).toBe('birth-date');
  expect(rule(withBirth('18991231'))).toBe('birth-date');
  expect(rule(withBirth('20261130'))).toBe('birth-date');
  const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  expect(rule(wrongCheck)).toBe('check-digit');
});

test('the schema never repeats the number in its issue', () => {
  const valid = buildResidentId({ birthDate: '1975-06-01', sequence: 3 });
  const bad = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  const result = z.safeParse(residentIdSchema, bad);
  expect(result.success).toBe(false);
  expect(JSON.stringify(result.error?.issues)).not.toContain(bad.slice(0, 17));
  expect(z.parse(residentIdSchema, valid)).toBe(valid);
});
