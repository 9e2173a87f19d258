import * as z from 'zod/mini';
import { creditCategories, failureClasses, severities } from '../../shared/credit.js';
import { defineRoute } from '../../shared/scenario.js';
import { isoTimestampSchema, startOfShanghaiDay } from '../../shared/time.js';
import { usccSchema } from '../../shared/uscc.js';
import {
  creditRecordInputSchema,
  penaltySchema,
  raiseObjectionInputSchema,
  recordIdParamsSchema,
  repairInputSchema,
  resolveObjectionInputSchema,
  revokeInputSchema,
} from './credit-records/model.js';
import { ORDER_58 } from './credit-repair/law.js';

/** A record as the public sees it (functions/platform/credit-records/profile.ts `publicRecordView`). */
const publicRecordSchema = z.object({
  recordId: z.string(),
  category: z.enum(creditCategories),
  severity: z.enum(severities),
  authority: z.string(),
  decisionNumber: z.string(),
  decidedAt: z.string(),
  decisionInstant: z.optional(z.string()),
  validFrom: z.string(),
  validTo: z.optional(z.string()),
  penalty: z.optional(penaltySchema),
  failureClass: z.optional(z.enum(failureClasses)),
  banEndsOn: z.optional(z.string()),
  summary: z.optional(z.string()),
  version: z.number(),
  underObjection: z.boolean(),
});

const lifecycleResponseSchema = z.object({
  /** False when the same step was already recorded: the request changed nothing. */
  changed: z.boolean(),
  record: z.extend(publicRecordSchema, {
    repair: z.optional(z.object({ repairedAt: z.string(), reason: z.string() })),
    revocation: z.optional(z.object({ revokedAt: z.string(), reason: z.string() })),
    objections: z.array(
      z.object({
        version: z.optional(z.number()),
        raisedAt: z.string(),
        reason: z.string(),
        resolvedAt: z.optional(z.string()),
        outcome: z.optional(z.enum(['upheld', 'rejected'])),
      }),
    ),
  }),
});

const ingestResponseSchema = z.object({
  received: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  records: z.array(
    z.object({
      recordId: z.string(),
      outcome: z.enum(['created', 'updated', 'unchanged']),
      version: z.optional(z.number()),
    }),
  ),
});

const creditProfileSchema = z.object({
  uscc: z.string(),
  name: z.optional(z.string()),
  asOf: z.string(),
  activeRecords: z.partialRecord(z.enum(creditCategories), z.array(publicRecordSchema)),
  counts: z.record(z.string(), z.number()),
  commendations: z.array(publicRecordSchema),
  flags: z.object({ onDishonestyList: z.boolean(), underObjection: z.boolean(), repaired: z.boolean() }),
  underObjectionCount: z.number(),
  repairedCount: z.number(),
});

const citationSchema = z.object({ document: z.string(), article: z.optional(z.string()), provision: z.string() });
const periodSchema = z.object({ months: z.number(), lastDay: z.optional(z.string()) });
const failureClassSchema = z.object({
  value: z.enum(failureClasses),
  source: z.enum(['authority', 'derived']),
  basis: z.string(),
  citations: z.array(citationSchema),
});
const publicitySchema = z.object({
  minimum: periodSchema,
  maximum: periodSchema,
  sectorMinimum: z.optional(z.extend(periodSchema, { sectors: z.array(z.string()) })),
  beyondMaximum: z.boolean(),
  citations: z.array(citationSchema),
});
const regimeSchema = z.object({
  id: z.enum(['ndrc-order-58', 'ndrc-order-36']),
  title: z.string(),
  inForceFrom: z.string(),
  inForceUntil: z.optional(z.string()),
});

/** functions/platform/credit-repair/eligibility.ts `RepairEligibility`. */
const repairEligibilitySchema = z.object({
  recordId: z.string(),
  version: z.number(),
  category: z.enum(creditCategories),
  asOf: z.string(),
  regime: regimeSchema,
  procedure: z.enum(['credit-repair', 'listing-authority', 'court-deletion', 'not-failure-information']),
  status: z.enum(['repairable', 'waiting', 'repaired', 'publicity-ended', 'revoked', 'withdrawn', 'not-applicable']),
  repairable: z.boolean(),
  failureClass: z.optional(failureClassSchema),
  publicity: z.optional(publicitySchema),
  earliestApplicationDate: z.optional(z.string()),
  conditions: z.array(
    z.object({
      id: z.string(),
      state: z.enum(['met', 'unmet', 'applicant-to-show']),
      text: z.string(),
      citations: z.array(citationSchema),
    }),
  ),
  applyTo: z.array(z.string()),
  citations: z.array(citationSchema),
});

/** functions/platform/credit-repair/notice.ts `RepairNotice`. */
const repairNoticeSchema = z.object({
  title: z.string(),
  recordId: z.string(),
  version: z.number(),
  subject: z.object({ uscc: z.string(), name: z.string() }),
  authority: z.string(),
  decisionNumber: z.string(),
  decidedAt: z.string(),
  issuedAt: z.string(),
  regime: regimeSchema,
  failureClass: z.optional(failureClassSchema),
  publicity: z.optional(publicitySchema),
  earliestApplicationDate: z.optional(z.string()),
  conditions: z.array(z.object({ id: z.string(), text: z.string(), citations: z.array(citationSchema) })),
  applyTo: z.array(z.string()),
  paragraphs: z.array(z.string()),
  citations: z.array(citationSchema),
});

const repairAsOfSchema = isoTimestampSchema.check(
  // An unreadable value is the format check's to report, once.
  z.refine((value) => !(Date.parse(value) < startOfShanghaiDay(ORDER_58.inForceFrom)), {
    error: `must not be before ${ORDER_58.inForceFrom}, when 58号令 took effect`,
  }),
);

/** A batch of 100 records of at most a few KB each. */
const BATCH_BODY_LIMIT = 1024 * 1024;

export const platformRoutes = {
  ingestCreditRecords: defineRoute({
    id: 'platform.ingest-credit-records',
    method: 'POST',
    path: '/v1/credit-records',
    auth: { scope: 'records:write' },
    summary:
      'Publish 1–100 public credit records; identical re-sends change nothing, changed ones become new versions.',
    body: z.strictObject({ records: z.array(creditRecordInputSchema).check(z.minLength(1), z.maxLength(100)) }),
    maxBodyBytes: BATCH_BODY_LIMIT,
    responses: { 200: ingestResponseSchema },
  }),
  repairCreditRecord: defineRoute({
    id: 'platform.repair-credit-record',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/repair',
    auth: { scope: 'records:write' },
    summary: 'Record a credit repair: the record stops counting from repairedAt.',
    params: recordIdParamsSchema,
    body: repairInputSchema,
    responses: { 200: lifecycleResponseSchema },
    problems: [404],
  }),
  revokeCreditRecord: defineRoute({
    id: 'platform.revoke-credit-record',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/revoke',
    auth: { scope: 'records:write' },
    summary: 'Record that the decision was withdrawn: the record never counted.',
    params: recordIdParamsSchema,
    body: revokeInputSchema,
    responses: { 200: lifecycleResponseSchema },
    problems: [404],
  }),
  raiseObjection: defineRoute({
    id: 'platform.raise-objection',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/objection',
    auth: { scope: 'records:write' },
    summary: 'Record that the subject disputes the record; it is flagged until resolved.',
    params: recordIdParamsSchema,
    body: raiseObjectionInputSchema,
    responses: { 200: lifecycleResponseSchema },
    problems: [404],
  }),
  resolveObjection: defineRoute({
    id: 'platform.resolve-objection',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/objection/resolve',
    auth: { scope: 'records:write' },
    summary: 'Resolve the open objection: upheld withdraws the record, rejected keeps it.',
    params: recordIdParamsSchema,
    body: resolveObjectionInputSchema,
    responses: { 200: lifecycleResponseSchema },
    problems: [404],
  }),
  getCreditProfile: defineRoute({
    id: 'platform.get-credit-profile',
    method: 'GET',
    path: '/v1/subjects/{uscc}/credit-profile',
    auth: 'public',
    summary: "The subject's public credit summary now: active records by category, commendations, flags.",
    params: z.strictObject({ uscc: usccSchema }),
    cache: { maxAgeSeconds: 60 },
    responses: { 200: creditProfileSchema },
  }),
  getRepairEligibility: defineRoute({
    id: 'platform.get-repair-eligibility',
    method: 'GET',
    path: '/v1/credit-records/{recordId}/repair-eligibility',
    auth: 'public',
    summary:
      'Whether and when the record may be repaired under the regime in force at asOf (58号令 before 2026-04-01, 36号令 from then): class, publicity periods, earliest application date, conditions, citations.',
    params: recordIdParamsSchema,
    query: z.strictObject({ asOf: z.optional(repairAsOfSchema) }),
    cache: { maxAgeSeconds: 60 },
    responses: { 200: repairEligibilitySchema },
    problems: [404],
  }),
  getRepairNotice: defineRoute({
    id: 'platform.get-repair-notice',
    method: 'GET',
    path: '/v1/credit-records/{recordId}/repair-notice',
    auth: 'public',
    summary:
      'The repair-rights notice (信用修复权益告知书) issued with the current version of a published administrative penalty.',
    params: recordIdParamsSchema,
    cache: { maxAgeSeconds: 300 },
    responses: { 200: repairNoticeSchema },
    problems: [404],
  }),
};
