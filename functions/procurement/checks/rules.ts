/**
 * The procurement credit rules (DOMAIN.md scenario 3, API.md "Procurement supplier checks"):
 * a pure function that judges one supplier from its public credit records as of the bid
 * deadline. Which records count at that instant (publicity window, repair, revocation,
 * objections) is decided by the credit-record platform's `recordsCountingAsOf`, not here.
 */

import type { CreditCategory, PenaltyType } from '../../../shared/credit.js';
import { addYears, endOfShanghaiDay } from '../../../shared/time.js';
import { type CreditRecord, recordsCountingAsOf } from '../../platform/public.js';

export type Verdict = 'eligible' | 'ineligible' | 'review';
export type ProcurementRule =
  | 'dishonesty-list'
  | 'major-illegal-record'
  | 'serious-penalty-unsettled'
  | 'under-objection';

export interface Reason {
  rule: ProcurementRule;
  effect: 'ineligible' | 'review';
  /** The rules the reason rests on; for `under-objection`, those of the rule the record would trigger. */
  legalBasis: string;
  /** One plain English sentence naming the fact. */
  explanation: string;
  category: CreditCategory;
  recordId: string;
  authority: string;
  decisionNumber: string;
  decidedAt: string;
  validFrom: string;
  validTo?: string;
  penalty?: { types: PenaltyType[]; fineAmountCny?: number };
  /** True exactly when the record was under objection at the deadline (then `rule` is `under-objection`). */
  underObjection: boolean;
}

export interface SupplierJudgement {
  verdict: Verdict;
  reasons: Reason[];
}

/** 财库〔2022〕3号: a fine of ¥2,000,000 or more is a "large fine" (较大数额罚款). */
export const MAJOR_FINE_THRESHOLD_CNY = 2_000_000;

/** Penalty types that make a penalty a major illegal record whatever the fine (实施条例第十九条). */
export const MAJOR_PENALTY_TYPES: readonly PenaltyType[] = ['suspension-of-business', 'licence-revocation', 'criminal'];

export const LEGAL_BASIS = {
  dishonestyList: '财库〔2016〕125号',
  majorIllegalRecord: '政府采购法第二十二条; 政府采购法实施条例第十九条; 财库〔2022〕3号',
} as const;

/** Years before the deadline in which a major illegal record bars a supplier (政府采购法第二十二条). */
const LOOKBACK_YEARS = 3;

const LIST_NAMES: Partial<Record<CreditCategory, string>> = {
  'dishonest-judgment-debtor': 'a dishonest judgment debtor',
  'major-tax-violation': 'a major tax violation subject',
  'procurement-serious-violation': 'a supplier with a serious violation in government procurement',
};

type RuleOutcome = Pick<Reason, 'rule' | 'effect' | 'legalBasis' | 'explanation'>;

/**
 * Whether a decision dated `decidedAt` lies in the three years before `asOf`, counting the period
 * as the Civil Code does (民法典第二百零一条: the start day is not counted, the period ends at the
 * end of the anniversary day; 29 February falls back to 28 February). The caller guarantees the
 * decision was made by `asOf`.
 */
export function withinLookback(decidedAt: string, asOf: number): boolean {
  return asOf < endOfShanghaiDay(addYears(decidedAt, LOOKBACK_YEARS));
}

const formatCny = (amount: number): string => `¥${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

function describeMajor(types: readonly PenaltyType[], fineAmountCny: number | undefined): string {
  const facts: string[] = [];
  const labels: Partial<Record<PenaltyType, string>> = {
    'suspension-of-business': 'an order to suspend business',
    'licence-revocation': 'a licence revocation',
    criminal: 'a criminal punishment',
  };
  for (const type of MAJOR_PENALTY_TYPES) {
    if (types.includes(type)) facts.push(labels[type] ?? type);
  }
  if (fineAmountCny !== undefined && fineAmountCny >= MAJOR_FINE_THRESHOLD_CNY) {
    facts.push(`a fine of ${formatCny(fineAmountCny)} (at least ${formatCny(MAJOR_FINE_THRESHOLD_CNY)})`);
  }
  return facts.join(' and ');
}

/** Rules 1–3 for one counting record, ignoring objections; `undefined` when it gives no reason. */
function applyRules(record: CreditRecord, asOf: number): RuleOutcome | undefined {
  const by = `${record.authority} (decision ${record.decisionNumber}, decided ${record.decidedAt})`;

  const listName = LIST_NAMES[record.category];
  if (listName !== undefined) {
    return {
      rule: 'dishonesty-list',
      effect: 'ineligible',
      legalBasis: LEGAL_BASIS.dishonestyList,
      explanation: `Listed as ${listName} by ${by} and the listing is in force at the deadline.`,
    };
  }

  if (record.category !== 'administrative-penalty' || !withinLookback(record.decidedAt, asOf)) return undefined;

  const types = record.penalty?.types ?? [];
  const fine = record.penalty?.fineAmountCny;
  const major = types.some((type) => MAJOR_PENALTY_TYPES.includes(type)) || (fine ?? 0) >= MAJOR_FINE_THRESHOLD_CNY;
  if (major) {
    return {
      rule: 'major-illegal-record',
      effect: 'ineligible',
      legalBasis: LEGAL_BASIS.majorIllegalRecord,
      explanation: `Administrative penalty by ${by} includes ${describeMajor(types, fine)}, a major illegal record within the three years before the deadline.`,
    };
  }

  if (record.severity !== 'serious') return undefined;
  const missing =
    record.penalty === undefined
      ? 'gives no penalty details'
      : types.includes('fine') && fine === undefined
        ? 'imposes a fine without stating its amount'
        : undefined;
  if (missing === undefined) return undefined;
  return {
    rule: 'serious-penalty-unsettled',
    effect: 'review',
    legalBasis: LEGAL_BASIS.majorIllegalRecord,
    explanation: `Serious administrative penalty by ${by} within the three years before the deadline ${missing}, so whether it is a major illegal record must be reviewed.`,
  };
}

/** Rule 4: a record that would give a reason but is disputed at the deadline is left to review. */
function underObjection(outcome: RuleOutcome): RuleOutcome {
  const sentence = outcome.explanation.replace(/\.$/, '');
  return {
    rule: 'under-objection',
    effect: 'review',
    legalBasis: outcome.legalBasis,
    explanation: `Under objection at the deadline, so left to review although it would otherwise trigger rule ${outcome.rule} (${outcome.effect}): ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}.`,
  };
}

function compareReasons(a: Reason, b: Reason): number {
  if (a.effect !== b.effect) return a.effect === 'ineligible' ? -1 : 1;
  if (a.decidedAt !== b.decidedAt) return a.decidedAt < b.decidedAt ? 1 : -1;
  if (a.recordId !== b.recordId) return a.recordId < b.recordId ? -1 : 1;
  return 0;
}

/**
 * Judges the supplier `uscc` as of the bid deadline `asOf` (epoch ms) from its public credit
 * records; records of other subjects are ignored. Each counting record gives at most one reason;
 * reasons come ineligible first, then review, each group newest decision first, then by record id.
 */
export function judgeSupplier(records: readonly CreditRecord[], uscc: string, asOf: number): SupplierJudgement {
  if (!Number.isFinite(asOf)) throw new RangeError(`asOf must be a finite epoch-millisecond instant, got ${asOf}`);

  const reasons: Reason[] = [];
  for (const { record, underObjection: disputed } of recordsCountingAsOf(records, uscc, asOf)) {
    const outcome = applyRules(record, asOf);
    if (outcome === undefined) continue;
    reasons.push({
      ...(disputed ? underObjection(outcome) : outcome),
      category: record.category,
      recordId: record.recordId,
      authority: record.authority,
      decisionNumber: record.decisionNumber,
      decidedAt: record.decidedAt,
      validFrom: record.validFrom,
      ...(record.validTo !== undefined && { validTo: record.validTo }),
      ...(record.penalty !== undefined && {
        penalty: {
          types: [...record.penalty.types],
          ...(record.penalty.fineAmountCny !== undefined && { fineAmountCny: record.penalty.fineAmountCny }),
        },
      }),
      underObjection: disputed,
    });
  }
  reasons.sort(compareReasons);

  const verdict: Verdict = reasons.some((reason) => reason.effect === 'ineligible')
    ? 'ineligible'
    : reasons.length > 0
      ? 'review'
      : 'eligible';
  return { verdict, reasons };
}
