import * as z from 'zod/mini';
import { lineTextSchema } from '../../../shared/text.js';
import { usccSchema } from '../../../shared/uscc.js';
import type { Indicator, Method } from '../method/method.js';

export const MAX_MERCHANTS_PER_SUBMISSION = 1000;

function describeRange(indicator: Indicator): string {
  return `between ${indicator.range.min} and ${indicator.range.max} ${indicator.unit}`;
}

/**
 * One indicator: a number in the method's unit, or `{value, unit}` naming the unit, which must be
 * the method's (a ratio sent where a percentage is due is caught here, not silently scored).
 */
function indicatorSchema(indicator: Indicator) {
  return z.pipe(
    z.union([z.number(), z.strictObject({ value: z.number(), unit: z.string() })]),
    z.transform((input, ctx) => {
      const value = typeof input === 'number' ? input : input.value;
      const fail = (message: string) => {
        ctx.issues.push({ code: 'custom', message, input });
        return z.NEVER;
      };
      if (typeof input !== 'number' && input.unit !== indicator.unit) {
        return fail(`must be in ${indicator.unit} (the method's unit), not ${JSON.stringify(input.unit)}`);
      }
      if (!Number.isFinite(value) || value < indicator.range.min || value > indicator.range.max) {
        return fail(`must be ${describeRange(indicator)}`);
      }
      if ((indicator.unit === 'count' || indicator.unit === 'yes-no') && !Number.isInteger(value)) {
        return fail(`must be a whole number (${indicator.unit})`);
      }
      return value;
    }),
  );
}

export function merchantSchema(method: Method) {
  return z.strictObject({
    uscc: usccSchema,
    name: lineTextSchema(200),
    category: lineTextSchema(60),
    indicators: z.strictObject(
      Object.fromEntries(method.indicators.map((indicator) => [indicator.id, indicatorSchema(indicator)])),
    ),
  });
}

/** `{merchants: [...]}` of 1–1000 distinct merchants, each with every indicator of the method. */
export function submissionSchema(method: Method) {
  return z.strictObject({
    merchants: z.array(merchantSchema(method)).check(
      z.minLength(1),
      z.maxLength(MAX_MERCHANTS_PER_SUBMISSION),
      z.superRefine((merchants, ctx) => {
        const firstAt = new Map<string, number>();
        merchants.forEach((merchant, index) => {
          const first = firstAt.get(merchant.uscc);
          if (first === undefined) firstAt.set(merchant.uscc, index);
          else
            ctx.addIssue({
              code: 'custom',
              path: [index, 'uscc'],
              message: `repeats merchants.${first}.uscc: a merchant appears once per submission`,
            });
        });
      }),
    ),
  });
}

export type Submission = z.output<ReturnType<typeof submissionSchema>>;
export type SubmittedMerchant = Submission['merchants'][number];
