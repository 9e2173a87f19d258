import * as z from 'zod/mini';
import {
  creditCategories,
  failureClasses,
  NATIONAL_MAJOR_FINE_CNY,
  penaltyTypes,
  severities,
} from '../../../shared/credit.js';
import { keySafeIdSchema } from '../../../shared/key-safe-id.js';
import { amountCnySchema } from '../../../shared/money.js';
import { lineTextSchema, paragraphTextSchema } from '../../../shared/text.js';
import { isoDateSchema, isoTimestampSchema, shanghaiDateOf } from '../../../shared/time.js';
import { usccSchema } from '../../../shared/uscc.js';

export const penaltySchema = z.strictObject({
  types: z.array(z.enum(penaltyTypes)).check(z.minLength(1), z.maxLength(penaltyTypes.length)),
  fineAmountCny: z.optional(amountCnySchema),
  /** Only where the issuing department's own rules set a higher large-fine amount than the national one. */
  majorFineThresholdCny: z.optional(
    amountCnySchema.check(z.gt(NATIONAL_MAJOR_FINE_CNY, { error: 'must be above the national ¥2,000,000' })),
  ),
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
    /** When the decision was made, where the authority knows the time and not only the day. */
    decisionInstant: z.optional(isoTimestampSchema),
    validFrom: isoDateSchema,
    validTo: z.optional(isoDateSchema),
    penalty: z.optional(penaltySchema),
    failureClass: z.optional(z.enum(failureClasses)),
    /** The last day of a procurement ban; absent, the ban ends with the publicity window. */
    banEndsOn: z.optional(isoDateSchema),
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
      if (record.penalty?.majorFineThresholdCny !== undefined && !record.penalty.types.includes('fine')) {
        ctx.addIssue({
          code: 'custom',
          path: ['penalty', 'majorFineThresholdCny'],
          message: 'needs "fine" among penalty.types',
        });
      }
      if (record.penalty && new Set(record.penalty.types).size !== record.penalty.types.length) {
        ctx.addIssue({ code: 'custom', path: ['penalty', 'types'], message: 'must not repeat a type' });
      }
      if (record.decisionInstant !== undefined && shanghaiDateOf(record.decisionInstant) !== record.decidedAt) {
        ctx.addIssue({
          code: 'custom',
          path: ['decisionInstant'],
          message: 'must fall on decidedAt (Shanghai time)',
        });
      }
      if (record.banEndsOn !== undefined) {
        if (record.category !== 'procurement-serious-violation') {
          ctx.addIssue({
            code: 'custom',
            path: ['banEndsOn'],
            message: 'is only allowed for procurement-serious-violation records',
          });
        } else if (record.banEndsOn < record.decidedAt) {
          ctx.addIssue({ code: 'custom', path: ['banEndsOn'], message: 'must not be before decidedAt' });
        }
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
/**
 * One dispute of the record by its subject; a record has at most one open at a time. An upheld
 * objection withdraws only the version it was raised against (DOMAIN.md "Objection").
 */
export interface Objection {
  /** The record version disputed; absent on objections stored before versions were tracked. */
  version?: number;
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
