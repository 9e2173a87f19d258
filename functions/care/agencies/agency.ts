import { canonicalJson } from '../../../shared/canonical-json.js';
import { addYears, endOfShanghaiDay, startOfShanghaiDay } from '../../../shared/time.js';
import type { CreditRecord } from '../../platform/public.js';
import { DISHONESTY_LIST_CATEGORIES, recordsCountingAsOf, type SubjectSummary } from '../../platform/public.js';
import { type RatingCounters, type RatingSummary, ratingSummary } from '../ratings.js';

export type AgencyKind = 'elderly-care-institution' | 'home-care-service' | 'domestic-service';

export interface AgencyRegistration {
  name: string;
  kind: AgencyKind;
  district: string;
  address: string;
  starRating?: number | undefined;
  licences: { name: string; number: string; validTo?: string | undefined }[];
  services: string[];
}

export type CreditFlag = 'seriousDishonesty' | 'recentPenalty';

/**
 * A flag and until when it holds (epoch ms; null: open-ended). Kept from the last credit change
 * heard of, so a flag also lapses on its own when a record's publicity ends, with no event.
 */
export interface CreditWindow {
  flag: CreditFlag;
  until: number | null;
}

export interface Agency extends AgencyRegistration, RatingCounters {
  uscc: string;
  registeredAt: string;
  creditWindows: CreditWindow[];
  creditSummaryVersion: number;
  /** Raised by every change of what a worker lookup shows of the agency (its name, its credit flags). */
  revision?: number;
}

/** What a worker lookup shows of the agency, copied onto each of its open badges (see workers/store.ts). */
export interface AgencyCopy {
  agencyName: string;
  agencyCreditWindows: CreditWindow[];
  agencyRevision: number;
}

export const agencyCopy = (agency: Agency): AgencyCopy => ({
  agencyName: agency.name,
  agencyCreditWindows: agency.creditWindows,
  agencyRevision: agency.revision ?? 0,
});

/** A penalty counts as recent for a year from its decision (while it still counts). */
const RECENT_PENALTY_YEARS = 1;
const scoredCategories = new Set(DISHONESTY_LIST_CATEGORIES);

/**
 * The credit flags of a subject from its summary as of `now`, each with the instant it lapses:
 * serious dishonesty for a record on a dishonesty list or of serious severity; a recent penalty
 * for an administrative penalty decided in the last year. Records under objection keep their effect.
 */
export function creditWindows(summary: SubjectSummary | undefined, now: Date): CreditWindow[] {
  if (!summary) return [];
  const publicityEnd = (record: CreditRecord) => (record.validTo ? endOfShanghaiDay(record.validTo) : null);
  const windows: CreditWindow[] = [];
  for (const { record } of recordsCountingAsOf(summary.records as unknown as CreditRecord[], summary.uscc, now)) {
    const end = publicityEnd(record);
    if (
      scoredCategories.has(record.category) ||
      (record.severity === 'serious' && record.category === 'administrative-penalty')
    ) {
      windows.push({ flag: 'seriousDishonesty', until: end });
    }
    if (record.category === 'administrative-penalty') {
      const recentUntil = startOfShanghaiDay(addYears(record.decidedAt, RECENT_PENALTY_YEARS));
      const until = end === null ? recentUntil : Math.min(end, recentUntil);
      if (until > now.getTime()) windows.push({ flag: 'recentPenalty', until });
    }
  }
  return windows;
}

export function flagsAsOf(windows: readonly CreditWindow[], now: Date): Record<CreditFlag, boolean> {
  const holds = (flag: CreditFlag) =>
    windows.some((window) => window.flag === flag && (window.until === null || window.until > now.getTime()));
  return { seriousDishonesty: holds('seriousDishonesty'), recentPenalty: holds('recentPenalty') };
}

export interface AgencyView extends AgencyRegistration {
  uscc: string;
  rating: RatingSummary;
  flags: Record<CreditFlag, boolean>;
}

export function agencyView(agency: Agency, now: Date): AgencyView {
  return {
    uscc: agency.uscc,
    name: agency.name,
    kind: agency.kind,
    district: agency.district,
    address: agency.address,
    ...(agency.starRating !== undefined ? { starRating: agency.starRating } : {}),
    licences: agency.licences,
    services: agency.services,
    rating: ratingSummary(agency),
    flags: flagsAsOf(agency.creditWindows, now),
  };
}

/** Whether a registration says what the stored agency already says (then nothing is written). */
export function sameRegistration(agency: Agency, registration: AgencyRegistration): boolean {
  const { name, kind, district, address, starRating, licences, services } = agency;
  return (
    canonicalJson({ name, kind, district, address, starRating, licences, services }) ===
    canonicalJson({ ...registration, starRating: registration.starRating })
  );
}

/** Name fragments match anywhere, case-insensitively for Latin letters (Chinese has no case). */
export function nameMatches(name: string, fragment: string | undefined): boolean {
  return fragment === undefined || name.toLowerCase().includes(fragment.toLowerCase());
}
