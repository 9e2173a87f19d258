import { type CreditRecord, recordsCountingAsOf, type SubjectSummary } from '../../platform/public.js';
import { type Method, methods } from '../method/method.js';
import { periodAsOf } from '../method/period.js';
import { type Contribution, contributionDelta } from './aggregate.js';
import { type Indicators, type MerchantScore, scoreMerchant } from './score.js';

export interface Reply {
  text: string;
  repliedAt: string;
}

/** A merchant's entry in one district's roster for one period, with its current score. */
export interface MerchantEntry {
  uscc: string;
  name: string;
  category: string;
  districtId: string;
  period: string;
  indicators: Indicators;
  submissionId: string;
  /** The roster revision that last wrote the entry; an older submission never overwrites it. */
  rosterRevision: number;
  /** Bumped on every write: the condition that makes concurrent writers retry rather than overwrite. */
  revision: number;
  /** Left the roster in a later submission: kept as history, out of the ranking. */
  withdrawn: boolean;
  score?: MerchantScore;
  /** The subject summary version the score read (0: the merchant has no public credit record). */
  summaryVersion: number;
  reply?: Reply;
  updatedAt: string;
}

export interface EntryChange {
  previous: MerchantEntry | undefined;
  next: MerchantEntry;
  change: 'scored' | 'rescored' | 'withdrawn';
  delta: Contribution;
}

export function scoreFor(
  method: Method,
  entry: Pick<MerchantEntry, 'uscc' | 'period' | 'indicators'>,
  summary: SubjectSummary | undefined,
): MerchantScore {
  const records = (summary?.records ?? []) as unknown as CreditRecord[];
  return scoreMerchant(method, entry.indicators, recordsCountingAsOf(records, entry.uscc, periodAsOf(entry.period)));
}

const sameScore = (a: MerchantScore | undefined, b: MerchantScore | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

function changeOf(
  previous: MerchantEntry | undefined,
  next: MerchantEntry,
  change: EntryChange['change'],
): EntryChange {
  const before = previous && !previous.withdrawn ? previous.score : undefined;
  const after = next.withdrawn ? undefined : next.score;
  return { previous, next, change, delta: contributionDelta(before, after) };
}

/** A submitted merchant's new entry, or nothing when a newer roster already wrote it or nothing changed. */
export function submitMerchant(
  previous: MerchantEntry | undefined,
  submitted: Omit<MerchantEntry, 'revision' | 'withdrawn' | 'score' | 'summaryVersion' | 'updatedAt' | 'reply'>,
  summary: SubjectSummary | undefined,
  method: Method,
  now: Date,
): EntryChange | undefined {
  if (previous && previous.rosterRevision > submitted.rosterRevision) return undefined;
  const score = scoreFor(method, submitted, summary);
  if (
    previous &&
    !previous.withdrawn &&
    previous.rosterRevision === submitted.rosterRevision &&
    sameScore(previous.score, score)
  )
    return undefined;
  const next: MerchantEntry = {
    ...submitted,
    revision: (previous?.revision ?? 0) + 1,
    withdrawn: false,
    score,
    summaryVersion: summary?.version ?? 0,
    ...(previous?.reply ? { reply: previous.reply } : {}),
    updatedAt: now.toISOString(),
  };
  return changeOf(previous, next, previous && !previous.withdrawn ? 'rescored' : 'scored');
}

/** A merchant dropped from the roster: a tombstone at the new revision, so a late older write cannot revive it. */
export function withdrawMerchant(
  previous: MerchantEntry | undefined,
  base: Pick<MerchantEntry, 'uscc' | 'districtId' | 'period' | 'submissionId' | 'rosterRevision'>,
  now: Date,
): EntryChange | undefined {
  if (previous && (previous.rosterRevision >= base.rosterRevision || previous.withdrawn)) return undefined;
  const next: MerchantEntry = {
    name: previous?.name ?? '',
    category: previous?.category ?? '',
    indicators: previous?.indicators ?? {},
    ...base,
    revision: (previous?.revision ?? 0) + 1,
    withdrawn: true,
    summaryVersion: previous?.summaryVersion ?? 0,
    updatedAt: now.toISOString(),
  };
  return changeOf(previous, next, 'withdrawn');
}

/**
 * After a credit change: the entry scored again with the summary now, under the method version it
 * was scored with (a method change never rewrites old scores); nothing when the score is the same.
 */
export function rescoreMerchant(
  entry: MerchantEntry,
  summary: SubjectSummary | undefined,
  now: Date,
): EntryChange | undefined {
  if (entry.withdrawn || !entry.score || (summary?.version ?? 0) < entry.summaryVersion) return undefined;
  const method = methods.get(entry.score.methodVersion);
  if (!method) throw new Error(`method ${entry.score.methodVersion} is not published`);
  const score = scoreFor(method, entry, summary);
  if (sameScore(entry.score, score)) return undefined;
  const next: MerchantEntry = {
    ...entry,
    score,
    revision: entry.revision + 1,
    summaryVersion: summary?.version ?? 0,
    updatedAt: now.toISOString(),
  };
  return changeOf(entry, next, 'rescored');
}
