import type { CreditCategory } from '../../../shared/credit.js';
import { DISHONESTY_LIST_CATEGORIES } from './categories.js';
import { isUnderObjection, recordsCountingAsOf, whyNotCounting } from './counting.js';
import type { CreditRecord } from './model.js';

/** What the public sees of one record: the published facts plus whether it is disputed. */
export function publicRecordView(record: CreditRecord, asOf: number) {
  return {
    recordId: record.recordId,
    category: record.category,
    severity: record.severity,
    authority: record.authority,
    decisionNumber: record.decisionNumber,
    decidedAt: record.decidedAt,
    ...(record.decisionInstant ? { decisionInstant: record.decisionInstant } : {}),
    validFrom: record.validFrom,
    ...(record.validTo ? { validTo: record.validTo } : {}),
    ...(record.penalty ? { penalty: record.penalty } : {}),
    ...(record.failureClass ? { failureClass: record.failureClass } : {}),
    ...(record.banEndsOn ? { banEndsOn: record.banEndsOn } : {}),
    ...(record.summary ? { summary: record.summary } : {}),
    version: record.version,
    underObjection: isUnderObjection(record, asOf),
  };
}

export type PublicRecordView = ReturnType<typeof publicRecordView>;

/**
 * The subject's public credit summary at `asOf`. Repaired records are no longer shown (that is
 * what repair means) but their number is, as a flag; revoked ones vanish entirely.
 */
export function creditProfile(uscc: string, records: readonly CreditRecord[], asOf: Date) {
  const instant = asOf.getTime();
  const counting = recordsCountingAsOf(records, uscc, instant);
  const activeRecords: Partial<Record<CreditCategory, PublicRecordView[]>> = {};
  for (const { record } of counting) {
    if (record.category === 'commendation') continue;
    const list = activeRecords[record.category] ?? [];
    list.push(publicRecordView(record, instant));
    activeRecords[record.category] = list;
  }
  const byDecisionDate = (a: PublicRecordView, b: PublicRecordView) => b.decidedAt.localeCompare(a.decidedAt);
  for (const list of Object.values(activeRecords)) list.sort(byDecisionDate);
  const commendations = counting
    .filter(({ record }) => record.category === 'commendation')
    .map(({ record }) => publicRecordView(record, instant))
    .sort(byDecisionDate);
  const repaired = records.filter((record) => whyNotCounting(record, uscc, instant) === 'repaired').length;
  const underObjection = counting.filter((entry) => entry.underObjection).length;
  const latestName = records
    .filter((record) => record.subject.uscc === uscc && !record.revocation)
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))[0]?.subject.name;
  return {
    uscc,
    ...(latestName ? { name: latestName } : {}),
    asOf: asOf.toISOString(),
    activeRecords,
    counts: Object.fromEntries(Object.entries(activeRecords).map(([category, list]) => [category, list.length])),
    commendations,
    flags: {
      onDishonestyList: counting.some(({ record }) => DISHONESTY_LIST_CATEGORIES.includes(record.category)),
      underObjection: underObjection > 0,
      repaired: repaired > 0,
    },
    underObjectionCount: underObjection,
    repairedCount: repaired,
  };
}
