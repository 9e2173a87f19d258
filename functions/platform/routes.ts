import * as z from 'zod/mini';
import { defineRoute } from '../../shared/scenario.js';
import { usccSchema } from '../../shared/uscc.js';
import {
  creditRecordInputSchema,
  raiseObjectionInputSchema,
  recordIdParamsSchema,
  repairInputSchema,
  resolveObjectionInputSchema,
  revokeInputSchema,
} from './credit-records/model.js';

/** A batch of 100 records of at most a few KB each. */
const BATCH_BODY_LIMIT = 1024 * 1024;

export const platformRoutes = {
  ingestCreditRecords: defineRoute({
    id: 'platform.ingest-credit-records',
    method: 'POST',
    path: '/v1/credit-records',
    auth: { scope: 'records:write' },
    summary:
      'Publish 1–100 public credit records; identical re-sends change nothing, changed ones become new versions.',
    body: z.strictObject({ records: z.array(creditRecordInputSchema).check(z.minLength(1), z.maxLength(100)) }),
    maxBodyBytes: BATCH_BODY_LIMIT,
  }),
  repairCreditRecord: defineRoute({
    id: 'platform.repair-credit-record',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/repair',
    auth: { scope: 'records:write' },
    summary: 'Record a credit repair: the record stops counting from repairedAt.',
    params: recordIdParamsSchema,
    body: repairInputSchema,
  }),
  revokeCreditRecord: defineRoute({
    id: 'platform.revoke-credit-record',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/revoke',
    auth: { scope: 'records:write' },
    summary: 'Record that the decision was withdrawn: the record never counted.',
    params: recordIdParamsSchema,
    body: revokeInputSchema,
  }),
  raiseObjection: defineRoute({
    id: 'platform.raise-objection',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/objection',
    auth: { scope: 'records:write' },
    summary: 'Record that the subject disputes the record; it is flagged until resolved.',
    params: recordIdParamsSchema,
    body: raiseObjectionInputSchema,
  }),
  resolveObjection: defineRoute({
    id: 'platform.resolve-objection',
    method: 'POST',
    path: '/v1/credit-records/{recordId}/objection/resolve',
    auth: { scope: 'records:write' },
    summary: 'Resolve the open objection: upheld withdraws the record, rejected keeps it.',
    params: recordIdParamsSchema,
    body: resolveObjectionInputSchema,
  }),
  getCreditProfile: defineRoute({
    id: 'platform.get-credit-profile',
    method: 'GET',
    path: '/v1/subjects/{uscc}/credit-profile',
    auth: 'public',
    summary: "The subject's public credit summary now: active records by category, commendations, flags.",
    params: z.strictObject({ uscc: usccSchema }),
    cache: { maxAgeSeconds: 60 },
  }),
};
