import * as z from 'zod/mini';
import { creditCategories, penaltyTypes } from '../../shared/credit.js';
import { pageQuerySchema, pageSchema } from '../../shared/http/pagination.js';
import { keySafeIdSchema } from '../../shared/key-safe-id.js';
import { defineRoute } from '../../shared/scenario.js';
import { lineTextSchema } from '../../shared/text.js';
import { isoTimestampSchema } from '../../shared/time.js';
import { usccSchema } from '../../shared/uscc.js';

export const MAX_SUPPLIERS = 500;

export const createCheckBodySchema = z
  .strictObject({
    projectId: keySafeIdSchema,
    purchaser: lineTextSchema(200),
    asOf: z.optional(isoTimestampSchema),
    suppliers: z
      .array(z.strictObject({ uscc: usccSchema, name: lineTextSchema(200) }))
      .check(z.minLength(1), z.maxLength(MAX_SUPPLIERS)),
  })
  .check(
    z.superRefine((body, ctx) => {
      const first = new Map<string, number>();
      body.suppliers.forEach((supplier, index) => {
        const seen = first.get(supplier.uscc);
        if (seen === undefined) first.set(supplier.uscc, index);
        else
          ctx.addIssue({
            code: 'custom',
            path: ['suppliers', index, 'uscc'],
            message: `repeats suppliers.${seen}.uscc`,
          });
      });
    }),
  );

const verdictSchema = z.enum(['eligible', 'ineligible', 'review']);
const summarySchema = z.object({ eligible: z.number(), ineligible: z.number(), review: z.number() });

/** A signed check as created and as read back (functions/procurement/checks/check.ts `buildCheck`). */
const checkSchema = z.object({
  checkId: z.string(),
  projectId: z.string(),
  purchaser: z.string(),
  requestedBy: z.string(),
  asOf: z.string(),
  checkedAt: z.string(),
  rulesVersion: z.string(),
  summary: summarySchema,
  results: z.array(
    z.object({
      uscc: z.string(),
      name: z.string(),
      verdict: verdictSchema,
      reasons: z.array(
        z.object({
          rule: z.enum(['dishonesty-list', 'major-illegal-record', 'serious-penalty-unsettled', 'under-objection']),
          effect: z.enum(['ineligible', 'review']),
          legalBasis: z.string(),
          explanation: z.string(),
          category: z.enum(creditCategories),
          recordId: z.string(),
          authority: z.string(),
          decisionNumber: z.string(),
          decidedAt: z.string(),
          validFrom: z.string(),
          validTo: z.optional(z.string()),
          penalty: z.optional(
            z.object({ types: z.array(z.enum(penaltyTypes)), fineAmountCny: z.optional(z.number()) }),
          ),
          underObjection: z.boolean(),
        }),
      ),
      dataFreshness: z.object({
        recordsAsOf: z.nullable(z.string()),
        categoriesLastFed: z.partialRecord(z.enum(creditCategories), z.string()),
      }),
    }),
  ),
  /** `sha256:` + hex SHA-256 of the canonical JSON of everything but `digest` and `signature`. */
  digest: z.string(),
  /** Compact JWS (ES256) over `{id: checkId, digest}`; keys at /v1/.well-known/jwks.json. */
  signature: z.string(),
});

const checkEntrySchema = z.object({
  checkId: z.string(),
  projectId: z.string(),
  asOf: z.string(),
  checkedAt: z.string(),
  summary: summarySchema,
});

export const procurementRoutes = {
  createCheck: defineRoute({
    id: 'procurement.create-check',
    method: 'POST',
    path: '/v1/procurement/checks',
    auth: { scope: 'procurement:check' },
    summary: 'Check 1–500 suppliers as of the bid deadline; the signed result is stored unchangeably.',
    body: createCheckBodySchema,
    maxBodyBytes: 512 * 1024,
    responses: { 201: checkSchema },
  }),
  getCheck: defineRoute({
    id: 'procurement.get-check',
    method: 'GET',
    path: '/v1/procurement/checks/{checkId}',
    auth: { scope: 'procurement:check' },
    summary: 'The stored check, byte for byte as returned at creation (only to the client that made it).',
    params: z.strictObject({ checkId: keySafeIdSchema }),
    responses: { 200: checkSchema },
    problems: [404],
  }),
  listProjectChecks: defineRoute({
    id: 'procurement.list-project-checks',
    method: 'GET',
    path: '/v1/procurement/projects/{projectId}/checks',
    auth: { scope: 'procurement:check' },
    summary: "The calling client's checks of one procurement project, newest first, a page at a time.",
    params: z.strictObject({ projectId: keySafeIdSchema }),
    query: pageQuerySchema(),
    responses: { 200: pageSchema(checkEntrySchema) },
  }),
};
