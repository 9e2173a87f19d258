import * as z from 'zod/mini';
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

export const procurementRoutes = {
  createCheck: defineRoute({
    id: 'procurement.create-check',
    method: 'POST',
    path: '/v1/procurement/checks',
    auth: { scope: 'procurement:check' },
    summary: 'Check 1–500 suppliers as of the bid deadline; the signed result is stored unchangeably.',
    body: createCheckBodySchema,
    maxBodyBytes: 512 * 1024,
  }),
  getCheck: defineRoute({
    id: 'procurement.get-check',
    method: 'GET',
    path: '/v1/procurement/checks/{checkId}',
    auth: { scope: 'procurement:check' },
    summary: 'The stored check, byte for byte as returned at creation (only to the client that made it).',
    params: z.strictObject({ checkId: keySafeIdSchema }),
  }),
  listProjectChecks: defineRoute({
    id: 'procurement.list-project-checks',
    method: 'GET',
    path: '/v1/procurement/projects/{projectId}/checks',
    auth: { scope: 'procurement:check' },
    summary: "The calling client's checks of one procurement project, newest first.",
    params: z.strictObject({ projectId: keySafeIdSchema }),
  }),
};
