import * as z from 'zod/mini';
import { creditCategories, failureClasses, penaltyTypes, severities } from '../shared/credit.js';
import type { EventDefinition } from '../shared/scenario.js';
import { eventMetaSchema, isoDateInEventSchema, isoTimestampInEventSchema, usccInEventSchema } from './meta.js';
import { PLATFORM_SOURCE, platformEventVersions } from './versions.js';

/** Events of the platform scenario: the lifecycle of public credit records. */

const exampleMeta = {
  eventId: '01JDZ8Q4Y6S0M3V2X9R7T5K1PA',
  schemaVersion: 1,
  occurredAt: '2026-11-20T09:30:00.000Z',
  correlationId: 'c0ffee00-1234-4abc-9def-000000000001',
};
const exampleSubject = { uscc: '91310000MA1FL8XQ11', name: '上海示例商贸有限公司' };

const recordRef = {
  recordId: z.string().check(z.minLength(1)),
  subject: z.object({ uscc: usccInEventSchema }),
  category: z.enum(creditCategories),
};

export const creditRecordPublishedSchema = z.object({
  meta: eventMetaSchema,
  change: z.enum(['created', 'updated']),
  record: z.object({
    recordId: z.string().check(z.minLength(1)),
    version: z.int().check(z.positive()),
    subject: z.object({ uscc: usccInEventSchema, name: z.string() }),
    category: z.enum(creditCategories),
    severity: z.enum(severities),
    authority: z.string(),
    decisionNumber: z.string(),
    decidedAt: isoDateInEventSchema,
    decisionInstant: z.optional(isoTimestampInEventSchema),
    validFrom: isoDateInEventSchema,
    validTo: z.optional(isoDateInEventSchema),
    penalty: z.optional(
      z.object({
        types: z.array(z.enum(penaltyTypes)),
        fineAmountCny: z.optional(z.number().check(z.nonnegative())),
        majorFineThresholdCny: z.optional(z.number().check(z.positive())),
      }),
    ),
    failureClass: z.optional(z.enum(failureClasses)),
    banEndsOn: z.optional(isoDateInEventSchema),
    summary: z.optional(z.string()),
  }),
});

export const creditRecordRepairedSchema = z.object({
  meta: eventMetaSchema,
  ...recordRef,
  repairedAt: isoTimestampInEventSchema,
  reason: z.string(),
});

export const creditRecordRevokedSchema = z.object({
  meta: eventMetaSchema,
  ...recordRef,
  revokedAt: isoTimestampInEventSchema,
  reason: z.string(),
});

export const creditObjectionRaisedSchema = z.object({
  meta: eventMetaSchema,
  ...recordRef,
  raisedAt: isoTimestampInEventSchema,
  reason: z.string(),
});

export const creditObjectionResolvedSchema = z.object({
  meta: eventMetaSchema,
  ...recordRef,
  raisedAt: isoTimestampInEventSchema,
  resolvedAt: isoTimestampInEventSchema,
  outcome: z.enum(['upheld', 'rejected']),
});

export const subjectCreditChangedSchema = z.object({
  meta: eventMetaSchema,
  uscc: usccInEventSchema,
  /** The summary's version after the change; a consumer that stores it can ignore older news. */
  summaryVersion: z.int().check(z.positive()),
  changes: z.array(
    z.object({
      recordId: z.string().check(z.minLength(1)),
      category: z.enum(creditCategories),
      change: z.enum(['added', 'updated', 'removed']),
    }),
  ),
  /** The record event whose handling rebuilt the summary. */
  cause: z.object({ detailType: z.string(), eventId: z.string() }),
});

const ref = {
  recordId: 'SH-MSA-2026-000123',
  subject: { uscc: exampleSubject.uscc },
  category: 'administrative-penalty',
};

export const platformEvents = {
  CreditRecordPublished: {
    source: PLATFORM_SOURCE,
    detailType: 'CreditRecordPublished',
    schemaVersion: platformEventVersions.CreditRecordPublished,
    description: 'A public credit record was published for the first time, or a changed version of it was.',
    schema: creditRecordPublishedSchema,
    example: {
      meta: exampleMeta,
      change: 'created',
      record: {
        recordId: 'SH-MSA-2026-000123',
        version: 1,
        subject: exampleSubject,
        category: 'administrative-penalty',
        severity: 'serious',
        authority: '上海市市场监督管理局',
        decisionNumber: '沪市监处〔2026〕123号',
        decidedAt: '2026-03-02',
        validFrom: '2026-03-05',
        validTo: '2029-03-04',
        penalty: { types: ['fine'], fineAmountCny: 2000000 },
        summary: '虚假宣传',
      },
    },
  },
  CreditRecordRepaired: {
    source: PLATFORM_SOURCE,
    detailType: 'CreditRecordRepaired',
    schemaVersion: platformEventVersions.CreditRecordRepaired,
    description: 'A record was repaired (信用修复): it no longer counts from repairedAt on.',
    schema: creditRecordRepairedSchema,
    example: {
      meta: exampleMeta,
      ...ref,
      repairedAt: '2026-09-01T10:00:00+08:00',
      reason: '已履行行政处罚决定并完成整改',
    },
  },
  CreditRecordRevoked: {
    source: PLATFORM_SOURCE,
    detailType: 'CreditRecordRevoked',
    schemaVersion: platformEventVersions.CreditRecordRevoked,
    description: 'The decision behind a record was withdrawn: the record never counted.',
    schema: creditRecordRevokedSchema,
    example: { meta: exampleMeta, ...ref, revokedAt: '2026-04-01T09:00:00+08:00', reason: '行政复议撤销原处罚决定' },
  },
  CreditObjectionRaised: {
    source: PLATFORM_SOURCE,
    detailType: 'CreditObjectionRaised',
    schemaVersion: platformEventVersions.CreditObjectionRaised,
    description: 'The subject disputes a record (异议); it stays visible, flagged, until resolved.',
    schema: creditObjectionRaisedSchema,
    example: { meta: exampleMeta, ...ref, raisedAt: '2026-05-10T14:00:00+08:00', reason: '处罚对象认定有误' },
  },
  CreditObjectionResolved: {
    source: PLATFORM_SOURCE,
    detailType: 'CreditObjectionResolved',
    schemaVersion: platformEventVersions.CreditObjectionResolved,
    description: 'An objection was decided: upheld withdraws the record, rejected keeps it counting.',
    schema: creditObjectionResolvedSchema,
    example: {
      meta: exampleMeta,
      ...ref,
      raisedAt: '2026-05-10T14:00:00+08:00',
      resolvedAt: '2026-05-20T16:30:00+08:00',
      outcome: 'rejected',
    },
  },
  SubjectCreditChanged: {
    source: PLATFORM_SOURCE,
    detailType: 'SubjectCreditChanged',
    schemaVersion: platformEventVersions.SubjectCreditChanged,
    description:
      "A subject's credit summary was rebuilt and differs from before: the one event other scenarios react to " +
      '(the summary they read is already at least this version).',
    schema: subjectCreditChangedSchema,
    example: {
      meta: exampleMeta,
      uscc: exampleSubject.uscc,
      summaryVersion: 4,
      changes: [{ recordId: 'SH-MSA-2026-000123', category: 'administrative-penalty', change: 'updated' }],
      cause: { detailType: 'CreditRecordRepaired', eventId: '01JDZ8Q4Y6S0M3V2X9R7T5K1P9' },
    },
  },
} satisfies Record<string, EventDefinition>;
