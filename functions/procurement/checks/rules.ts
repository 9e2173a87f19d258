/**
 * The procurement credit rules, version 2 (DOMAIN.md scenario 3, API.md "Procurement supplier
 * checks"): a pure function that judges one supplier from its public credit records as of the
 * bid deadline. The platform decides whether a record counts at an instant (`whyNotCounting`);
 * these rules also look at penalties that no longer count, because the three-year test of
 * 政府采购法第二十二条 is about the penalty fact, not its publicity.
 */

import { type CreditCategory, NATIONAL_MAJOR_FINE_CNY, type PenaltyType } from '../../../shared/credit.js';
import { addYears, endOfShanghaiDay, shanghaiDateOf } from '../../../shared/time.js';
import {
  type CreditRecord,
  DISHONESTY_LIST_CATEGORIES,
  isUnderObjection,
  type NotCountingReason,
  whyNotCounting,
} from '../../platform/public.js';
import { CITATIONS, type Citation } from './citations.js';
import type { ProcurementRule, Verdict } from './vocabulary.js';

export type { ProcurementRule, Verdict } from './vocabulary.js';

/** Names the rule set, so a stored check says which rules produced it (v1 was `procurement-rules/2026.1`). */
export const RULES_VERSION = 'procurement-rules/2026.2';

export const VERDICT_RANK: Record<Verdict, number> = { eligible: 0, review: 1, ineligible: 2 };
/** The worst of some verdicts: ineligible over review over eligible (eligible when there are none). */
export const worstVerdict = (verdicts: Iterable<Verdict>): Verdict => {
  let worst: Verdict = 'eligible';
  for (const verdict of verdicts) if (VERDICT_RANK[verdict] > VERDICT_RANK[worst]) worst = verdict;
  return worst;
};

export interface Explanation {
  zh: string;
  en: string;
}

export interface Reason {
  rule: ProcurementRule;
  effect: 'ineligible' | 'review';
  category: CreditCategory;
  recordId: string;
  /** The record version judged (an upheld objection withdraws one version only). */
  version: number;
  authority: string;
  decisionNumber: string;
  decidedAt: string;
  decisionInstant?: string;
  validFrom: string;
  validTo?: string;
  banEndsOn?: string;
  penalty?: { types: PenaltyType[]; fineAmountCny?: number; majorFineThresholdCny?: number };
  repairedAt?: string;
  /** Under objection at the deadline: the reason keeps its effect (行政处罚法第七十三条). */
  disputed: boolean;
  /** One sentence in Chinese and in English naming the fact and what follows from it. */
  explanation: Explanation;
  citations: Citation[];
}

export interface SupplierJudgement {
  verdict: Verdict;
  reasons: Reason[];
}

/** Penalty types that make a penalty a major illegal record whatever the fine (实施条例第十九条, 行政处罚法第九条). */
export const MAJOR_PENALTY_TYPES: readonly PenaltyType[] = [
  'criminal',
  'suspension-of-business',
  'closure',
  'production-restriction',
  'practice-restriction',
  'licence-revocation',
];

/** 财库〔2022〕3号 applies from this day; before it each department's own standard applied. */
export const NATIONAL_THRESHOLD_FROM = '2022-02-08';

/** Years before the deadline in which a major illegal record bars a supplier (政府采购法第二十二条). */
const LOOKBACK_YEARS = 3;

/**
 * Whether a decision dated `decidedAt` lies in the three years before `asOf`, counting the period
 * as the Civil Code does (民法典第二百零一条: the start day is not counted, the period ends at the
 * end of the anniversary day; 29 February falls back to 28 February).
 */
export function withinLookback(decidedAt: string, asOf: number): boolean {
  return asOf < endOfShanghaiDay(addYears(decidedAt, LOOKBACK_YEARS));
}

const LISTS: Partial<Record<CreditCategory, Explanation>> = {
  'dishonest-judgment-debtor': { zh: '失信被执行人', en: 'a dishonest judgment debtor' },
  'major-tax-violation': { zh: '重大税收违法失信主体', en: 'a major tax violation subject' },
};

const PENALTY_LABELS: Record<PenaltyType, Explanation> = {
  warning: { zh: '警告', en: 'a warning' },
  'public-criticism': { zh: '通报批评', en: 'a public criticism' },
  fine: { zh: '罚款', en: 'a fine' },
  confiscation: { zh: '没收', en: 'a confiscation' },
  'licence-suspension': { zh: '暂扣许可证件', en: 'a licence suspension' },
  'qualification-downgrade': { zh: '降低资质等级', en: 'a qualification downgrade' },
  'suspension-of-business': { zh: '责令停产停业', en: 'an order to suspend production or business' },
  closure: { zh: '责令关闭', en: 'an order to close' },
  'production-restriction': { zh: '限制开展生产经营活动', en: 'a restriction of production and business' },
  'practice-restriction': { zh: '限制从业', en: 'a restriction on practising' },
  'licence-revocation': { zh: '吊销许可证件', en: 'a licence revocation' },
  detention: { zh: '行政拘留', en: 'a detention' },
  criminal: { zh: '刑事处罚', en: 'a criminal punishment' },
};

const yuan = (amount: number): string => `¥${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

/** What a record's facts say, before the deadline-day question is asked. */
interface Finding {
  rule: ProcurementRule;
  effect: Reason['effect'];
  explanation: Explanation;
  citations: Citation[];
}

type FineStatus = 'none' | 'major' | 'below-threshold' | 'amount-missing' | 'before-national-threshold';

/** The large fine that applied to this penalty: 财库〔2022〕3号, or the department's higher amount. */
function fineStatus(record: CreditRecord): { status: FineStatus; threshold?: number } {
  const penalty = record.penalty;
  if (!penalty?.types.includes('fine')) return { status: 'none' };
  const amount = penalty.fineAmountCny;
  if (amount === undefined) return { status: 'amount-missing' };
  const department = penalty.majorFineThresholdCny;
  if (record.decidedAt < NATIONAL_THRESHOLD_FROM) {
    // Only the department's own standard applied then; the record gives it only when it is above ¥2,000,000.
    return department !== undefined && amount >= department
      ? { status: 'major', threshold: department }
      : { status: 'before-national-threshold' };
  }
  const threshold = Math.max(NATIONAL_MAJOR_FINE_CNY, department ?? 0);
  return { status: amount >= threshold ? 'major' : 'below-threshold', threshold };
}

function majorFacts(record: CreditRecord, fine: { status: FineStatus; threshold?: number }): Explanation {
  const types = MAJOR_PENALTY_TYPES.filter((type) => record.penalty?.types.includes(type));
  const zh = types.map((type) => PENALTY_LABELS[type].zh);
  const en = types.map((type) => PENALTY_LABELS[type].en);
  const amount = record.penalty?.fineAmountCny;
  if (fine.status === 'major' && amount !== undefined && fine.threshold !== undefined) {
    zh.push(`罚款${yuan(amount)}（不低于${yuan(fine.threshold)}）`);
    en.push(`a fine of ${yuan(amount)} (at least ${yuan(fine.threshold)})`);
  }
  return { zh: zh.join('、'), en: en.join(' and ') };
}

const decisionOf = (record: CreditRecord): Explanation => ({
  zh: `${record.authority}${record.decidedAt}作出的${record.decisionNumber}`,
  en: `${record.authority} (decision ${record.decisionNumber}, decided ${record.decidedAt})`,
});

const MAJOR_CITATIONS = [CITATIONS.noMajorIllegalRecord, CITATIONS.majorIllegalRecord, CITATIONS.penaltyTypes];
const threshold = (fine: { threshold?: number }) =>
  fine.threshold !== undefined ? [CITATIONS.largeFine, CITATIONS.largeFineInForce] : [];

const NO_LONGER_COUNTING: Partial<Record<NotCountingReason, Explanation>> = {
  'publicity-ended': { zh: '公示期已届满', en: 'its publicity ended' },
  repaired: { zh: '已完成信用修复', en: 'it was repaired' },
  'not-yet-public': { zh: '尚未公示', en: 'it was not yet published' },
};

const LISTED_CATEGORIES = new Set(DISHONESTY_LIST_CATEGORIES);

/** The list and ban rules; `undefined` when the record gives no reason. */
function judgeListing(record: CreditRecord, why: NotCountingReason | undefined, asOf: number): Finding | undefined {
  const by = decisionOf(record);
  const list = LISTS[record.category];
  if (list !== undefined) {
    if (why !== undefined) return undefined;
    return {
      rule: 'dishonesty-list',
      effect: 'ineligible',
      explanation: {
        zh: `投标截止时点被${by.zh}列入${list.zh}名单，名单有效，应当拒绝其参加政府采购活动。`,
        en: `Listed as ${list.en} by ${by.en} and the listing is in force at the deadline, so the supplier must be refused.`,
      },
      citations: [CITATIONS.creditRecordsNotice],
    };
  }
  // 实施条例第十九条第二款: the ban ends on its last day even while the entry is still published.
  const banEnd = record.banEndsOn ?? record.validTo;
  const banned =
    (why === undefined || why === 'publicity-ended') && (banEnd === undefined || asOf < endOfShanghaiDay(banEnd));
  if (!banned) return undefined;
  const until = banEnd === undefined ? { zh: '', en: '' } : { zh: `（至${banEnd}）`, en: ` (until ${banEnd})` };
  return {
    rule: 'procurement-ban',
    effect: 'ineligible',
    explanation: {
      zh: `${by.zh}将其列入政府采购严重违法失信行为记录名单，禁止参加政府采购活动的期限${until.zh}在投标截止时点尚未届满。`,
      en: `Banned from government procurement by ${by.en} on the serious-violation list, and the ban${until.en} has not ended at the deadline.`,
    },
    citations: [CITATIONS.creditRecordsNotice, CITATIONS.banPeriodEnded],
  };
}

/** The three-year major-illegal-record rules for an administrative penalty decided by the deadline. */
function judgePenalty(record: CreditRecord, why: NotCountingReason | undefined, asOf: number): Finding | undefined {
  if (!withinLookback(record.decidedAt, asOf)) return undefined;
  const by = decisionOf(record);
  if (record.penalty === undefined) {
    return {
      rule: 'penalty-details-missing',
      effect: 'review',
      explanation: {
        zh: `${by.zh}行政处罚在投标截止前三年内作出，但未载明处罚种类，无法判断是否属于重大违法记录，需人工审查。`,
        en: `Administrative penalty by ${by.en} within the three years before the deadline gives no penalty types, so whether it is a major illegal record must be reviewed.`,
      },
      citations: MAJOR_CITATIONS,
    };
  }
  const fine = fineStatus(record);
  const isMajor = fine.status === 'major' || record.penalty.types.some((type) => MAJOR_PENALTY_TYPES.includes(type));
  if (isMajor) {
    const facts = majorFacts(record, fine);
    const citations = [...MAJOR_CITATIONS, ...threshold(fine)];
    if (why === undefined) {
      return {
        rule: 'major-illegal-record',
        effect: 'ineligible',
        explanation: {
          zh: `${by.zh}行政处罚含${facts.zh}，属于投标截止前三年内的重大违法记录，且在投标截止时点仍在公示。`,
          en: `Administrative penalty by ${by.en} includes ${facts.en}, a major illegal record within the three years before the deadline that still counts at the deadline.`,
        },
        citations,
      };
    }
    const state = NO_LONGER_COUNTING[why];
    if (state === undefined) return undefined;
    return {
      rule: 'major-illegal-record-not-counting',
      effect: 'review',
      explanation: {
        zh: `${by.zh}行政处罚含${facts.zh}，处罚事实在投标截止前三年内，但投标截止时点${state.zh}，信息不再使用，是否构成重大违法记录需人工审查。`,
        en: `Administrative penalty by ${by.en} includes ${facts.en}, decided within the three years before the deadline, but at the deadline ${state.en}, so the information is no longer used and the purchaser must review it.`,
      },
      citations: [...citations, CITATIONS.repairMeaning],
    };
  }
  if (fine.status === 'amount-missing') {
    return {
      rule: 'fine-amount-missing',
      effect: 'review',
      explanation: {
        zh: `${by.zh}行政处罚含罚款但未载明金额，无论其严重程度，是否属于“较大数额罚款”需人工审查。`,
        en: `Administrative penalty by ${by.en} imposes a fine without stating its amount, so whatever its severity, whether it is a large fine must be reviewed.`,
      },
      citations: [...MAJOR_CITATIONS, CITATIONS.largeFine],
    };
  }
  if (fine.status === 'before-national-threshold') {
    return {
      rule: 'fine-before-national-threshold',
      effect: 'review',
      explanation: {
        zh: `${by.zh}罚款决定早于2022年2月8日，当时尚无全国统一的“较大数额罚款”标准，应按作出部门的标准人工审查。`,
        en: `Fine by ${by.en} was decided before 2022-02-08, when no national large-fine amount applied, so it must be reviewed against the issuing department's own standard.`,
      },
      citations: [...MAJOR_CITATIONS, CITATIONS.largeFineInForce],
    };
  }
  return undefined;
}

/** Decided on the deadline day without a time: which came first is unknown, so the finding becomes a review. */
function onDeadlineDay(finding: Finding, record: CreditRecord): Finding {
  return {
    rule: 'decided-on-deadline-day',
    effect: 'review',
    explanation: {
      zh: `${decisionOf(record).zh}决定于投标截止当日作出且未载明时刻，无法确定是否早于截止时点；若早于截止时点，将适用规则${finding.rule}（${finding.effect}）。`,
      en: `Decision ${record.decisionNumber} of ${record.authority} is dated on the deadline day with no time given, so whether it came before the deadline is unknown; if it did, rule ${finding.rule} (${finding.effect}) applies.`,
    },
    citations: [...finding.citations, CITATIONS.periodCounting],
  };
}

function compareReasons(a: Reason, b: Reason): number {
  if (a.effect !== b.effect) return a.effect === 'ineligible' ? -1 : 1;
  if (a.decidedAt !== b.decidedAt) return a.decidedAt < b.decidedAt ? 1 : -1;
  if (a.recordId !== b.recordId) return a.recordId < b.recordId ? -1 : 1;
  return 0;
}

function reasonOf(record: CreditRecord, finding: Finding, disputed: boolean): Reason {
  const { penalty } = record;
  return {
    rule: finding.rule,
    effect: finding.effect,
    category: record.category,
    recordId: record.recordId,
    version: record.version,
    authority: record.authority,
    decisionNumber: record.decisionNumber,
    decidedAt: record.decidedAt,
    ...(record.decisionInstant !== undefined && { decisionInstant: record.decisionInstant }),
    validFrom: record.validFrom,
    ...(record.validTo !== undefined && { validTo: record.validTo }),
    ...(record.banEndsOn !== undefined && { banEndsOn: record.banEndsOn }),
    ...(penalty !== undefined && {
      penalty: {
        types: [...penalty.types],
        ...(penalty.fineAmountCny !== undefined && { fineAmountCny: penalty.fineAmountCny }),
        ...(penalty.majorFineThresholdCny !== undefined && { majorFineThresholdCny: penalty.majorFineThresholdCny }),
      },
    }),
    ...(record.repair !== undefined && { repairedAt: record.repair.repairedAt }),
    disputed,
    explanation: disputed
      ? {
          zh: `${finding.explanation.zh}该记录在投标截止时点存在异议，异议期间不停止执行。`,
          en: `${finding.explanation.en} The record is disputed at the deadline; a dispute does not suspend it.`,
        }
      : finding.explanation,
    citations: disputed ? [...finding.citations, CITATIONS.noSuspensionWhileDisputed] : finding.citations,
  };
}

/**
 * Judges the supplier `uscc` as of the bid deadline `asOf` (epoch ms) from its public credit
 * records; records of other subjects are ignored. Each record gives at most one reason; reasons
 * come ineligible first, then review, each group newest decision first, then by record id.
 */
export function judgeSupplier(records: readonly CreditRecord[], uscc: string, asOf: number): SupplierJudgement {
  if (!Number.isFinite(asOf)) throw new RangeError(`asOf must be a finite epoch-millisecond instant, got ${asOf}`);
  const deadlineDay = shanghaiDateOf(asOf);
  const reasons: Reason[] = [];
  for (const record of records) {
    const why = whyNotCounting(record, uscc, asOf);
    // Never counted (revoked, withdrawn by an upheld objection) or not this supplier's.
    if (why === 'other-subject' || why === 'revoked' || why === 'objection-upheld') continue;
    if (record.decidedAt > deadlineDay) continue;
    const instant = record.decisionInstant === undefined ? undefined : Date.parse(record.decisionInstant);
    if (instant !== undefined && instant > asOf) continue;
    const finding =
      record.category === 'administrative-penalty'
        ? judgePenalty(record, why, asOf)
        : LISTED_CATEGORIES.has(record.category)
          ? judgeListing(record, why, asOf)
          : undefined;
    if (finding === undefined) continue;
    const timingUnknown = record.decidedAt === deadlineDay && instant === undefined;
    reasons.push(
      reasonOf(record, timingUnknown ? onDeadlineDay(finding, record) : finding, isUnderObjection(record, asOf)),
    );
  }
  reasons.sort(compareReasons);
  return { verdict: worstVerdict(reasons.map((reason) => reason.effect)), reasons };
}
