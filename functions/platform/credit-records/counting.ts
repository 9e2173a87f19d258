import { endOfShanghaiDay, startOfShanghaiDay } from '../../../shared/time.js';
import type { CreditRecord, Objection } from './model.js';

export interface CountingRecord {
  record: CreditRecord;
  /** An objection was raised at or before the instant and not yet resolved by then. */
  underObjection: boolean;
}

/** Why a record does not count at an instant; `undefined` means it counts. */
export type NotCountingReason =
  | 'other-subject'
  | 'revoked'
  | 'objection-upheld'
  | 'not-yet-decided'
  | 'not-yet-public'
  | 'publicity-ended'
  | 'repaired';

const at = (timestamp: string) => Date.parse(timestamp);

/**
 * Decides whether one record counts for `subject` at the instant `asOf` (epoch ms), following
 * DOMAIN.md: a revoked decision never counted; a repaired record counted before its repair
 * instant and not from it on; a record counts only inside its publicity window, read as
 * Shanghai calendar days (validTo inclusive). An upheld objection withdraws the disputed version
 * as erroneous, so like a revocation that version never counted (docs/decisions.md).
 */
export function whyNotCounting(record: CreditRecord, subject: string, asOf: number): NotCountingReason | undefined {
  if (record.subject.uscc !== subject) return 'other-subject';
  if (record.revocation) return 'revoked';
  if (record.objections.some((objection) => withdrawsCurrentVersion(objection, record))) return 'objection-upheld';
  if (asOf < startOfShanghaiDay(record.decidedAt)) return 'not-yet-decided';
  if (asOf < startOfShanghaiDay(record.validFrom)) return 'not-yet-public';
  if (record.validTo !== undefined && asOf >= endOfShanghaiDay(record.validTo)) return 'publicity-ended';
  if (record.repair && at(record.repair.repairedAt) <= asOf) return 'repaired';
  return undefined;
}

/**
 * An upheld objection withdraws the version it was raised against; a corrected version the
 * authority publishes later counts normally. An objection stored without a version predates
 * version tracking and withdraws whatever version the record has.
 */
export function withdrawsCurrentVersion(objection: Objection, record: CreditRecord): boolean {
  return objection.outcome === 'upheld' && (objection.version === undefined || objection.version === record.version);
}

export function isUnderObjection(record: CreditRecord, asOf: number): boolean {
  return record.objections.some(
    (objection) =>
      at(objection.raisedAt) <= asOf && (objection.resolvedAt === undefined || at(objection.resolvedAt) > asOf),
  );
}

/** The records that count for `subject` as of `asOf`, each flagged when under objection then. */
export function recordsCountingAsOf(
  records: readonly CreditRecord[],
  subject: string,
  asOf: Date | number,
): CountingRecord[] {
  const instant = typeof asOf === 'number' ? asOf : asOf.getTime();
  return records
    .filter((record) => whyNotCounting(record, subject, instant) === undefined)
    .map((record) => ({ record, underObjection: isUnderObjection(record, instant) }));
}
