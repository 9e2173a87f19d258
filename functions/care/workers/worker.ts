import { canonicalJson } from '../../../shared/canonical-json.js';
import { conflict, type InvalidField, invalid } from '../../../shared/domain-errors.js';
import { maskIdNumber, maskName } from '../../../shared/masking.js';
import type { AgencyCopy } from '../agencies/agency.js';
import { type RatingCounters, ratingCountersOf } from '../ratings.js';

export interface Certification {
  name: string;
  number: string;
  validTo: string;
}

/** What the agency keeps about a worker, as it sent it minus the personal data. */
export interface WorkerPapers {
  role: string;
  certifications: Certification[];
  healthCheckValidTo: string;
  insuranceValidTo: string;
}

/**
 * The agency's file on a worker under one badge; closed when the worker moves on, never deleted.
 * It also holds copies of what a lookup shows of the agency and of the person's ratings, so a
 * lookup is one read of this item (the copies follow the sources through events and transactions).
 */
export interface Badge extends WorkerPapers, Partial<AgencyCopy>, RatingCounters {
  badgeNo: string;
  agency: string;
  workerKey: string;
  maskedName: string;
  codeHash: string;
  open: boolean;
  openedAt: string;
  closedAt?: string;
}

/** The person across agencies, known only by the keyed hash of their ID number. */
export interface Person extends RatingCounters {
  workerKey: string;
  maskedName: string;
  maskedIdNumber: string;
  current: { agency: string; badgeNo: string };
  files: { agency: string; badgeNo: string; openedAt: string; closedAt?: string }[];
  version: number;
}

export interface WorkerSubmission extends WorkerPapers {
  name: string;
  idNumber: string;
}

/** Shanghai's calendar date at an instant (UTC+8 all year). */
export const shanghaiDate = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A file is written with current papers: a health check or insurance already over is refused. */
export function expiredPaperFields(papers: WorkerPapers, now: Date): InvalidField[] {
  const today = shanghaiDate(now);
  const fields: InvalidField[] = [];
  const pastMessage = `must not be before today (${today})`;
  if (papers.healthCheckValidTo < today) fields.push({ path: 'healthCheckValidTo', message: pastMessage });
  if (papers.insuranceValidTo < today) fields.push({ path: 'insuranceValidTo', message: pastMessage });
  return fields;
}

/** Yes/no facts as of a day, for the public lookup: never the dates or numbers themselves. */
export function validityAsOf(papers: WorkerPapers, now: Date) {
  const today = shanghaiDate(now);
  return {
    certificationsValid:
      papers.certifications.length > 0 &&
      papers.certifications.every((certification) => certification.validTo >= today),
    healthCheckValid: papers.healthCheckValidTo >= today,
    insuranceValid: papers.insuranceValidTo >= today,
  };
}

export type RegistrationDecision =
  | { kind: 'new-person'; person: Person; badge: Badge }
  | { kind: 'moved'; person: Person; badge: Badge; from: { agency: string; badgeNo: string } }
  | { kind: 'new-file'; person: Person; badge: Badge }
  | { kind: 'updated'; badge: Badge }
  | { kind: 'unchanged' };

/**
 * What a PUT of a worker's file means, given the badge it names and the person its ID number
 * leads to (`workerKey` is that number's keyed hash; `idNumber` is only masked here, never kept).
 */
export function decideRegistration(input: {
  agency: string;
  /** What lookups show of the agency, copied onto a new badge. */
  agencyCopy: AgencyCopy;
  badgeNo: string;
  submission: WorkerSubmission;
  workerKey: string;
  codeHash: string;
  existingBadge: Badge | undefined;
  person: Person | undefined;
  now: Date;
}): RegistrationDecision {
  const { agency, badgeNo, submission, workerKey, existingBadge, person, now } = input;
  const expired = expiredPaperFields(submission, now);
  if (expired.length > 0) throw invalid(expired, 'The worker file needs current papers.');
  const at = now.toISOString();
  const papers: WorkerPapers = {
    role: submission.role,
    certifications: submission.certifications,
    healthCheckValidTo: submission.healthCheckValidTo,
    insuranceValidTo: submission.insuranceValidTo,
  };
  const maskedName = maskName(submission.name);
  if (existingBadge) {
    if (existingBadge.agency !== agency) throw conflict(`Badge number ${badgeNo} is used by another agency.`);
    if (existingBadge.workerKey !== workerKey) {
      throw conflict(`Badge number ${badgeNo} belongs to another of your workers.`);
    }
    if (!existingBadge.open) throw conflict(`The file under badge ${badgeNo} is closed; use a new badge number.`);
    const badge = { ...existingBadge, ...papers, maskedName };
    // A re-sent, identical file writes nothing and announces nothing.
    return canonicalJson(badge) === canonicalJson(existingBadge) ? { kind: 'unchanged' } : { kind: 'updated', badge };
  }
  const badge: Badge = {
    ...papers,
    ...input.agencyCopy,
    ...(person ? ratingCountersOf(person) : {}),
    badgeNo,
    agency,
    workerKey,
    maskedName,
    codeHash: input.codeHash,
    open: true,
    openedAt: at,
  };
  const file = { agency, badgeNo, openedAt: at };
  if (!person) {
    return {
      kind: 'new-person',
      badge,
      person: {
        workerKey,
        maskedName,
        maskedIdNumber: maskIdNumber(submission.idNumber),
        current: { agency, badgeNo },
        files: [file],
        version: 1,
      },
    };
  }
  const current = person.files.find((known) => known.badgeNo === person.current.badgeNo && !known.closedAt);
  if (current?.agency === agency) {
    throw conflict(`This person already has badge ${current.badgeNo} at your agency.`);
  }
  const files = person.files.map((known) => (known === current ? { ...known, closedAt: at } : known));
  const next: Person = {
    ...person,
    maskedName,
    current: { agency, badgeNo },
    files: [...files, file],
    version: person.version + 1,
  };
  if (!current) return { kind: 'new-file', person: next, badge };
  return { kind: 'moved', person: next, badge, from: { agency: current.agency, badgeNo: current.badgeNo } };
}
