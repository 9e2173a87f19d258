import * as z from 'zod/mini';
import type { EventDefinition } from '../shared/scenario.js';
import { eventMetaSchema, usccInEventSchema } from './meta.js';
import { SHOPPING_SOURCE, shoppingEventVersions } from './versions.js';

/** Events of the shopping integrity index scenario. */

const exampleMeta = {
  eventId: '01JDZB0C1D2E3F4G5H6J7K8M9N',
  schemaVersion: 1,
  occurredAt: '2026-11-20T11:00:00.000Z',
  correlationId: 'c0ffee00-1234-4abc-9def-000000000003',
};
const period = z.string().check(z.regex(/^\d{4}H[12]$/));
const districtId = z.string().check(z.minLength(1));

export const merchantDataSubmittedSchema = z.object({
  meta: eventMetaSchema,
  submissionId: z.string().check(z.minLength(1)),
  districtId,
  period,
  /** The district's roster revision for the period this submission made. */
  revision: z.int().check(z.positive()),
  /** Which stored slice of the submission to score (0-based), of how many. */
  chunk: z.int().check(z.nonnegative()),
  chunks: z.int().check(z.positive()),
});

const contribution = z.object({
  index: z.number(),
  dimensions: z.record(z.string(), z.number()),
});

export const merchantScoredSchema = z.object({
  meta: eventMetaSchema,
  uscc: usccInEventSchema,
  districtId,
  period,
  methodVersion: z.string(),
  /** `withdrawn`: the merchant left the district's roster for the period. */
  change: z.enum(['scored', 'rescored', 'withdrawn']),
  previous: z.optional(contribution),
  current: z.optional(contribution),
});

export const districtIndexUpdatedSchema = z.object({
  meta: eventMetaSchema,
  districtId,
  period,
  /** The merchants whose change moved the district's aggregate in this update. */
  merchants: z.int().check(z.positive()),
});

export const shoppingEvents = {
  MerchantDataSubmitted: {
    source: SHOPPING_SOURCE,
    detailType: 'MerchantDataSubmitted',
    schemaVersion: shoppingEventVersions.MerchantDataSubmitted,
    description:
      'A district submitted its merchants for a period; one event per stored slice of the roster, which the scorer reads.',
    schema: merchantDataSubmittedSchema,
    example: {
      meta: exampleMeta,
      submissionId: '01JDZB0C1D2E3F4G5H6J7K8M9P',
      districtId: 'nanjing-road-east',
      period: '2026H2',
      revision: 2,
      chunk: 0,
      chunks: 3,
    },
  },
  MerchantScored: {
    source: SHOPPING_SOURCE,
    detailType: 'MerchantScored',
    schemaVersion: shoppingEventVersions.MerchantScored,
    description:
      "A merchant's index for a period was computed or changed (new data, a credit change), or it left the roster.",
    schema: merchantScoredSchema,
    example: {
      meta: exampleMeta,
      uscc: '91310000MA1FL8XQ11',
      districtId: 'nanjing-road-east',
      period: '2026H2',
      methodVersion: '2026.1',
      change: 'rescored',
      previous: { index: 91.4, dimensions: { 'law-abiding': 100 } },
      current: { index: 85.4, dimensions: { 'law-abiding': 70 } },
    },
  },
  DistrictIndexUpdated: {
    source: SHOPPING_SOURCE,
    detailType: 'DistrictIndexUpdated',
    schemaVersion: shoppingEventVersions.DistrictIndexUpdated,
    description: "A district's aggregate index for a period changed; read the ranking for the new figures.",
    schema: districtIndexUpdatedSchema,
    example: { meta: exampleMeta, districtId: 'nanjing-road-east', period: '2026H2', merchants: 1 },
  },
} satisfies Record<string, EventDefinition>;
