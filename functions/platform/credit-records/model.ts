import * as z from 'zod/mini';
import { creditCategories, penaltyTypes, severities } from '../../../shared/credit.js';
import { keySafeIdSchema } from '../../../shared/key-safe-id.js';
import { amountCnySchema } from '../../../shared/money.js';
import { lineTextSchema, paragraphTextSchema } from '../../../shared/text.js';
import { isoDateSchema, isoTimestampSchema } from '../../../shared/time.js';
import { usccSchema } from '../../../shared/uscc.js';

export const penaltySchema = z.strictObject({
  types: z.array(z.enum(penaltyTypes)).check(z.minLength(1), z.maxLength(penaltyTypes.length)),
  fineAmountCny: z.optional(amountCnySchema),
});

export const creditRecordInputSchema = z
  .strictObject({
    recordId: keySafeIdSchema,
    subject: z.strictObject({ uscc: usccSchema, name: lineTextSchema(200) }),
    category: z.enum(creditCategories),
    severity: z.enum(severities),
    authority: lineTextSchema(200),
    decisionNumber: lineTextSchema(200),
    decidedAt: isoDateSchema,
    validFrom: isoDateSchema,
    validTo: z.optional(isoDateSchema),
    penalty: z.optional(penaltySchema),
    summary: z.optional(paragraphTextSchema(2000)),
  })
  .check(
    z.superRefine((record, ctx) => {
      if (record.validFrom < record.decidedAt) {
        ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'must not be before decidedAt' });
      }
      if (record.validTo !== undefined && record.validTo < record.validFrom) {
        ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
      }
      if (record.penalty && record.category !== 'administrative-penalty') {
        ctx.addIssue({
          code: 'custom',
          path: ['penalty'],
          message: 'is only allowed for administrative-penalty records',
        });
      }
      if (record.penalty?.fineAmountCny !== undefined && !record.penalty.types.includes('fine')) {
        ctx.addIssue({
          code: 'custom',
          path: ['penalty', 'fineAmountCny'],
          message: 'needs "fine" among penalty.types',
        });
      }
      if (record.penalty && new Set(record.penalty.types).size !== record.penalty.types.length) {
        ctx.addIssue({ code: 'custom', path: ['penalty', 'types'], message: 'must not repeat a type' });
      }
    }),
  );

/** A record as an authority publishes it (one version of its content). */
export type CreditRecordContent = z.output<typeof creditRecordInputSchema>;

export interface Repair {
  repairedAt: string;
  reason: string;
}
export interface Revocation {
  revokedAt: string;
  reason: string;
}
/** One dispute of the record by its subject; a record has at most one open at a time. */
export interface Objection {
  raisedAt: string;
  reason: string;
  resolvedAt?: string;
  outcome?: 'upheld' | 'rejected';
}

/** A record with everything that happened to it since: its current version and its lifecycle. */
export interface CreditRecord extends CreditRecordContent {
  version: number;
  repair?: Repair;
  revocation?: Revocation;
  /** Every objection ever raised, oldest first, so past instants can still be judged. */
  objections: Objection[];
}

export const repairInputSchema = z.strictObject({ repairedAt: isoTimestampSchema, reason: paragraphTextSchema(2000) });
export const revokeInputSchema = z.strictObject({ revokedAt: isoTimestampSchema, reason: paragraphTextSchema(2000) });
export const raiseObjectionInputSchema = z.strictObject({
  raisedAt: isoTimestampSchema,
  reason: paragraphTextSchema(2000),
});
export const resolveObjectionInputSchema = z.strictObject({
  resolvedAt: isoTimestampSchema,
  outcome: z.enum(['upheld', 'rejected']),
});
export const recordIdParamsSchema = z.strictObject({ recordId: keySafeIdSchema });
