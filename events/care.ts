import * as z from 'zod/mini';
import type { EventDefinition } from '../shared/scenario.js';
import { eventMetaSchema, isoDateInEventSchema, usccInEventSchema } from './meta.js';
import { CARE_SOURCE, careEventVersions } from './versions.js';

/**
 * Events of the elderly-care and domestic-service scenario. None carries personal data: a worker
 * appears only as the keyed hash of their ID number (`workerKey`) and a badge number.
 */

const workerKeySchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const badgeNoSchema = z.string().check(z.minLength(1));
const agencyKindSchema = z.enum(['elderly-care-institution', 'home-care-service', 'domestic-service']);

export const agencyRegisteredSchema = z.object({
  meta: eventMetaSchema,
  uscc: usccInEventSchema,
  kind: agencyKindSchema,
  district: z.string().check(z.minLength(1)),
  firstRegistration: z.boolean(),
});

export const workerRegisteredSchema = z.object({
  meta: eventMetaSchema,
  agency: usccInEventSchema,
  badgeNo: badgeNoSchema,
  workerKey: workerKeySchema,
});

export const workerMovedSchema = z.object({
  meta: eventMetaSchema,
  workerKey: workerKeySchema,
  from: z.object({ agency: usccInEventSchema, badgeNo: badgeNoSchema }),
  to: z.object({ agency: usccInEventSchema, badgeNo: badgeNoSchema }),
});

export const serviceRecordedSchema = z.object({
  meta: eventMetaSchema,
  serviceId: z.string().check(z.minLength(1)),
  agency: usccInEventSchema,
  badgeNo: badgeNoSchema,
  workerKey: workerKeySchema,
  serviceDate: isoDateInEventSchema,
});

export const serviceReviewedSchema = z.object({
  meta: eventMetaSchema,
  serviceId: z.string().check(z.minLength(1)),
  agency: usccInEventSchema,
  badgeNo: badgeNoSchema,
  workerKey: workerKeySchema,
  rating: z.int().check(z.gte(1), z.lte(5)),
});

export const lookupCodeRotatedSchema = z.object({
  meta: eventMetaSchema,
  agency: usccInEventSchema,
  badgeNo: badgeNoSchema,
});

export const agencyCreditChangedSchema = z.object({
  meta: eventMetaSchema,
  uscc: usccInEventSchema,
});

export const workerLookupAnsweredSchema = z.object({
  meta: eventMetaSchema,
  badgeNo: badgeNoSchema,
  source: z.enum(['badge-qr', 'typed-code']),
});

const exampleMeta = {
  eventId: '01JDZ9A1B2C3D4E5F6G7H8J9KM',
  schemaVersion: 1,
  occurredAt: '2026-11-20T10:00:00.000Z',
  correlationId: 'c0ffee00-1234-4abc-9def-000000000003',
};
const exampleAgency = '91310104MA1FL8XQ10';
const exampleWorkerKey = '5f1c0de3a9b24e8f7c6d5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706';

const definition = <Schema extends z.ZodMiniType>(
  detailType: keyof typeof careEventVersions,
  schema: Schema,
  description: string,
  example: Record<string, unknown>,
) =>
  ({
    source: CARE_SOURCE,
    detailType,
    schemaVersion: careEventVersions[detailType],
    schema,
    description,
    example: { meta: exampleMeta, ...example },
  }) satisfies EventDefinition;

export const careEvents = {
  AgencyRegistered: definition(
    'AgencyRegistered',
    agencyRegisteredSchema,
    'The regulator registered an elderly-care or domestic-service agency, or changed its registration.',
    { uscc: exampleAgency, kind: 'home-care-service', district: '徐汇区', firstRegistration: true },
  ),
  WorkerRegistered: definition(
    'WorkerRegistered',
    workerRegisteredSchema,
    "An agency opened a worker's file under a badge number (no personal data: the keyed hash only).",
    { agency: exampleAgency, badgeNo: 'XH-0001', workerKey: exampleWorkerKey },
  ),
  WorkerMoved: definition(
    'WorkerMoved',
    workerMovedSchema,
    "A worker registered by a new agency: the old agency's file was closed; their history stays with them.",
    {
      workerKey: exampleWorkerKey,
      from: { agency: '91310115MA1K4B2CX3', badgeNo: 'PD-0042' },
      to: { agency: exampleAgency, badgeNo: 'XH-0001' },
    },
  ),
  ServiceRecorded: definition(
    'ServiceRecorded',
    serviceRecordedSchema,
    'An agency recorded a service by one of its workers; a single-use review token went to the consumer. ' +
      'The kind of service (free text an agency types) stays out of the event.',
    {
      serviceId: '01JDZ9A1B2C3D4E5F6G7H8J9KA',
      agency: exampleAgency,
      badgeNo: 'XH-0001',
      workerKey: exampleWorkerKey,
      serviceDate: '2026-11-19',
    },
  ),
  ServiceReviewed: definition(
    'ServiceReviewed',
    serviceReviewedSchema,
    'A consumer reviewed a service once; the worker and agency rating summaries follow from it.',
    {
      serviceId: '01JDZ9A1B2C3D4E5F6G7H8J9KA',
      agency: exampleAgency,
      badgeNo: 'XH-0001',
      workerKey: exampleWorkerKey,
      rating: 5,
    },
  ),
  LookupCodeRotated: definition(
    'LookupCodeRotated',
    lookupCodeRotatedSchema,
    "An agency replaced a worker's badge lookup code; the old code stopped working at once.",
    { agency: exampleAgency, badgeNo: 'XH-0001' },
  ),
  AgencyCreditChanged: definition(
    'AgencyCreditChanged',
    agencyCreditChangedSchema,
    "A registered agency's public credit flags were recomputed from a newer credit summary of it.",
    { uscc: exampleAgency },
  ),
  WorkerLookupAnswered: definition(
    'WorkerLookupAnswered',
    workerLookupAnsweredSchema,
    "Someone looked a worker up with the badge's code and was answered: when (meta.occurredAt) and how, " +
      'nothing about who. The agency reads these as its lookup log.',
    { badgeNo: 'XH-0001', source: 'badge-qr' },
  ),
} satisfies Record<string, EventDefinition>;
