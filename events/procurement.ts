import * as z from 'zod/mini';
import type { EventDefinition } from '../shared/scenario.js';
import { eventMetaSchema, isoTimestampInEventSchema } from './meta.js';
import { PROCUREMENT_SOURCE, procurementEventVersions } from './versions.js';

/** Events of the procurement supplier checks scenario. */

export const supplierCheckCompletedSchema = z.object({
  meta: eventMetaSchema,
  checkId: z.string().check(z.minLength(1)),
  projectId: z.string().check(z.minLength(1)),
  clientId: z.string().check(z.minLength(1)),
  asOf: isoTimestampInEventSchema,
  checkedAt: isoTimestampInEventSchema,
  supplierCount: z.int().check(z.positive()),
  summary: z.object({
    eligible: z.int().check(z.nonnegative()),
    ineligible: z.int().check(z.nonnegative()),
    review: z.int().check(z.nonnegative()),
  }),
  digest: z.string().check(z.minLength(1)),
});

const verdictSchema = z.enum(['eligible', 'ineligible', 'review']);

export const watchedSupplierVerdictChangedSchema = z.object({
  meta: eventMetaSchema,
  alertId: z.string().check(z.minLength(1)),
  clientId: z.string().check(z.minLength(1)),
  projectId: z.string().check(z.minLength(1)),
  uscc: z.string().check(z.length(18)),
  /** The consortium (联合体) of the project the supplier belongs to, if any. */
  consortiumId: z.optional(z.string().check(z.minLength(1))),
  previousVerdict: verdictSchema,
  verdict: verdictSchema,
  /** The supplier's summary version the new verdict was judged from. */
  summaryVersion: z.int().check(z.positive()),
  rulesVersion: z.string().check(z.minLength(1)),
  evaluatedAt: isoTimestampInEventSchema,
});

export const procurementEvents = {
  SupplierCheckCompleted: {
    source: PROCUREMENT_SOURCE,
    detailType: 'SupplierCheckCompleted',
    schemaVersion: procurementEventVersions.SupplierCheckCompleted,
    description: 'A procurement supplier check was completed and stored; counts only, no supplier details.',
    schema: supplierCheckCompletedSchema,
    example: {
      meta: {
        eventId: '01JDZ9A1B2C3D4E5F6G7H8J9KM',
        schemaVersion: 1,
        occurredAt: '2026-11-20T10:00:00.000Z',
        correlationId: 'c0ffee00-1234-4abc-9def-000000000002',
      },
      checkId: '01JDZ9A1B2C3D4E5F6G7H8J9KA',
      projectId: 'SHZC-2026-0451',
      clientId: 'shanghai-procurement-portal',
      asOf: '2026-11-20T09:30:00.000Z',
      checkedAt: '2026-11-20T10:00:00.000Z',
      supplierCount: 3,
      summary: { eligible: 1, ineligible: 1, review: 1 },
      digest: 'sha256:3b7c0f4e1d2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c',
    },
  },
  WatchedSupplierVerdictChanged: {
    source: PROCUREMENT_SOURCE,
    detailType: 'WatchedSupplierVerdictChanged',
    schemaVersion: procurementEventVersions.WatchedSupplierVerdictChanged,
    description:
      "A watched supplier's verdict as of now changed (a new listing, a repair, a revocation) while its project is watched; the alert is recorded with the project. USCC and verdicts only, no reasons.",
    schema: watchedSupplierVerdictChangedSchema,
    example: {
      meta: {
        eventId: '01JDZ9A1B2C3D4E5F6G7H8J9KN',
        schemaVersion: 1,
        occurredAt: '2026-11-21T08:00:00.000Z',
        correlationId: 'c0ffee00-1234-4abc-9def-000000000003',
      },
      alertId: '2026-11-21T08:00:00.000Z#91310107632154876A#7',
      clientId: 'shanghai-procurement-portal',
      projectId: 'SHZC-2026-0451',
      uscc: '91310107632154876A',
      consortiumId: 'LT-1',
      previousVerdict: 'eligible',
      verdict: 'ineligible',
      summaryVersion: 7,
      rulesVersion: 'procurement-rules/2026.2',
      evaluatedAt: '2026-11-21T08:00:00.000Z',
    },
  },
} satisfies Record<string, EventDefinition>;
