import * as z from 'zod/mini';
import { pageQuerySchema, pageSchema } from '../../shared/http/pagination.js';
import { defineRoute } from '../../shared/scenario.js';
import { paragraphTextSchema } from '../../shared/text.js';
import { usccSchema } from '../../shared/uscc.js';
import { CURRENT_METHOD } from './method/method.js';
import { periodSchema } from './method/period.js';
import { decodeSubmissionCsv } from './submission/csv.js';
import { submissionSchema } from './submission/input.js';

const districtIdSchema = z.string().check(z.regex(/^[\w.-]{1,64}$/, { error: 'must be a district id' }));
const numbers = z.record(z.string(), z.number());
const reasonSchema = z.object({
  effect: z.number(),
  dimension: z.string(),
  text: z.string(),
  rule: z.optional(z.string()),
  recordId: z.optional(z.string()),
  disputed: z.optional(z.boolean()),
});
const replySchema = z.object({ text: z.string(), repliedAt: z.string() });
const merchantScoreSchema = z.object({
  uscc: z.string(),
  name: z.string(),
  category: z.string(),
  districtId: z.string(),
  period: z.string(),
  index: z.number(),
  methodVersion: z.string(),
  dimensions: numbers,
  reasons: z.array(reasonSchema),
  reply: z.optional(replySchema),
  scoredAt: z.string(),
});
const districtSchema = z.object({
  districtId: z.string(),
  name: z.string(),
  period: z.string(),
  index: z.number(),
  dimensions: numbers,
  merchants: z.int(),
});
const methodSchema = z.looseObject({
  version: z.string(),
  dimensions: z.array(z.unknown()),
  indicators: z.array(z.unknown()),
});
const oneYearCache = { maxAgeSeconds: 86_400 };

export const shoppingRoutes = {
  getMethod: defineRoute({
    id: 'shopping.get-method',
    method: 'GET',
    path: '/v1/shopping/method',
    auth: 'public',
    summary: 'The current method of the integrity index: dimensions, indicators (units, ranges), weights, rules.',
    responses: { 200: methodSchema },
    cache: { maxAgeSeconds: 3600 },
  }),
  methodTemplate: defineRoute({
    id: 'shopping.method-template',
    method: 'GET',
    path: '/v1/shopping/method/template.csv',
    auth: 'public',
    summary:
      'The empty roster template of the current method (UTF-8 CSV with BOM): the header row a text/csv submission uses.',
    responses: { 200: z.string() },
    cache: { maxAgeSeconds: 3600 },
  }),
  getMethodVersion: defineRoute({
    id: 'shopping.get-method-version',
    method: 'GET',
    path: '/v1/shopping/method/{version}',
    auth: 'public',
    summary: 'One published version of the method (every score names the version it used).',
    params: z.strictObject({ version: z.string().check(z.regex(/^[\w.-]{1,32}$/)) }),
    responses: { 200: methodSchema },
    problems: [404],
    cache: oneYearCache,
  }),
  submitMerchants: defineRoute({
    id: 'shopping.submit-merchants',
    method: 'PUT',
    path: '/v1/shopping/districts/{districtId}/periods/{period}/merchants',
    auth: { scope: 'merchants:write' },
    summary:
      "Replaces the district's merchants and indicators for a period (1–1000; JSON or text/csv with the method's header row); scored asynchronously.",
    params: z.strictObject({ districtId: districtIdSchema, period: periodSchema }),
    body: submissionSchema(CURRENT_METHOD),
    textBodies: { 'text/csv': (text: string) => decodeSubmissionCsv(CURRENT_METHOD, text) },
    maxBodyBytes: 2 * 1024 * 1024,
    responses: { 202: z.object({ accepted: z.int(), submissionId: z.string(), status: z.string() }) },
    problems: [404, 409],
  }),
  getSubmission: defineRoute({
    id: 'shopping.get-submission',
    method: 'GET',
    path: '/v1/shopping/submissions/{submissionId}',
    auth: { scope: 'merchants:write' },
    summary: "A submission's scoring progress (the submitting district only).",
    params: z.strictObject({
      submissionId: z.string().check(z.regex(/^[0-9A-Z]{26}$/, { error: 'must be a submission id' })),
    }),
    responses: {
      200: z.object({
        submissionId: z.string(),
        districtId: z.string(),
        period: z.string(),
        status: z.enum(['scoring', 'done', 'superseded']),
        scored: z.int(),
        total: z.int(),
        errors: z.array(z.object({ uscc: z.string(), message: z.string() })),
        submittedAt: z.string(),
      }),
    },
    problems: [404],
  }),
  reply: defineRoute({
    id: 'shopping.reply',
    method: 'POST',
    path: '/v1/shopping/districts/{districtId}/merchants/{uscc}/periods/{period}/reply',
    auth: { scope: 'merchants:write' },
    summary: "Attaches the merchant's reply to its score (the score does not change).",
    params: z.strictObject({ districtId: districtIdSchema, uscc: usccSchema, period: periodSchema }),
    body: z.strictObject({ text: paragraphTextSchema(2000) }),
    responses: { 200: merchantScoreSchema },
    problems: [404, 409],
  }),
  ranking: defineRoute({
    id: 'shopping.ranking',
    method: 'GET',
    path: '/v1/shopping/periods/{period}/districts',
    auth: 'public',
    summary: 'The districts of a period ranked by index, highest first, with dimensions and merchant counts.',
    params: z.strictObject({ period: periodSchema }),
    responses: { 200: z.object({ period: z.string(), items: z.array(districtSchema) }) },
    cache: { maxAgeSeconds: 60 },
  }),
  districtMerchants: defineRoute({
    id: 'shopping.district-merchants',
    method: 'GET',
    path: '/v1/shopping/periods/{period}/districts/{districtId}/merchants',
    auth: 'public',
    summary: "A district's merchants for a period by index, highest first (paginated).",
    params: z.strictObject({ period: periodSchema, districtId: districtIdSchema }),
    query: pageQuerySchema(),
    responses: { 200: pageSchema(merchantScoreSchema) },
    cache: { maxAgeSeconds: 60 },
  }),
  weakestIndicators: defineRoute({
    id: 'shopping.weakest-indicators',
    method: 'GET',
    path: '/v1/shopping/periods/{period}/districts/{districtId}/weakest-indicators',
    auth: 'public',
    summary: "A district's indicators by average score, weakest first: what to improve first.",
    params: z.strictObject({ period: periodSchema, districtId: districtIdSchema }),
    responses: {
      200: z.object({
        district: districtSchema,
        items: z.array(
          z.object({ indicator: z.string(), label: z.string(), dimension: z.string(), averageScore: z.number() }),
        ),
      }),
    },
    problems: [404],
    cache: { maxAgeSeconds: 60 },
  }),
  merchant: defineRoute({
    id: 'shopping.merchant',
    method: 'GET',
    path: '/v1/shopping/merchants/{uscc}',
    auth: 'public',
    summary: "A merchant's index per period (newest first) with dimensions, method version, reasons and any reply.",
    params: z.strictObject({ uscc: usccSchema }),
    responses: { 200: z.object({ uscc: z.string(), items: z.array(merchantScoreSchema) }) },
    problems: [404],
    cache: { maxAgeSeconds: 60 },
  }),
};

export type MerchantScoreView = z.output<typeof merchantScoreSchema>;
