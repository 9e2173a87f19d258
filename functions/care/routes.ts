import * as z from 'zod/mini';
import { pageQuerySchema, pageSchema } from '../../shared/http/pagination.js';
import { residentIdSchema } from '../../shared/resident-id.js';
import { defineRoute } from '../../shared/scenario.js';
import { lineTextSchema } from '../../shared/text.js';
import { isoDateSchema } from '../../shared/time.js';
import { usccSchema } from '../../shared/uscc.js';

export const AGENCY_KINDS = ['elderly-care-institution', 'home-care-service', 'domestic-service'] as const;
/** The occupations of the national standards for domestic and care work (职业技能标准). */
export const WORKER_ROLES = ['家政服务员', '养老护理员', '育婴员', '母婴护理员', '医疗护理员', '保洁员'] as const;
export const LOOKUP_SOURCES = ['badge-qr', 'typed-code'] as const;

/** A district name; `#` separates the parts of the search index's sort key, so it is kept out. */
const districtSchema = lineTextSchema(40).check(
  z.refine((district) => !district.includes('#'), { error: "must not contain '#'" }),
);

/** Printed on the badge and typed by hand: upper-case letters, digits and hyphens. */
export const badgeNoSchema = z
  .string()
  .check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, { error: 'must be 3-32 upper-case letters, digits or hyphens' }));
/** The lookup code and the review token are base64url random strings this API issued. */
const issuedSecretSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'is not a code this API issued' }));

const ratingSummarySchema = z.object({
  count: z.int(),
  mean: z.nullable(z.number()),
  distribution: z.object({ 1: z.int(), 2: z.int(), 3: z.int(), 4: z.int(), 5: z.int() }),
});
const flagsSchema = z.object({ seriousDishonesty: z.boolean(), recentPenalty: z.boolean() });

const agencyBodySchema = z
  .strictObject({
    name: lineTextSchema(100),
    kind: z.enum(AGENCY_KINDS),
    district: districtSchema,
    address: lineTextSchema(200),
    starRating: z.optional(z.int().check(z.gte(1), z.lte(5))),
    licences: z._default(
      z
        .array(
          z.strictObject({ name: lineTextSchema(100), number: lineTextSchema(60), validTo: z.optional(isoDateSchema) }),
        )
        .check(z.maxLength(20)),
      [],
    ),
    services: z.array(lineTextSchema(40)).check(z.minLength(1), z.maxLength(30)),
  })
  .check(
    z.refine((agency) => agency.starRating === undefined || agency.kind === 'elderly-care-institution', {
      path: ['starRating'],
      error: 'only elderly-care institutions carry a star rating',
    }),
  );

const agencySchema = z.object({
  uscc: z.string(),
  name: z.string(),
  kind: z.enum(AGENCY_KINDS),
  district: z.string(),
  address: z.string(),
  starRating: z.optional(z.int()),
  licences: z.array(z.object({ name: z.string(), number: z.string(), validTo: z.optional(z.string()) })),
  services: z.array(z.string()),
  rating: ratingSummarySchema,
  flags: flagsSchema,
});
const agencyListItemSchema = z.object({
  uscc: z.string(),
  name: z.string(),
  kind: z.enum(AGENCY_KINDS),
  district: z.string(),
  starRating: z.optional(z.int()),
  rating: ratingSummarySchema,
  flags: flagsSchema,
});
const creditRecordViewSchema = z.object({
  recordId: z.string(),
  category: z.string(),
  severity: z.string(),
  authority: z.string(),
  decisionNumber: z.string(),
  decidedAt: z.string(),
  validFrom: z.string(),
  validTo: z.optional(z.string()),
  underObjection: z.boolean(),
});

const agencyParams = z.strictObject({ uscc: usccSchema });
const workerParams = z.strictObject({ uscc: usccSchema, badgeNo: badgeNoSchema });

export const careRoutes = {
  putAgency: defineRoute({
    id: 'care.put-agency',
    method: 'PUT',
    path: '/v1/care/agencies/{uscc}',
    auth: { scope: 'care:admin' },
    summary: 'Registers an elderly-care or domestic-service agency, or updates its registration.',
    params: agencyParams,
    body: agencyBodySchema,
    responses: { 201: agencySchema, 200: agencySchema },
  }),
  searchAgencies: defineRoute({
    id: 'care.search-agencies',
    method: 'GET',
    path: '/v1/care/agencies',
    auth: 'public',
    summary: 'Agencies by district, kind and name fragment, with rating summary and credit flags.',
    query: z.strictObject({
      ...pageQuerySchema(50).shape,
      district: z.optional(districtSchema),
      kind: z.optional(z.enum(AGENCY_KINDS)),
      q: z.optional(lineTextSchema(40)),
    }),
    responses: { 200: pageSchema(agencyListItemSchema) },
    cache: { maxAgeSeconds: 60 },
  }),
  getAgency: defineRoute({
    id: 'care.get-agency',
    method: 'GET',
    path: '/v1/care/agencies/{uscc}',
    auth: 'public',
    summary: "An agency's profile: registration, rating summary, public credit records counting now, flags.",
    params: agencyParams,
    responses: { 200: z.object({ ...agencySchema.shape, creditRecords: z.array(creditRecordViewSchema) }) },
    problems: [404],
    cache: { maxAgeSeconds: 60 },
  }),
  putWorker: defineRoute({
    id: 'care.put-worker',
    method: 'PUT',
    path: '/v1/care/agencies/{uscc}/workers/{badgeNo}',
    auth: { scope: 'care:write' },
    summary:
      "Opens or updates a worker's file at the agency; the same person registered by a new agency moves there. " +
      'A new file returns its badge lookup code once.',
    params: workerParams,
    body: z.strictObject({
      name: lineTextSchema(50),
      idNumber: residentIdSchema,
      role: z.enum(WORKER_ROLES),
      certifications: z
        .array(z.strictObject({ name: lineTextSchema(100), number: lineTextSchema(60), validTo: isoDateSchema }))
        .check(z.maxLength(20)),
      healthCheckValidTo: isoDateSchema,
      insuranceValidTo: isoDateSchema,
    }),
    responses: {
      201: z.object({ badgeNo: z.string(), lookupCode: z.string(), movedFrom: z.optional(z.string()) }),
      200: z.object({ badgeNo: z.string() }),
    },
    problems: [409],
  }),
  rotateLookupCode: defineRoute({
    id: 'care.rotate-lookup-code',
    method: 'POST',
    path: '/v1/care/agencies/{uscc}/workers/{badgeNo}/lookup-code',
    auth: { scope: 'care:write' },
    summary: 'Issues a new badge lookup code for a worker; the old one stops working at once.',
    params: workerParams,
    // No fields: `{}`. Free text (why it was rotated) could carry a worker's name, so none is taken.
    body: z.strictObject({}),
    responses: { 200: z.object({ badgeNo: z.string(), lookupCode: z.string() }) },
    problems: [404],
    // A retry must not hand out a code that is no longer the current one.
    idempotent: false,
  }),
  badgeSvg: defineRoute({
    id: 'care.badge-svg',
    method: 'GET',
    path: '/v1/care/agencies/{uscc}/workers/{badgeNo}/badge.svg',
    auth: { scope: 'care:write' },
    summary:
      "The badge QR as SVG: the public page URL with the worker's current lookup code in its fragment. " +
      'Needs the code (query `code`), which the service keeps only as a hash.',
    params: workerParams,
    query: z.strictObject({ code: issuedSecretSchema }),
    responses: { 200: z.string() },
    mediaType: 'image/svg+xml',
    problems: [404],
  }),
  listLookups: defineRoute({
    id: 'care.list-lookups',
    method: 'GET',
    path: '/v1/care/agencies/{uscc}/workers/{badgeNo}/lookups',
    auth: { scope: 'care:write' },
    summary: 'When the worker was looked up and how (no data of the person looking), newest first.',
    params: workerParams,
    query: pageQuerySchema(),
    responses: { 200: pageSchema(z.object({ at: z.string(), source: z.enum(LOOKUP_SOURCES) })) },
    problems: [404],
  }),
  recordService: defineRoute({
    id: 'care.record-service',
    method: 'POST',
    path: '/v1/care/agencies/{uscc}/services',
    auth: { scope: 'care:write' },
    summary: "Records a service by one of the agency's workers; returns a single-use review token for the consumer.",
    params: agencyParams,
    body: z.strictObject({ badgeNo: badgeNoSchema, serviceDate: isoDateSchema, kind: lineTextSchema(40) }),
    responses: { 201: z.object({ serviceId: z.string(), reviewToken: z.string() }) },
    problems: [404],
  }),
  review: defineRoute({
    id: 'care.review',
    method: 'POST',
    path: '/v1/care/reviews',
    auth: 'public',
    summary: 'Reviews a service once with its review token (a used token is 409).',
    body: z.strictObject({
      reviewToken: issuedSecretSchema,
      rating: z.int().check(z.gte(1), z.lte(5)),
      comment: z.optional(lineTextSchema(500)),
    }),
    responses: { 201: z.object({ serviceId: z.string(), rating: z.int() }) },
    problems: [404, 409],
  }),
  lookupWorker: defineRoute({
    id: 'care.lookup-worker',
    method: 'POST',
    path: '/v1/care/worker-lookups',
    auth: 'public',
    summary:
      'Looks a worker up with the code on their badge: masked name, role, agency and yes/no validity now. ' +
      'A wrong code, an unknown badge and a closed file all answer the same 404.',
    body: z.strictObject({
      badgeNo: badgeNoSchema,
      code: issuedSecretSchema,
      source: z._default(z.enum(LOOKUP_SOURCES), 'badge-qr'),
    }),
    responses: {
      200: z.object({
        badgeNo: z.string(),
        maskedName: z.string(),
        role: z.string(),
        agency: z.object({ uscc: z.string(), name: z.string(), seriousDishonesty: z.boolean() }),
        certificationsValid: z.boolean(),
        healthCheckValid: z.boolean(),
        insuranceValid: z.boolean(),
        rating: ratingSummarySchema,
        asOf: z.string(),
      }),
    },
    problems: [404],
    // Each lookup is its own recorded event; a replayed answer would skip the record and the limit.
    idempotent: false,
  }),
};
