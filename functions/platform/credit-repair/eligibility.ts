import type { CreditCategory, FailureClass, PenaltyType } from '../../../shared/credit.js';
import { invalid } from '../../../shared/domain-errors.js';
import { addDays, addMonths, endOfShanghaiDay, startOfShanghaiDay } from '../../../shared/time.js';
import { whyNotCounting } from '../credit-records/counting.js';
import type { CreditRecord } from '../credit-records/model.js';
import { type Citation, law, ORDER_36, ORDER_58, type Regime } from './law.js';

/**
 * How a record can stop being published early: the 信用修复 procedure (信用中国 and the deciding
 * authority), removal by the authority that keeps a list, deletion by the court once the debt is
 * paid, or none because the record is not failure information (licences, commendations).
 */
export type RepairProcedure = 'credit-repair' | 'listing-authority' | 'court-deletion' | 'not-failure-information';

export type RepairStatus =
  /** Nothing the platform knows stands in the way; the applicant still shows the conditions marked so. */
  | 'repairable'
  /** A minimum period or a ban has not ended yet (or the decision is later than asOf). */
  | 'waiting'
  | 'repaired'
  | 'publicity-ended'
  | 'revoked'
  /** The version was withdrawn by an upheld objection. */
  | 'withdrawn'
  /** Not through this procedure: see `procedure`. */
  | 'not-applicable';

export type ConditionId =
  | 'minimum-period-served'
  | 'sector-minimum-period-served'
  | 'ban-ended'
  | 'failure-corrected'
  | 'obligations-fulfilled'
  | 'credit-commitment'
  | 'listing-authority-agrees'
  | 'court-deletes';

export interface RepairCondition {
  id: ConditionId;
  /** `applicant-to-show`: the platform cannot know it; the applicant proves it when applying. */
  state: 'met' | 'unmet' | 'applicant-to-show';
  text: string;
  citations: Citation[];
}

export interface PublicityPeriod {
  months: number;
  /** The last day of the period (民法典 art. 202); absent for a period of 0 months. */
  lastDay?: string;
}

export interface RepairEligibility {
  recordId: string;
  version: number;
  category: CreditCategory;
  asOf: string;
  regime: Regime;
  procedure: RepairProcedure;
  status: RepairStatus;
  repairable: boolean;
  /** The 36号令 class; absent under 58号令, which has none, and where no class applies. */
  failureClass?: { value: FailureClass; source: 'authority' | 'derived'; basis: string; citations: Citation[] };
  publicity?: {
    minimum: PublicityPeriod;
    maximum: PublicityPeriod;
    /** 58号令: the longer minimum of food, drugs, special equipment, work safety and fire. */
    sectorMinimum?: PublicityPeriod & { sectors: string[] };
    /**
     * The record is still published past the regime's maximum (an authority's window set under
     * 58号令's 3 years for what 36号令 now caps at 1 year). The platform keeps following the
     * authority's window (validTo) and says so here.
     */
    beyondMaximum: boolean;
    citations: Citation[];
  };
  /** The first day an application may be made; absent where no date follows from the record. */
  earliestApplicationDate?: string;
  conditions: RepairCondition[];
  applyTo: string[];
  citations: Citation[];
}

const ORDER_36_FROM = startOfShanghaiDay(ORDER_36.inForceFrom);
const ORDER_58_FROM = startOfShanghaiDay(ORDER_58.inForceFrom);

/** The regime in force at an instant; the platform models no rules older than 58号令. */
export function regimeAt(asOf: number): Regime {
  if (asOf >= ORDER_36_FROM) return ORDER_36;
  if (asOf >= ORDER_58_FROM) return ORDER_58;
  throw invalid(
    [{ path: 'asOf', message: `must not be before ${ORDER_58.inForceFrom}, when 58号令 took effect` }],
    'No repair regime is modelled before 国家发展改革委令第58号.',
  );
}

const SECTORS_58 = ['食品', '药品', '特种设备', '安全生产', '消防'];
const MINOR_TYPES: readonly PenaltyType[] = ['warning', 'public-criticism'];
const SERIOUS_TYPES: readonly PenaltyType[] = ['licence-revocation', 'practice-restriction', 'closure', 'criminal'];
export const CLASS_LABEL: Record<FailureClass, string> = {
  minor: '轻微失信信息',
  general: '一般失信信息',
  serious: '严重失信信息',
};
const PERIODS_36: Record<FailureClass, { minimum: number; maximum: number }> = {
  minor: { minimum: 0, maximum: 3 },
  general: { minimum: 3, maximum: 12 },
  serious: { minimum: 12, maximum: 36 },
};
const NOT_FAILURE_INFORMATION: readonly CreditCategory[] = [
  'administrative-license',
  'commendation',
  'credit-commitment',
];

/**
 * The 36号令 class of an administrative penalty. The authority's class prevails; without one it is
 * derived from the record (docs/decisions.md): only warnings and public criticism are minor (a
 * simple-procedure fine cannot be told from the record), revocation, practice restriction, closure
 * and criminal punishment are serious, and so is anything the authority labelled `serious`; every
 * other penalty, fines of any amount included (36号令 sets no amount for a 巨额罚款), is general.
 */
export function penaltyClass(record: CreditRecord): NonNullable<RepairEligibility['failureClass']> {
  const citations = [law.order36.classes];
  if (record.failureClass) {
    return { value: record.failureClass, source: 'authority', basis: '认定单位标注的失信信息类别', citations };
  }
  const types = record.penalty?.types ?? [];
  const serious = types.filter((type) => SERIOUS_TYPES.includes(type));
  if (serious.length > 0) {
    return { value: 'serious', source: 'derived', basis: `处罚种类：${serious.join('、')}`, citations };
  }
  if (record.severity === 'serious') {
    return { value: 'serious', source: 'derived', basis: '认定单位将该处罚标注为严重失信', citations };
  }
  if (types.length === 0) {
    return { value: 'general', source: 'derived', basis: '记录未载明处罚种类', citations };
  }
  if (types.every((type) => MINOR_TYPES.includes(type))) {
    return { value: 'minor', source: 'derived', basis: '处罚种类仅为警告或通报批评', citations };
  }
  return { value: 'general', source: 'derived', basis: '处罚种类不属于轻微或严重类别', citations };
}

const period = (decidedAt: string, months: number): PublicityPeriod =>
  months === 0 ? { months } : { months, lastDay: addMonths(decidedAt, months) };

/** The day after a period's last day, or the decision day itself for a period of none. */
const dayAfter = (decidedAt: string, { lastDay }: PublicityPeriod) => (lastDay ? addDays(lastDay, 1) : decidedAt);

const reached = (asOf: number, date: string): RepairCondition['state'] =>
  asOf >= startOfShanghaiDay(date) ? 'met' : 'unmet';

const toShow = (id: ConditionId, text: string, citations: Citation[]): RepairCondition => ({
  id,
  state: 'applicant-to-show',
  text,
  citations,
});

function applicantConditions(regime: Regime): RepairCondition[] {
  const citations = [regime === ORDER_36 ? law.order36.conditions : law.order58.conditions];
  return [
    toShow('failure-corrected', '已纠正失信行为、消除不良影响', citations),
    toShow('obligations-fulfilled', '已完全履行行政处罚等决定规定的义务（如缴清罚款）', citations),
    toShow('credit-commitment', '公开作出信用承诺（所提交材料真实有效，违反承诺愿承担相应责任）', citations),
  ];
}

const applyTo = (record: CreditRecord) => [
  '“信用中国（上海）”网站（信用修复统一受理窗口）',
  `${record.authority}（作出决定的机关，负责审核）`,
];

/** What follows from the record's kind and the regime, before its lifecycle at asOf is looked at. */
type Assessment = Omit<
  RepairEligibility,
  'recordId' | 'version' | 'category' | 'asOf' | 'regime' | 'status' | 'repairable' | 'publicity'
> & { publicity?: Omit<NonNullable<RepairEligibility['publicity']>, 'beyondMaximum'> };

function assessPenalty(record: CreditRecord, regime: Regime, asOf: number): Assessment {
  const { decidedAt } = record;
  if (regime === ORDER_58) {
    const minimum = period(decidedAt, 3);
    const sectorMinimum = { ...period(decidedAt, 12), sectors: SECTORS_58 };
    const earliest = dayAfter(decidedAt, minimum);
    const sectorEarliest = dayAfter(decidedAt, sectorMinimum);
    const sectorState = reached(asOf, sectorEarliest) === 'met' ? 'met' : 'applicant-to-show';
    return {
      procedure: 'credit-repair',
      publicity: {
        minimum,
        maximum: period(decidedAt, 36),
        sectorMinimum,
        citations: [law.order58.periods, law.order58.sectorPeriods, law.periodCounting],
      },
      earliestApplicationDate: earliest,
      conditions: [
        {
          id: 'minimum-period-served',
          state: reached(asOf, earliest),
          text: `最短公示期3个月已届满（${earliest}起可申请）`,
          citations: [law.order58.periods, law.periodCounting],
        },
        {
          id: 'sector-minimum-period-served',
          state: sectorState,
          text: `属于${SECTORS_58.join('、')}领域的，最短公示期为1年（${sectorEarliest}起可申请）；不属于的，由申请人说明`,
          citations: [law.order58.sectorPeriods, law.periodCounting],
        },
        ...applicantConditions(regime),
      ],
      applyTo: applyTo(record),
      citations: [law.order58.conditions],
    };
  }
  const failureClass = penaltyClass(record);
  const months = PERIODS_36[failureClass.value];
  const minimum = period(decidedAt, months.minimum);
  const earliest = dayAfter(decidedAt, minimum);
  return {
    procedure: 'credit-repair',
    failureClass,
    publicity: {
      minimum,
      maximum: period(decidedAt, months.maximum),
      citations: [law.order36.periods, law.periodCounting],
    },
    earliestApplicationDate: earliest,
    conditions: [
      {
        id: 'minimum-period-served',
        state: reached(asOf, earliest),
        text:
          months.minimum === 0
            ? `${CLASS_LABEL[failureClass.value]}无最短公示期，法定责任履行完毕即可申请`
            : `${CLASS_LABEL[failureClass.value]}最短公示期${months.minimum}个月已届满（${earliest}起可申请）`,
        citations: [law.order36.minimumServed, law.periodCounting],
      },
      ...applicantConditions(regime),
    ],
    applyTo: applyTo(record),
    citations: [law.order36.right, law.order36.meaning, law.order36.conditions, law.order36.window],
  };
}

function assessList(record: CreditRecord, regime: Regime, asOf: number): Assessment {
  const listRule = regime === ORDER_36 ? law.order36.classes : law.order58.lists;
  const failureClass =
    regime === ORDER_36
      ? {
          value: record.failureClass ?? ('serious' as const),
          source: record.failureClass ? ('authority' as const) : ('derived' as const),
          basis: record.failureClass ? '认定单位标注的失信信息类别' : '严重失信主体名单信息',
          citations: [law.order36.classes],
        }
      : undefined;
  const authorityDecides = toShow(
    'listing-authority-agrees',
    `由认定单位${record.authority}按其名单制度决定是否移出名单`,
    [listRule],
  );
  const common = {
    procedure: 'listing-authority' as const,
    ...(failureClass ? { failureClass } : {}),
    applyTo: [`${record.authority}（作出列入决定的机关）`, '“信用中国（上海）”网站（信用修复统一受理窗口）'],
    citations: [listRule],
  };
  if (record.category !== 'procurement-serious-violation') {
    return { ...common, conditions: [authorityDecides, ...applicantConditions(regime)] };
  }
  const banLastDay = record.banEndsOn ?? record.validTo;
  const earliest = banLastDay ? addDays(banLastDay, 1) : undefined;
  const banEnded: RepairCondition = earliest
    ? {
        id: 'ban-ended',
        state: reached(asOf, earliest),
        text: `禁止参加政府采购活动的期限已届满（${earliest}起）`,
        citations: [law.procurementBan],
      }
    : toShow('ban-ended', '禁止参加政府采购活动的期限已届满（记录未载明期限）', [law.procurementBan]);
  return {
    ...common,
    ...(earliest ? { earliestApplicationDate: earliest } : {}),
    conditions: [banEnded, authorityDecides, ...applicantConditions(regime)],
    citations: [law.procurementBan, listRule],
  };
}

function assess(record: CreditRecord, regime: Regime, asOf: number): Assessment {
  if (NOT_FAILURE_INFORMATION.includes(record.category)) {
    return {
      procedure: 'not-failure-information',
      conditions: [],
      applyTo: [],
      citations: [law.order36.failureInformation],
    };
  }
  if (record.category === 'dishonest-judgment-debtor') {
    return {
      procedure: 'court-deletion',
      conditions: [
        toShow('court-deletes', '履行生效法律文书确定的全部义务后，由人民法院删除失信信息，不经本程序修复', [
          law.judgmentDebtorDeletion,
        ]),
      ],
      applyTo: [`${record.authority}（作出纳入决定的人民法院）`],
      citations: [law.judgmentDebtorDeletion],
    };
  }
  if (record.category === 'administrative-penalty') return assessPenalty(record, regime, asOf);
  return assessList(record, regime, asOf);
}

const STATUS_OF: Partial<Record<NonNullable<ReturnType<typeof whyNotCounting>>, RepairStatus>> = {
  revoked: 'revoked',
  'objection-upheld': 'withdrawn',
  'publicity-ended': 'publicity-ended',
  repaired: 'repaired',
};

/**
 * Whether and when `record` may be repaired, judged at `asOf` (epoch ms) under the regime in force
 * then, applied to the record whatever its decision date (no transitional rule is modelled).
 * Periods run from the decision date (both regimes) and are counted as 民法典 art. 201–202 count
 * months: the earliest application day is the day after the minimum period's last day.
 */
export function repairEligibility(record: CreditRecord, asOf: number): RepairEligibility {
  const regime = regimeAt(asOf);
  const assessment = assess(record, regime, asOf);
  const notCounting = whyNotCounting(record, record.subject.uscc, asOf);
  const lifecycleStatus = notCounting ? STATUS_OF[notCounting] : undefined;
  const identity = {
    recordId: record.recordId,
    version: record.version,
    category: record.category,
    asOf: new Date(asOf).toISOString(),
    regime,
  };
  if (lifecycleStatus === 'revoked' || lifecycleStatus === 'withdrawn') {
    // A withdrawn decision has nothing to repair, and its details are no longer public.
    return {
      ...identity,
      procedure: assessment.procedure,
      status: lifecycleStatus,
      repairable: false,
      conditions: [],
      applyTo: [],
      citations: [],
    };
  }
  const status: RepairStatus =
    lifecycleStatus ??
    (assessment.procedure === 'not-failure-information' || assessment.procedure === 'court-deletion'
      ? 'not-applicable'
      : notCounting === 'not-yet-decided' || assessment.conditions.some((condition) => condition.state === 'unmet')
        ? 'waiting'
        : 'repairable');
  const { publicity, ...rest } = assessment;
  const maximumLastDay = publicity?.maximum.lastDay;
  const beyondMaximum =
    notCounting === undefined && maximumLastDay !== undefined && asOf >= endOfShanghaiDay(maximumLastDay);
  return {
    ...identity,
    status,
    repairable: status === 'repairable',
    ...rest,
    ...(publicity ? { publicity: { ...publicity, beyondMaximum } } : {}),
  };
}
