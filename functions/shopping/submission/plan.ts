import { contentHashOf } from '../../../shared/canonical-json.js';
import { forbidden, notFound } from '../../../shared/domain-errors.js';
import { districts } from '../districts.js';
import { requireStartedPeriod } from '../method/period.js';
import type { Chunk, Roster, SubmissionRecord } from '../store.js';
import type { Submission } from './input.js';

/** Merchants per stored slice: one slice is scored in one transaction (entries + aggregate + outbox). */
export const CHUNK_SIZE = 40;

export interface SubmissionPlan {
  roster: Roster;
  submission: SubmissionRecord;
  chunks: Chunk[];
}

/** Only a district's own client submits for it, and only for a key district and a period already begun. */
export function authorizeSubmission(callerDistrict: string | undefined, districtId: string, period: string, now: Date) {
  if (callerDistrict !== districtId)
    throw forbidden(`This client submits for district ${callerDistrict ?? '(none)'} only.`);
  if (!districts.has(districtId)) throw notFound(`${districtId} is not a key business district of the index.`);
  requireStartedPeriod(period, now);
}

/**
 * A submission replaces the district's roster for the period: the merchants it names are scored,
 * those it no longer names are withdrawn. The same body again changes nothing (the roster's
 * current submission is the answer), so a plain PUT retry is idempotent even without a key.
 */
export function planSubmission(
  request: { districtId: string; period: string; body: Submission; submissionId: string; now: Date },
  previous: Roster | undefined,
): SubmissionPlan | { unchanged: Roster } {
  const bodyHash = contentHashOf(request.body);
  if (previous?.bodyHash === bodyHash) return { unchanged: previous };
  const usccs = request.body.merchants.map((merchant) => merchant.uscc);
  const kept = new Set(usccs);
  const dropped = (previous?.usccs ?? []).filter((uscc) => !kept.has(uscc));
  const count = Math.max(1, Math.ceil(Math.max(usccs.length, dropped.length) / CHUNK_SIZE));
  const chunks = Array.from({ length: count }, (_, i) => ({
    merchants: request.body.merchants.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
    dropped: dropped.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
  }));
  const revision = (previous?.revision ?? 0) + 1;
  return {
    roster: {
      districtId: request.districtId,
      period: request.period,
      revision,
      submissionId: request.submissionId,
      bodyHash,
      usccs,
    },
    submission: {
      submissionId: request.submissionId,
      districtId: request.districtId,
      period: request.period,
      revision,
      total: usccs.length + dropped.length,
      chunks: count,
      scored: 0,
      submittedAt: request.now.toISOString(),
    },
    chunks,
  };
}

/** Progress as the district sees it; a later submission for the same roster supersedes an unfinished one. */
export function submissionStatus(submission: SubmissionRecord, roster: Roster | undefined) {
  const done = submission.scored >= submission.total;
  const superseded = !done && roster !== undefined && roster.revision > submission.revision;
  return {
    submissionId: submission.submissionId,
    districtId: submission.districtId,
    period: submission.period,
    status: done ? ('done' as const) : superseded ? ('superseded' as const) : ('scoring' as const),
    scored: Math.min(submission.scored, submission.total),
    total: submission.total,
    errors: [] as { uscc: string; message: string }[],
    submittedAt: submission.submittedAt,
  };
}
