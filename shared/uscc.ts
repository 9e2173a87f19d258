import * as z from 'zod/mini';

/**
 * The GB 32100-2015 alphabet; a character's value is its index. I, O, S, V and Z are left out
 * because they are easily confused with 1, 0, 5, U and 2 when codes are read aloud or retyped.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Which rule a rejected code broke, in the order the rules are checked. */
export type UsccRule = 'type' | 'length' | 'charset' | 'division' | 'org-code-check' | 'check-digit';

export type UsccParseResult = { ok: true; value: string } | { ok: false; rule: UsccRule; message: string };

const USCC_LENGTH = 18;

/** 3^(i-1) mod 31 for positions 1–17; 31 is prime, so every weight is invertible and no single error cancels out. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 values letters by their place after the digits (A=10 … Z=35), unlike the 31-character USCC alphabet. */
const GB11714_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const divisionPattern = /^\d{6}$/;
const orgCodeBodyPattern = /^[0-9A-Z]{8}$/;

function usccValue(char: string): number {
  return USCC_ALPHABET.indexOf(char);
}

function isUsccChar(char: string): boolean {
  return char.length === 1 && usccValue(char) >= 0;
}

/** The GB 32100 check character (position 18) for the first 17 characters of a code. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== USCC_WEIGHTS.length || ![...first17].every(isUsccChar)) {
    throw new RangeError(`expected 17 characters from the USCC alphabet, got '${first17}'`);
  }
  let sum = 0;
  for (let i = 0; i < USCC_WEIGHTS.length; i++) {
    sum += usccValue(first17[i]!) * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character (a digit or X) for the first 8 characters of an organisation code. */
export function orgCodeCheckCharacter(first8: string): string {
  if (!orgCodeBodyPattern.test(first8)) {
    throw new RangeError(`expected 8 digits or upper-case letters, got '${first8}'`);
  }
  let sum = 0;
  for (let i = 0; i < GB11714_WEIGHTS.length; i++) {
    sum += GB11714_ALPHABET.indexOf(first8[i]!) * GB11714_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

function ordinal(position: number): string {
  const lastTwo = position % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${position}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][position % 10] ?? 'th';
  return `${position}${suffix}`;
}

/** Invisible or control characters would vanish inside quotes, so they are shown as code points. */
function describeChar(char: string): string {
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char)) return `'${char}'`;
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function fail(rule: UsccRule, message: string): UsccParseResult {
  return { ok: false, rule, message };
}

/**
 * Validates a unified social credit code and returns it normalised (trimmed, upper-case).
 * Only ASCII letters are upper-cased: full Unicode case mapping can change the length
 * ('ß' → 'SS') and would make the reported positions disagree with what the user typed.
 */
export function parseUscc(input: unknown): UsccParseResult {
  if (typeof input !== 'string') {
    return fail('type', `expected a string, got ${input === null ? 'null' : typeof input}`);
  }
  const value = input.trim().replace(/[a-z]/g, (letter) => letter.toUpperCase());
  // Code points, not UTF-16 units, so an emoji counts (and is reported) as one character.
  const chars = Array.from(value);
  if (chars.length !== USCC_LENGTH) {
    return fail('length', `expected ${USCC_LENGTH} characters, got ${chars.length}`);
  }
  const badIndex = chars.findIndex((char) => !isUsccChar(char));
  if (badIndex >= 0) {
    return fail(
      'charset',
      `the ${ordinal(badIndex + 1)} character ${describeChar(chars[badIndex]!)} is not allowed` +
        ' (only 0-9 and A-Z without I, O, S, V, Z)',
    );
  }
  const division = value.slice(2, 8);
  if (!divisionPattern.test(division)) {
    const offset = [...division].findIndex((char) => char < '0' || char > '9');
    return fail(
      'division',
      `positions 3-8 (administrative division code) must be 6 digits, but the ${ordinal(offset + 3)} character is '${division[offset]}'`,
    );
  }
  const expectedOrgCheck = orgCodeCheckCharacter(value.slice(8, 16));
  if (value[16] !== expectedOrgCheck) {
    return fail(
      'org-code-check',
      `the 17th character (organisation code check digit) should be '${expectedOrgCheck}', not '${value[16]}'`,
    );
  }
  const expectedCheck = usccCheckCharacter(value.slice(0, 17));
  if (value[17] !== expectedCheck) {
    return fail('check-digit', `the 18th character should be '${expectedCheck}', not '${value[17]}'`);
  }
  return { ok: true, value };
}

/**
 * Completes a valid code around an 8-character organisation code body, for demo data and tests.
 * The defaults are a company (9 = market regulator, 1 = enterprise) registered at Shanghai level.
 */
export function buildUscc(parts: {
  authority?: string;
  entityType?: string;
  division?: string;
  orgCodeBody: string;
}): string {
  const { authority = '9', entityType = '1', division = '310000', orgCodeBody } = parts;
  if (!isUsccChar(authority)) throw new RangeError(`authority must be one USCC character, got '${authority}'`);
  if (!isUsccChar(entityType)) throw new RangeError(`entityType must be one USCC character, got '${entityType}'`);
  if (!divisionPattern.test(division)) throw new RangeError(`division must be 6 digits, got '${division}'`);
  // The body must also fit the USCC alphabet, so GB 11714 letters I, O, S, V, Z are refused here.
  if (orgCodeBody.length !== 8 || ![...orgCodeBody].every(isUsccChar)) {
    throw new RangeError(`orgCodeBody must be 8 characters from the USCC alphabet, got '${orgCodeBody}'`);
  }
  const first17 = `${authority}${entityType}${division}${orgCodeBody}${orgCodeCheckCharacter(orgCodeBody)}`;
  return first17 + usccCheckCharacter(first17);
}

/**
 * A string holding a valid code; the output is the normalised code. zod/mini's transform context
 * has no `addIssue`, so the issue is pushed as classic zod's `addIssue` would record it.
 * Marked pure so that a bundle using only `parseUscc` (the web pages) leaves zod out.
 */
export const usccSchema = /* @__PURE__ */ z.pipe(
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.transform((value: string, ctx) => {
    const result = parseUscc(value);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: `invalid USCC (${result.rule}): ${result.message}`, input: value });
    return z.NEVER;
  }),
);
