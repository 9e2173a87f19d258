import type { CreditRecord } from '../credit-records/model.js';

/** Categories a subject's compact summary keeps: the ones the scenarios judge by. */
const judgedCategories = new Set<string>([
  'dishonest-judgment-debtor',
  'major-tax-violation',
  'procurement-serious-violation',
  'administrative-penalty',
  'commendation',
  'credit-commitment',
]);

/**
 * One item per subject holding every record that could ever count for it, with its lifecycle,
 * so a check of N subjects reads N small items (BatchGetItem) instead of N queries. Licences are
 * left out: they never decide a verdict and a large firm may hold thousands.
 */
export function subjectSummary(uscc: string, records: readonly CreditRecord[], now: Date) {
  const kept = records
    .filter((record) => record.subject.uscc === uscc && !record.revocation && judgedCategories.has(record.category))
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
  return { uscc, records: kept, updatedAt: now.toISOString() };
}

export type SubjectSummary = ReturnType<typeof subjectSummary>;

export const subjectSummaryKey = (uscc: string) => ({ pk: `SUBJ#${uscc}`, sk: 'SUMMARY' });
