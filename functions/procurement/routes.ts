import * as z from 'zod/mini';
import { creditCategories, penaltyTypes } from '../../shared/credit.js';
import { pageQuerySchema, pageSchema } from '../../shared/http/pagination.js';
import { keySafeIdSchema } from '../../shared/key-safe-id.js';
import { defineRoute } from '../../shared/scenario.js';
import { lineTextSchema } from '../../shared/text.js';
import { isoTimestampSchema } from '../../shared/time.js';
import { usccSchema } from '../../shared/uscc.js';
import { procurementRules } from './checks/vocabulary.js';

export const MAX_SUPPLIERS = 500;

const supplierSchema = z.strictObject({ uscc: usccSchema, name: lineTextSchema(200) });
const consortiumSchema = z.strictObject({
  consortiumId: keySafeIdSchema,
  /** 政府采购法第二十四条: two or more members acting as one supplier. */
  members: z.array(usccSchema).check(z.minLength(2), z.maxLength(MAX_SUPPLIERS)),
});

type Issue = { path: (string | number)[]; message: string };

/**
 * No supplier twice; every consortium member is one of the suppliers and in at most one
 * consortium; consortium ids are unique. Each issue names the repeating or stray entry.
 */
function supplierIssues(body: {
  suppliers: readonly { uscc: string }[];
  consortia?: readonly { consortiumId: string; members: readonly string[] }[];
}): Issue[] {
  const issues: Issue[] = [];
  const firstSupplier = new Map<string, number>();
  body.suppliers.forEach((supplier, index) => {
    const seen = firstSupplier.get(supplier.uscc);
    if (seen === undefined) firstSupplier.set(supplier.uscc, index);
    else issues.push({ path: ['suppliers', index, 'uscc'], message: `repeats suppliers.${seen}.uscc` });
  });
  const firstConsortium = new Map<string, number>();
  const memberOf = new Map<string, string>();
  body.consortia?.forEach((consortium, index) => {
    const seen = firstConsortium.get(consortium.consortiumId);
    if (seen === undefined) firstConsortium.set(consortium.consortiumId, index);
    else issues.push({ path: ['consortia', index, 'consortiumId'], message: `repeats consortia.${seen}.consortiumId` });
    consortium.members.forEach((uscc, position) => {
      const path = ['consortia', index, 'members', position];
      const other = memberOf.get(uscc);
      if (!firstSupplier.has(uscc)) issues.push({ path, message: 'must be one of the suppliers' });
      else if (other !== undefined) issues.push({ path, message: `is already a member of ${other}` });
      else memberOf.set(uscc, `consortia.${index}`);
    });
  });
  return issues;
}

const suppliersAndConsortia = z.superRefine(
  (body: Parameters<typeof supplierIssues>[0], ctx: { addIssue: (issue: Issue & { code: 'custom' }) => void }) => {
    for (const issue of supplierIssues(body)) ctx.addIssue({ code: 'custom', ...issue });
  },
);

const suppliersField = z.array(supplierSchema).check(z.minLength(1), z.maxLength(MAX_SUPPLIERS));
const consortiaField = z.optional(z.array(consortiumSchema).check(z.maxLength(MAX_SUPPLIERS / 2)));

export const createCheckBodySchema = z
  .strictObject({
    projectId: keySafeIdSchema,
    purchaser: lineTextSchema(200),
    asOf: z.optional(isoTimestampSchema),
    suppliers: suppliersField,
    consortia: consortiaField,
  })
  .check(suppliersAndConsortia);

export const putWatchBodySchema = z
  .strictObject({ suppliers: suppliersField, consortia: consortiaField, until: isoTimestampSchema })
  .check(suppliersAndConsortia);

const verdictSchema = z.enum(['eligible', 'ineligible', 'review']);
const summarySchema = z.object({ eligible: z.number(), ineligible: z.number(), review: z.number() });
const citationSchema = z.object({ document: z.string(), article: z.string() });
const explanationSchema = z.object({ zh: z.string(), en: z.string() });
const penaltySchema = z.object({
  types: z.array(z.enum(penaltyTypes)),
  fineAmountCny: z.optional(z.number()),
  majorFineThresholdCny: z.optional(z.number()),
});

/** One reason of rules v2 (functions/procurement/checks/rules.ts). */
const reasonSchema = z.object({
  rule: z.enum(procurementRules),
  effect: z.enum(['ineligible', 'review']),
  category: z.enum(creditCategories),
  recordId: z.string(),
  version: z.number(),
  authority: z.string(),
  decisionNumber: z.string(),
  decidedAt: z.string(),
  decisionInstant: z.optional(z.string()),
  validFrom: z.string(),
  validTo: z.optional(z.string()),
  banEndsOn: z.optional(z.string()),
  penalty: z.optional(penaltySchema),
  repairedAt: z.optional(z.string()),
  disputed: z.boolean(),
  explanation: explanationSchema,
  citations: z.array(citationSchema),
});

const dataFreshnessSchema = z.object({
  recordsAsOf: z.nullable(z.string()),
  categoriesLastFed: z.partialRecord(z.enum(creditCategories), z.string()),
});

const consortiumResultSchema = z.object({
  consortiumId: z.string(),
  verdict: verdictSchema,
  members: z.array(z.object({ uscc: z.string(), verdict: verdictSchema })),
  citations: z.array(citationSchema),
});

const checkEnvelope = {
  checkId: z.string(),
  projectId: z.string(),
  purchaser: z.string(),
  requestedBy: z.string(),
  asOf: z.string(),
  checkedAt: z.string(),
  rulesVersion: z.string(),
  summary: summarySchema,
  /** `sha256:` + hex SHA-256 of the canonical JSON of everything but `digest` and `signature`. */
  digest: z.string(),
  /** Compact JWS (ES256) over `{id: checkId, digest}`; keys at /v1/.well-known/jwks.json. */
  signature: z.string(),
};

/** A signed check of rules v2 as created and read back (functions/procurement/checks/check.ts `buildCheck`). */
const checkSchema = z.object({
  ...checkEnvelope,
  results: z.array(
    z.object({
      uscc: z.string(),
      name: z.string(),
      verdict: verdictSchema,
      reasons: z.array(reasonSchema),
      dataFreshness: dataFreshnessSchema,
    }),
  ),
  consortia: z.array(consortiumResultSchema),
});

/** A check stored under rules v1 (`procurement-rules/2026.1`): read back unchanged, as it was signed. */
const checkV1Schema = z.object({
  ...checkEnvelope,
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
          penalty: z.optional(penaltySchema),
          underObjection: z.boolean(),
        }),
      ),
      dataFreshness: dataFreshnessSchema,
    }),
  ),
});

const checkEntrySchema = z.object({
  checkId: z.string(),
  projectId: z.string(),
  asOf: z.string(),
  checkedAt: z.string(),
  summary: summarySchema,
});

const watchSchema = z.object({
  projectId: z.string(),
  until: z.string(),
  rulesVersion: z.string(),
  evaluatedAt: z.string(),
  /** Each supplier's verdict as of `evaluatedAt`: the baseline a later change is compared with. */
  suppliers: z.array(z.object({ uscc: z.string(), name: z.string(), verdict: verdictSchema })),
  consortia: z.array(
    z.object({
      consortiumId: z.string(),
      verdict: verdictSchema,
      members: z.array(z.object({ uscc: z.string(), verdict: verdictSchema })),
    }),
  ),
});

const alertSchema = z.object({
  alertId: z.string(),
  projectId: z.string(),
  uscc: z.string(),
  name: z.string(),
  consortiumId: z.optional(z.string()),
  previousVerdict: verdictSchema,
  verdict: verdictSchema,
  reasons: z.array(reasonSchema),
  summaryVersion: z.number(),
  rulesVersion: z.string(),
  raisedAt: z.string(),
});

const projectParams = z.strictObject({ projectId: keySafeIdSchema });

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
    summary:
      'The stored check, byte for byte as returned at creation (only to the client that made it); with Accept: text/csv, its results as a UTF-8 (BOM) table for the procurement file.',
    params: z.strictObject({ checkId: keySafeIdSchema }),
    responses: { 200: z.union([checkSchema, checkV1Schema]) },
    alternativeMediaTypes: ['text/csv'],
    problems: [404],
  }),
  listProjectChecks: defineRoute({
    id: 'procurement.list-project-checks',
    method: 'GET',
    path: '/v1/procurement/projects/{projectId}/checks',
    auth: { scope: 'procurement:check' },
    summary: "The calling client's checks of one procurement project, newest first, a page at a time.",
    params: projectParams,
    query: pageQuerySchema(),
    responses: { 200: pageSchema(checkEntrySchema) },
  }),
  putWatch: defineRoute({
    id: 'procurement.put-watch',
    method: 'PUT',
    path: '/v1/procurement/projects/{projectId}/watch',
    auth: { scope: 'procurement:check' },
    summary:
      "Watch a project's suppliers (and consortia) until `until` (at most a year ahead): a change of a supplier's verdict as of now raises an alert. Replaces the client's earlier watch of the project.",
    params: projectParams,
    body: putWatchBodySchema,
    maxBodyBytes: 512 * 1024,
    responses: { 200: watchSchema },
  }),
  deleteWatch: defineRoute({
    id: 'procurement.delete-watch',
    method: 'DELETE',
    path: '/v1/procurement/projects/{projectId}/watch',
    auth: { scope: 'procurement:check' },
    summary: "Ends the client's watch of a project; its alerts stay readable.",
    params: projectParams,
    responses: { 200: z.object({ projectId: z.string(), watching: z.literal(false), suppliers: z.number() }) },
    problems: [404],
  }),
  listAlerts: defineRoute({
    id: 'procurement.list-alerts',
    method: 'GET',
    path: '/v1/procurement/projects/{projectId}/alerts',
    auth: { scope: 'procurement:check' },
    summary: "The calling client's alerts of one watched project (verdict changes), newest first, a page at a time.",
    params: projectParams,
    query: pageQuerySchema(),
    responses: { 200: pageSchema(alertSchema) },
  }),
};
