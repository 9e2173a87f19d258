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
} satisfies Record<string, EventDefinition>;
