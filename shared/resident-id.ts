import * as z from 'zod/mini';
import { isIsoDate } from './time.js';

/**
 * The citizen identity number (公民身份号码, GB 11643-1999): 6 digits of administrative division,
 * 8 of birth date (YYYYMMDD), 3 of sequence (odd for men), and a check character computed with
 * ISO 7064 MOD 11-2 over the first 17 digits.
 */
export type ResidentIdRule = 'type' | 'length' | 'charset' | 'division' | 'birth-date' | 'check-digit';

export type ResidentIdParseResult = { ok: true; value: string } | { ok: false; rule: ResidentIdRule; message: string };

const LENGTH = 18;
/** 2^(17-i) mod 11 for positions 1–17 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each remainder of the weighted sum mod 11. */
const CHECK_CHARACTERS = '10X98765432';
/** Nobody alive was born before this; GB 11643 numbers were issued from 1999 on. */
const EARLIEST_BIRTH_YEAR = 1900;
/** Province-level division codes start with 1–8 (11 Beijing … 82 Macao); 0 and 9 are unused. */
const divisionPattern = /^[1-8]\d{5}$/;

/** The GB 11643 check character for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

const fail = (rule: ResidentIdRule, message: string): ResidentIdParseResult => ({ ok: false, rule, message });

/**
 * Validates an 18-character resident ID number as of `today` (a birth date in the future is not
 * plausible) and returns it normalised (trimmed, check character `x` upper-cased). Messages never
 * repeat the number: they end up in responses and logs.
 */
export function parseResidentId(input: unknown, today: Date = new Date()): ResidentIdParseResult {
  if (typeof input !== 'string')
    return fail('type', `expected a string, got ${input === null ? 'null' : typeof input}`);
  const value = input.trim().replace(/x$/, 'X');
  const length = Array.from(value).length;
  if (length !== LENGTH) return fail('length', `expected ${LENGTH} characters, got ${length}`);
  if (!/^\d{17}[\dX]$/.test(value)) {
    return fail('charset', 'the first 17 characters must be digits and the 18th a digit or X');
  }
  if (!divisionPattern.test(value.slice(0, 6))) {
    return fail('division', 'positions 1-6 must be an administrative division code (first digit 1-8)');
  }
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birth)) return fail('birth-date', 'positions 7-14 are not a calendar date (YYYYMMDD)');
  if (Number(birth.slice(0, 4)) < EARLIEST_BIRTH_YEAR || birth > today.toISOString().slice(0, 10)) {
    return fail('birth-date', `the birth date must lie between ${EARLIEST_BIRTH_YEAR} and today`);
  }
  if (value[17] !== residentIdCheckCharacter(value.slice(0, 17))) {
    return fail('check-digit', 'the 18th character does not match the GB 11643 check digit');
  }
  return { ok: true, value };
}

/**
 * A valid number from its parts, for tests and demo data: numbers are always generated in code,
 * never written down, so no real person's number can end up in the repository.
 */
export function buildResidentId(parts: { division?: string; birthDate: string; sequence: number }): string {
  const { division = '310104', birthDate, sequence } = parts;
  if (!divisionPattern.test(division)) throw new RangeError('division must be 6 digits starting 1-8');
  if (!isIsoDate(birthDate)) throw new RangeError('birthDate must be YYYY-MM-DD');
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) throw new RangeError('sequence must be 0-999');
  const first17 = `${division}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** A string holding a valid resident ID number (checked as of the request); the output is normalised. */
export const residentIdSchema = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    const result = parseResidentId(value);
    if (result.ok) return result.value;
    // The input is left out of the issue so that no error path can carry the number onwards.
    ctx.issues.push({ code: 'custom', message: `invalid ID number (${result.rule}): ${result.message}`, input: '' });
    return z.NEVER;
  }),
);
