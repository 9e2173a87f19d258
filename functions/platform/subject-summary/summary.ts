import { canonicalJson } from '../../../shared/canonical-json.js';
import type { CreditCategory } from '../../../shared/credit.js';
import { SUMMARY_CATEGORIES } from '../credit-records/categories.js';
import type { CreditRecord } from '../credit-records/model.js';

const kept = new Set<CreditCategory>(SUMMARY_CATEGORIES);

/**
 * One item per subject holding every record that could ever count for it, with its lifecycle,
 * so a check of N subjects reads N small items (BatchGetItem) instead of N queries.
 */
export function subjectSummary(uscc: string, records: readonly CreditRecord[], now: Date, version = 1) {
  const summaryRecords = records
    .filter((record) => record.subject.uscc === uscc && !record.revocation && kept.has(record.category))
    .map(
      ({
        recordId,
        version,
        category,
        severity,
        authority,
        decisionNumber,
        decidedAt,
        decisionInstant,
        validFrom,
        validTo,
        penalty,
        failureClass,
        banEndsOn,
        repair,
        objections,
        subject,
      }) => ({
        recordId,
        version,
        subject,
        category,
        severity,
        authority,
        decisionNumber,
        decidedAt,
        ...(decisionInstant ? { decisionInstant } : {}),
        validFrom,
        ...(validTo ? { validTo } : {}),
        ...(penalty ? { penalty } : {}),
        ...(failureClass ? { failureClass } : {}),
        ...(banEndsOn ? { banEndsOn } : {}),
        ...(repair ? { repair } : {}),
        objections,
      }),
    )
    .sort((a, b) => a.recordId.localeCompare(b.recordId));
  return { uscc, version, records: summaryRecords, updatedAt: now.toISOString() };
}

export type SubjectSummary = ReturnType<typeof subjectSummary>;

export const subjectSummaryKey = (uscc: string) => ({ pk: `SUBJ#${uscc}`, sk: 'SUMMARY' });

export interface SummaryChange {
  recordId: string;
  category: CreditCategory;
  change: 'added' | 'updated' | 'removed';
}

/**
 * What differs between two summaries of one subject, record by record (any field: a new version,
 * a repair, an objection); empty when a rebuild found nothing new.
 */
export function summaryChanges(
  previous: Pick<SubjectSummary, 'records'> | undefined,
  next: Pick<SubjectSummary, 'records'>,
): SummaryChange[] {
  const before = new Map((previous?.records ?? []).map((record) => [record.recordId, record]));
  const after = new Map(next.records.map((record) => [record.recordId, record]));
  const changes: SummaryChange[] = [];
  for (const [recordId, record] of after) {
    const old = before.get(recordId);
    if (!old) changes.push({ recordId, category: record.category, change: 'added' });
    else if (canonicalJson(old) !== canonicalJson(record))
      changes.push({ recordId, category: record.category, change: 'updated' });
  }
  for (const [recordId, record] of before) {
    if (!after.has(recordId)) changes.push({ recordId, category: record.category, change: 'removed' });
  }
  return changes.sort((a, b) => a.recordId.localeCompare(b.recordId));
}

/**
 * The summary after a rebuild from the subject's current records: the next version with what
 * changed, or nothing when the rebuild found the summary already current.
 */
export function rebuildSummary(
  uscc: string,
  records: readonly CreditRecord[],
  previous: SubjectSummary | undefined,
  now: Date,
): { summary: SubjectSummary; changes: SummaryChange[] } | undefined {
  const summary = subjectSummary(uscc, records, now, (previous?.version ?? 0) + 1);
  const changes = summaryChanges(previous, summary);
  if (previous && changes.length === 0) return undefined;
  return { summary, changes };
}
