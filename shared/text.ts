import * as z from 'zod/mini';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const REPLACEMENT_CHARACTER = 0xfffd;

/**
 * Characters that never belong in names and descriptions shown to the public: C0 and C1 control
 * characters (NUL included) and DEL, which logs, terminals and CSV exports mishandle, and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make
 * text display in another order than it is stored ("Trojan Source"). U+FFFD too: it stands where
 * a decoder met bytes that were not UTF-8, so the text was broken before it reached us.
 */
function isForbidden(codePoint: number, lineBreaksAllowed: boolean): boolean {
  if (lineBreaksAllowed && (codePoint === TAB || codePoint === LINE_FEED || codePoint === CARRIAGE_RETURN)) {
    return false;
  }
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    codePoint === REPLACEMENT_CHARACTER
  );
}

const codePointName = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

function textSchema(maxLength: number, lineBreaksAllowed: boolean) {
  return z.string().check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(maxLength),
    z.superRefine((value, ctx) => {
      // A lone surrogate cannot be stored as UTF-8: DynamoDB would keep U+FFFD instead.
      if (!value.isWellFormed()) {
        ctx.addIssue({ code: 'custom', input: value, message: 'must not contain unpaired surrogates' });
        return;
      }
      let offset = 0;
      for (const char of value) {
        const codePoint = char.codePointAt(0) as number;
        if (isForbidden(codePoint, lineBreaksAllowed)) {
          ctx.addIssue({
            code: 'custom',
            input: value,
            message: `must not contain control, bidirectional formatting or replacement characters (${codePointName(codePoint)} at ${offset})`,
          });
          return;
        }
        offset += char.length;
      }
    }),
  );
}

/** A name, an authority, a number: one line of text, trimmed, without control or bidi formatting characters. */
export const lineTextSchema = (maxLength: number) => textSchema(maxLength, false);

/** A summary or a reason: like `lineTextSchema`, but tabs and line breaks are allowed. */
export const paragraphTextSchema = (maxLength: number) => textSchema(maxLength, true);
