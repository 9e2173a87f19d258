import * as z from 'zod/mini';

/** Ids chosen by clients appear in URLs and table keys, so they keep to URL- and key-safe characters. */
export const keySafeIdSchema = z.string().check(
  z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    error: 'must be 1–128 characters: letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
  }),
);
