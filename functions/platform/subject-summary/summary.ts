import type { CreditCategory } from '../../../shared/credit.js';
import { SUMMARY_CATEGORIES } from '../credit-records/categories.js';
import type { CreditRecord } from '../credit-records/model.js';

const kept = new Set<CreditCategory>(SUMMARY_CATEGORIES);

/**
 * One item per subject holding every record that could ever count for it, with its lifecycle,
 * so a check of N subjects reads N small items (BatchGetItem) instead of N queries.
 */
export function subjectSummary(uscc: string, records: readonly CreditRecord[], now: Date) {
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
        validFrom,
        validTo,
        penalty,
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
        validFrom,
        ...(validTo ? { validTo } : {}),
        ...(penalty ? { penalty } : {}),
        ...(repair ? { repair } : {}),
        objections,
      }),
    )
    .sort((a, b) => a.recordId.localeCompare(b.recordId));
  return { uscc, records: summaryRecords, updatedAt: now.toISOString() };
}

export type SubjectSummary = ReturnType<typeof subjectSummary>;

export const subjectSummaryKey = (uscc: string) => ({ pk: `SUBJ#${uscc}`, sk: 'SUMMARY' });
