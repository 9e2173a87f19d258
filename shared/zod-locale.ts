import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini loads no locale, so without this every message we do not set ourselves would read
 * "Invalid input". Only the English locale is loaded (never `z.locales`, which would bundle
 * them all); its messages are the ones classic zod gives. Imported for this effect by every
 * module that parses input (the HTTP route kernel, the configuration), before anything is parsed.
 */
z.config(en());
