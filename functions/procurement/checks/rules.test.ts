import fc from 'fast-check';
import {
  type CreditCategory,
  creditCategories,
  type PenaltyType,
  penaltyTypes,
  severities,
} from '../../../shared/credit.js';
import { type CreditRecord, type Objection, recordsCountingAsOf } from '../../platform/public.js';
import { makeRecord, OTHER_SUBJECT, SUBJECT } from '../../platform/testing.js';
import {
  judgeSupplier,
  LEGAL_BASIS,
  MAJOR_FINE_THRESHOLD_CNY,
  type ProcurementRule,
  type Reason,
  type SupplierJudgement,
  withinLookback,
} from './rules.js';

const ms = (timestamp: string): number => {
  const value = Date.parse(timestamp);
  if (Number.isNaN(value)) throw new Error(`bad timestamp in test: ${timestamp}`);
  return value;
};

/** The bid deadline most cases use; makeRecord's default record (2026-01-05, public 01-10..06-30) counts then. */
const DEADLINE = '2026-03-01T10:00:00+08:00';
const SECOND_BEFORE = '2026-03-01T09:59:59+08:00';
const SECOND_AFTER = '2026-03-01T10:00:01+08:00';
const LONG_BEFORE = '2026-02-01T09:00:00+08:00';

type Effect = Reason['effect'];
type ExpectedReason = [ProcurementRule, Effect, string];

const judge = (records: readonly CreditRecord[], asOf: string = DEADLINE): SupplierJudgement =>
  judgeSupplier(records, SUBJECT, ms(asOf));

const brief = (judgement: SupplierJudgement): ExpectedReason[] =>
  judgement.reasons.map((reason) => [reason.rule, reason.effect, reason.recordId]);

/** An administrative penalty of SUBJECT (default: general, no details). */
const penalty = (overrides: Partial<CreditRecord> = {}): CreditRecord =>
  makeRecord({ category: 'administrative-penalty', ...overrides });

/** A serious administrative penalty of SUBJECT with the given details. */
const serious = (details: CreditRecord['penalty'], overrides: Partial<CreditRecord> = {}): CreditRecord =>
  penalty({ severity: 'serious', penalty: details, ...overrides });

/** A general administrative penalty of SUBJECT with the given details. */
const general = (details: CreditRecord['penalty'], overrides: Partial<CreditRecord> = {}): CreditRecord =>
  penalty({ severity: 'general', penalty: details, ...overrides });

/** A listing of SUBJECT in one of the 125号 lists. */
const listed = (
  category: CreditCategory = 'dishonest-judgment-debtor',
  overrides: Partial<CreditRecord> = {},
): CreditRecord => makeRecord({ category, severity: 'serious', ...overrides });

const major = (overrides: Partial<CreditRecord> = {}): CreditRecord =>
  general({ types: ['suspension-of-business'] }, overrides);

const unsettled = (overrides: Partial<CreditRecord> = {}): CreditRecord => serious(undefined, overrides);

/** Decided and public from `date`, with no end to its publicity window. */
const decidedOn = (date: string): Partial<CreditRecord> => ({ decidedAt: date, validFrom: date, validTo: undefined });

const objection = (raisedAt: string, resolution?: Pick<Objection, 'resolvedAt' | 'outcome'>): Objection => ({
  raisedAt,
  reason: '记录有误',
  ...resolution,
});

interface Case {
  name: string;
  records: CreditRecord[];
  asOf?: string;
  verdict: SupplierJudgement['verdict'];
  reasons: ExpectedReason[];
}

const cases: Case[] = [
  // baseline
  { name: 'no records at all', records: [], verdict: 'eligible', reasons: [] },
  {
    name: 'a general penalty with a warning',
    records: [general({ types: ['warning'] })],
    verdict: 'eligible',
    reasons: [],
  },

  // rule 1: dishonesty lists, every category
  {
    name: 'dishonest judgment debtor',
    records: [listed('dishonest-judgment-debtor')],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },
  {
    name: 'major tax violation subject',
    records: [listed('major-tax-violation')],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },
  {
    name: 'procurement serious violation',
    records: [listed('procurement-serious-violation')],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },
  {
    name: 'dishonesty listing with general severity still counts',
    records: [listed('major-tax-violation', { severity: 'general' })],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },
  {
    name: 'dishonesty listing older than three years but still in force (no three-year limit on lists)',
    records: [listed('procurement-serious-violation', decidedOn('2019-05-01'))],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },

  // rule 2: major illegal records, each major type
  {
    name: 'suspension of business',
    records: [general({ types: ['suspension-of-business'] })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'licence revocation',
    records: [general({ types: ['licence-revocation'] })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'criminal punishment',
    records: [general({ types: ['criminal'] })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'criminal punishment on a serious penalty',
    records: [serious({ types: ['criminal'] })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'major type next to other types',
    records: [general({ types: ['warning', 'confiscation', 'licence-revocation'] })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'serious fine without amount but with suspension of business is major, not unsettled',
    records: [serious({ types: ['fine', 'suspension-of-business'] })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'fine of exactly 2,000,000 (general)',
    records: [general({ types: ['fine'], fineAmountCny: 2_000_000 })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'fine of exactly 2,000,000 (serious)',
    records: [serious({ types: ['fine'], fineAmountCny: 2_000_000 })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'fine of 5,000,000 with a warning',
    records: [general({ types: ['warning', 'fine'], fineAmountCny: 5_000_000 })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'fine of 1,999,999 (general)',
    records: [general({ types: ['fine'], fineAmountCny: 1_999_999 })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'fine of 1,999,999 (serious: the details settle it)',
    records: [serious({ types: ['fine'], fineAmountCny: 1_999_999 })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'fine of 1,999,999.99 is still below the threshold',
    records: [serious({ types: ['fine'], fineAmountCny: 1_999_999.99 })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'confiscation and detention are not major types',
    records: [serious({ types: ['confiscation', 'detention'] })],
    verdict: 'eligible',
    reasons: [],
  },

  // rule 3: serious penalties whose details do not settle it
  {
    name: 'serious penalty without any details',
    records: [serious(undefined)],
    verdict: 'review',
    reasons: [['serious-penalty-unsettled', 'review', 'r-1']],
  },
  {
    name: 'serious penalty with a fine but no amount',
    records: [serious({ types: ['fine'] })],
    verdict: 'review',
    reasons: [['serious-penalty-unsettled', 'review', 'r-1']],
  },
  {
    name: 'serious penalty with a warning and a fine but no amount',
    records: [serious({ types: ['warning', 'fine'] })],
    verdict: 'review',
    reasons: [['serious-penalty-unsettled', 'review', 'r-1']],
  },
  {
    name: 'serious penalty with only a warning is settled',
    records: [serious({ types: ['warning'] })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'serious penalty with a fine of 0 is settled',
    records: [serious({ types: ['fine'], fineAmountCny: 0 })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'general penalty without any details',
    records: [general(undefined)],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'general penalty with a fine but no amount',
    records: [general({ types: ['fine'] })],
    verdict: 'eligible',
    reasons: [],
  },

  // categories that never give reasons, even marked serious
  {
    name: 'commendation',
    records: [makeRecord({ category: 'commendation', severity: 'serious' })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'administrative licence',
    records: [makeRecord({ category: 'administrative-license', severity: 'serious' })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'credit commitment',
    records: [makeRecord({ category: 'credit-commitment', severity: 'serious' })],
    verdict: 'eligible',
    reasons: [],
  },

  // the three-year window (民法典第二百零一条)
  {
    name: 'major decided 2023-03-02, deadline 2026-03-02 23:59:59.999 +08:00: within',
    records: [major(decidedOn('2023-03-02'))],
    asOf: '2026-03-02T23:59:59.999+08:00',
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'major decided 2023-03-02, deadline 2026-03-03 00:00 +08:00: out',
    records: [major(decidedOn('2023-03-02'))],
    asOf: '2026-03-03T00:00:00+08:00',
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major decided 2023-03-02, same boundary written in UTC: within',
    records: [major(decidedOn('2023-03-02'))],
    asOf: '2026-03-02T15:59:59.999Z',
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'major decided 2023-03-02, same boundary written in UTC: out',
    records: [major(decidedOn('2023-03-02'))],
    asOf: '2026-03-02T16:00:00.000Z',
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major decided 2023-03-02, deadline on the anniversary morning: within',
    records: [major(decidedOn('2023-03-02'))],
    asOf: '2026-03-02T09:00:00+08:00',
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'major decided 2024-02-29, deadline 2027-02-28 23:59:59.999 +08:00: within',
    records: [major(decidedOn('2024-02-29'))],
    asOf: '2027-02-28T23:59:59.999+08:00',
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'major decided 2024-02-29, deadline 2027-03-01 00:00 +08:00: out',
    records: [major(decidedOn('2024-02-29'))],
    asOf: '2027-03-01T00:00:00+08:00',
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major decided 2024-02-29, deadline 2028-02-29 (leap anniversary of 4 years): out',
    records: [major(decidedOn('2024-02-29'))],
    asOf: '2028-02-29T00:00:00+08:00',
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major decided on the deadline day',
    records: [major(decidedOn('2026-03-01'))],
    asOf: '2026-03-01T00:00:00+08:00',
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'unsettled serious decided 2023-03-02, deadline 2026-03-02 23:59:59.999 +08:00: within',
    records: [unsettled(decidedOn('2023-03-02'))],
    asOf: '2026-03-02T23:59:59.999+08:00',
    verdict: 'review',
    reasons: [['serious-penalty-unsettled', 'review', 'r-1']],
  },
  {
    name: 'unsettled serious decided 2023-03-02, deadline 2026-03-03 00:00 +08:00: out',
    records: [unsettled(decidedOn('2023-03-02'))],
    asOf: '2026-03-03T00:00:00+08:00',
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'unsettled serious decided 2024-02-29, deadline 2027-02-28 23:59:59.999 +08:00: within',
    records: [unsettled(decidedOn('2024-02-29'))],
    asOf: '2027-02-28T23:59:59.999+08:00',
    verdict: 'review',
    reasons: [['serious-penalty-unsettled', 'review', 'r-1']],
  },
  {
    name: 'dishonesty listing decided 2023-03-02 still in force after three years',
    records: [listed('dishonest-judgment-debtor', decidedOn('2023-03-02'))],
    asOf: '2026-03-03T00:00:00+08:00',
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },

  // repair
  {
    name: 'major repaired one second before the deadline',
    records: [major({ repair: { repairedAt: SECOND_BEFORE, reason: '已整改' } })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major repaired exactly at the deadline',
    records: [major({ repair: { repairedAt: DEADLINE, reason: '已整改' } })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major repaired one second after the deadline still counts',
    records: [major({ repair: { repairedAt: SECOND_AFTER, reason: '已整改' } })],
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'dishonesty listing repaired one second before the deadline',
    records: [listed('major-tax-violation', { repair: { repairedAt: SECOND_BEFORE, reason: '已移出' } })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'dishonesty listing repaired one second after the deadline',
    records: [listed('major-tax-violation', { repair: { repairedAt: SECOND_AFTER, reason: '已移出' } })],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },
  {
    name: 'unsettled serious repaired one second after the deadline',
    records: [unsettled({ repair: { repairedAt: SECOND_AFTER, reason: '已整改' } })],
    verdict: 'review',
    reasons: [['serious-penalty-unsettled', 'review', 'r-1']],
  },

  // revocation never counted
  {
    name: 'major revoked before the deadline',
    records: [major({ revocation: { revokedAt: LONG_BEFORE, reason: '撤销' } })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major revoked after the deadline',
    records: [major({ revocation: { revokedAt: SECOND_AFTER, reason: '撤销' } })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'dishonesty listing revoked after the deadline',
    records: [listed('dishonest-judgment-debtor', { revocation: { revokedAt: SECOND_AFTER, reason: '撤销' } })],
    verdict: 'eligible',
    reasons: [],
  },

  // rule 4: objections
  {
    name: 'dishonesty listing with an objection open at the deadline',
    records: [listed('dishonest-judgment-debtor', { objections: [objection(LONG_BEFORE)] })],
    verdict: 'review',
    reasons: [['under-objection', 'review', 'r-1']],
  },
  {
    name: 'dishonesty listing with an objection raised exactly at the deadline',
    records: [listed('dishonest-judgment-debtor', { objections: [objection(DEADLINE)] })],
    verdict: 'review',
    reasons: [['under-objection', 'review', 'r-1']],
  },
  {
    name: 'dishonesty listing with an objection raised after the deadline',
    records: [listed('dishonest-judgment-debtor', { objections: [objection(SECOND_AFTER)] })],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },
  {
    name: 'dishonesty listing with an objection rejected before the deadline',
    records: [
      listed('dishonest-judgment-debtor', {
        objections: [objection(LONG_BEFORE, { resolvedAt: SECOND_BEFORE, outcome: 'rejected' })],
      }),
    ],
    verdict: 'ineligible',
    reasons: [['dishonesty-list', 'ineligible', 'r-1']],
  },
  {
    name: 'dishonesty listing with an objection rejected only after the deadline',
    records: [
      listed('dishonest-judgment-debtor', {
        objections: [objection(LONG_BEFORE, { resolvedAt: SECOND_AFTER, outcome: 'rejected' })],
      }),
    ],
    verdict: 'review',
    reasons: [['under-objection', 'review', 'r-1']],
  },
  {
    name: 'dishonesty listing with an objection upheld before the deadline',
    records: [
      listed('dishonest-judgment-debtor', {
        objections: [objection(LONG_BEFORE, { resolvedAt: SECOND_BEFORE, outcome: 'upheld' })],
      }),
    ],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'dishonesty listing with an objection upheld after the deadline (never counted)',
    records: [
      listed('dishonest-judgment-debtor', {
        objections: [objection(LONG_BEFORE, { resolvedAt: SECOND_AFTER, outcome: 'upheld' })],
      }),
    ],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'a rejected objection, then a second one open at the deadline',
    records: [
      listed('procurement-serious-violation', {
        objections: [
          objection('2026-01-20T09:00:00+08:00', { resolvedAt: '2026-01-25T09:00:00+08:00', outcome: 'rejected' }),
          objection(LONG_BEFORE),
        ],
      }),
    ],
    verdict: 'review',
    reasons: [['under-objection', 'review', 'r-1']],
  },
  {
    name: 'major penalty under objection',
    records: [major({ objections: [objection(LONG_BEFORE)] })],
    verdict: 'review',
    reasons: [['under-objection', 'review', 'r-1']],
  },
  {
    name: 'unsettled serious penalty under objection',
    records: [unsettled({ objections: [objection(LONG_BEFORE)] })],
    verdict: 'review',
    reasons: [['under-objection', 'review', 'r-1']],
  },
  {
    name: 'a record that gives no reason stays silent under objection',
    records: [general({ types: ['warning'] }, { objections: [objection(LONG_BEFORE)] })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'a major penalty outside the three years under objection gives nothing',
    records: [major({ ...decidedOn('2022-01-05'), objections: [objection(LONG_BEFORE)] })],
    verdict: 'eligible',
    reasons: [],
  },

  // publicity window
  {
    name: 'dishonesty listing not yet public at the deadline',
    records: [listed('dishonest-judgment-debtor', { decidedAt: '2026-02-20', validFrom: '2026-03-02' })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major penalty public from the day after the deadline, last millisecond of the deadline day',
    records: [major({ decidedAt: '2026-02-20', validFrom: '2026-03-02' })],
    asOf: '2026-03-01T23:59:59.999+08:00',
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major penalty public from the deadline day',
    records: [major({ decidedAt: '2026-02-20', validFrom: '2026-03-01' })],
    asOf: '2026-03-01T00:00:00+08:00',
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'dishonesty listing whose publicity ended before the deadline',
    records: [listed('dishonest-judgment-debtor', { validTo: '2026-02-28' })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: 'major penalty whose publicity ends on the deadline day still counts',
    records: [major({ validTo: '2026-03-01' })],
    asOf: '2026-03-01T23:59:59.999+08:00',
    verdict: 'ineligible',
    reasons: [['major-illegal-record', 'ineligible', 'r-1']],
  },
  {
    name: 'dishonesty listing decided after the deadline',
    records: [listed('dishonest-judgment-debtor', { decidedAt: '2026-03-02', validFrom: '2026-03-02' })],
    verdict: 'eligible',
    reasons: [],
  },

  // other subjects
  {
    name: "another subject's dishonesty listing is ignored",
    records: [listed('dishonest-judgment-debtor', { subject: { uscc: OTHER_SUBJECT, name: '别家公司' } })],
    verdict: 'eligible',
    reasons: [],
  },
  {
    name: "another subject's major penalty next to the supplier's unsettled one",
    records: [
      major({ recordId: 'other', subject: { uscc: OTHER_SUBJECT, name: '别家公司' } }),
      unsettled({ recordId: 'own' }),
    ],
    verdict: 'review',
    reasons: [['serious-penalty-unsettled', 'review', 'own']],
  },

  // mixed records: verdict and order
  {
    name: 'ineligible wins over review, ineligible reasons first',
    records: [
      unsettled({ recordId: 'r-review', decidedAt: '2026-02-01', validFrom: '2026-02-01' }),
      listed('dishonest-judgment-debtor', { recordId: 'r-listed', decidedAt: '2025-06-01', validFrom: '2025-06-01' }),
      general({ types: ['warning'] }, { recordId: 'r-silent' }),
    ],
    verdict: 'ineligible',
    reasons: [
      ['dishonesty-list', 'ineligible', 'r-listed'],
      ['serious-penalty-unsettled', 'review', 'r-review'],
    ],
  },
  {
    name: 'ordered by effect, then decidedAt descending, then recordId',
    records: [
      unsettled({ recordId: 'a-review-old', decidedAt: '2025-01-01', validFrom: '2025-01-01' }),
      major({ recordId: 'b-major-old', decidedAt: '2024-05-05', validFrom: '2024-05-05', validTo: undefined }),
      listed('major-tax-violation', { recordId: 'd-listed-new', decidedAt: '2026-01-05' }),
      listed('procurement-serious-violation', { recordId: 'c-listed-new', decidedAt: '2026-01-05' }),
      major({
        recordId: 'e-disputed',
        decidedAt: '2026-02-01',
        validFrom: '2026-02-01',
        objections: [objection(LONG_BEFORE)],
      }),
      unsettled({ recordId: 'a-review-new', decidedAt: '2025-12-01', validFrom: '2025-12-01' }),
    ],
    verdict: 'ineligible',
    reasons: [
      ['dishonesty-list', 'ineligible', 'c-listed-new'],
      ['dishonesty-list', 'ineligible', 'd-listed-new'],
      ['major-illegal-record', 'ineligible', 'b-major-old'],
      ['under-objection', 'review', 'e-disputed'],
      ['serious-penalty-unsettled', 'review', 'a-review-new'],
      ['serious-penalty-unsettled', 'review', 'a-review-old'],
    ],
  },
  {
    name: 'only review reasons give review',
    records: [
      unsettled({ recordId: 'r-a' }),
      listed('dishonest-judgment-debtor', { recordId: 'r-b', objections: [objection(LONG_BEFORE)] }),
    ],
    verdict: 'review',
    reasons: [
      ['serious-penalty-unsettled', 'review', 'r-a'],
      ['under-objection', 'review', 'r-b'],
    ],
  },
  {
    name: 'a disputed listing does not hide an undisputed one',
    records: [
      listed('dishonest-judgment-debtor', { recordId: 'r-disputed', objections: [objection(LONG_BEFORE)] }),
      listed('major-tax-violation', { recordId: 'r-plain', decidedAt: '2025-01-01', validFrom: '2025-01-01' }),
    ],
    verdict: 'ineligible',
    reasons: [
      ['dishonesty-list', 'ineligible', 'r-plain'],
      ['under-objection', 'review', 'r-disputed'],
    ],
  },
  {
    name: 'not-counting records next to counting silent ones give eligible',
    records: [
      major({ recordId: 'r-revoked', revocation: { revokedAt: LONG_BEFORE, reason: '撤销' } }),
      listed('dishonest-judgment-debtor', {
        recordId: 'r-repaired',
        repair: { repairedAt: LONG_BEFORE, reason: '修复' },
      }),
      general({ types: ['fine'], fineAmountCny: 10_000 }, { recordId: 'r-small' }),
      makeRecord({ recordId: 'r-praise', category: 'commendation' }),
    ],
    verdict: 'eligible',
    reasons: [],
  },
];

describe('judgeSupplier: rule table', () => {
  test.each(cases)('$name', ({ records, asOf, verdict, reasons }) => {
    const judgement = judge(records, asOf);
    expect(judgement.verdict).toBe(verdict);
    expect(brief(judgement)).toEqual(reasons);
    for (const reason of judgement.reasons) {
      expect(reason.underObjection).toBe(reason.rule === 'under-objection');
    }
  });
});

describe('judgeSupplier: reason contents', () => {
  test('dishonesty-list names the list, authority and decision', () => {
    const record = listed('dishonest-judgment-debtor', {
      authority: '上海市第一中级人民法院',
      decisionNumber: '(2025)沪01执123号',
    });
    expect(judge([record]).reasons).toEqual([
      {
        rule: 'dishonesty-list',
        effect: 'ineligible',
        legalBasis: '财库〔2016〕125号',
        explanation:
          'Listed as a dishonest judgment debtor by 上海市第一中级人民法院 (decision (2025)沪01执123号, decided 2026-01-05) and the listing is in force at the deadline.',
        category: 'dishonest-judgment-debtor',
        recordId: 'r-1',
        authority: '上海市第一中级人民法院',
        decisionNumber: '(2025)沪01执123号',
        decidedAt: '2026-01-05',
        validFrom: '2026-01-10',
        validTo: '2026-06-30',
        underObjection: false,
      },
    ]);
  });

  test.each<[CreditCategory, string]>([
    ['major-tax-violation', 'Listed as a major tax violation subject by'],
    ['procurement-serious-violation', 'Listed as a supplier with a serious violation in government procurement by'],
  ])('dishonesty-list explanation for %s', (category, start) => {
    const [reason] = judge([listed(category)]).reasons;
    expect(reason?.explanation.startsWith(start)).toBe(true);
    expect(reason?.legalBasis).toBe(LEGAL_BASIS.dishonestyList);
  });

  test('major-illegal-record names what makes it major and copies the penalty', () => {
    const record = serious(
      { types: ['fine', 'licence-revocation'], fineAmountCny: 2_500_000 },
      { ...decidedOn('2025-04-01'), recordId: 'p-9' },
    );
    const [reason] = judge([record]).reasons;
    expect(reason).toEqual({
      rule: 'major-illegal-record',
      effect: 'ineligible',
      legalBasis: '政府采购法第二十二条; 政府采购法实施条例第十九条; 财库〔2022〕3号',
      explanation:
        'Administrative penalty by 上海市市场监督管理局 (decision 沪市监处〔2026〕1号, decided 2025-04-01) includes a licence revocation and a fine of ¥2,500,000 (at least ¥2,000,000), a major illegal record within the three years before the deadline.',
      category: 'administrative-penalty',
      recordId: 'p-9',
      authority: '上海市市场监督管理局',
      decisionNumber: '沪市监处〔2026〕1号',
      decidedAt: '2025-04-01',
      validFrom: '2025-04-01',
      penalty: { types: ['fine', 'licence-revocation'], fineAmountCny: 2_500_000 },
      underObjection: false,
    });
    expect(reason).not.toHaveProperty('validTo');
    expect(reason?.penalty?.types).not.toBe(record.penalty?.types);
  });

  test.each<[PenaltyType[], number | undefined, string]>([
    [['suspension-of-business'], undefined, 'includes an order to suspend business,'],
    [['criminal'], undefined, 'includes a criminal punishment,'],
    [['fine'], 2_000_000, 'includes a fine of ¥2,000,000 (at least ¥2,000,000),'],
  ])('major-illegal-record explanation for %j (fine %s)', (types, fineAmountCny, phrase) => {
    const [reason] = judge([general({ types, ...(fineAmountCny !== undefined && { fineAmountCny }) })]).reasons;
    expect(reason?.explanation).toContain(phrase);
  });

  test('serious-penalty-unsettled says which detail is missing', () => {
    const [noDetails] = judge([unsettled()]).reasons;
    expect(noDetails).toMatchObject({
      rule: 'serious-penalty-unsettled',
      effect: 'review',
      legalBasis: LEGAL_BASIS.majorIllegalRecord,
      underObjection: false,
    });
    expect(noDetails).not.toHaveProperty('penalty');
    expect(noDetails?.explanation).toContain('gives no penalty details');

    const [noAmount] = judge([serious({ types: ['fine'] })]).reasons;
    expect(noAmount?.penalty).toEqual({ types: ['fine'] });
    expect(noAmount?.penalty).not.toHaveProperty('fineAmountCny');
    expect(noAmount?.explanation).toContain('imposes a fine without stating its amount');
  });

  test.each<[string, CreditRecord, ProcurementRule, string]>([
    ['dishonesty listing', listed('major-tax-violation'), 'dishonesty-list', LEGAL_BASIS.dishonestyList],
    ['major penalty', major(), 'major-illegal-record', LEGAL_BASIS.majorIllegalRecord],
    ['unsettled serious penalty', unsettled(), 'serious-penalty-unsettled', LEGAL_BASIS.majorIllegalRecord],
  ])('under-objection on a %s names the rule it would trigger', (_, base, original, basis) => {
    const [reason] = judge([{ ...base, objections: [objection(LONG_BEFORE)] }]).reasons;
    expect(reason).toMatchObject({
      rule: 'under-objection',
      effect: 'review',
      legalBasis: basis,
      underObjection: true,
    });
    expect(reason?.explanation).toMatch(/^Under objection at the deadline/);
    expect(reason?.explanation).toContain(`rule ${original}`);
    expect(reason?.explanation.endsWith('.')).toBe(true);
    expect(reason?.explanation).not.toContain('..');
  });

  test('the input is not changed and its order does not matter', () => {
    const records = cases.find((c) => c.name.startsWith('ordered by effect'))?.records ?? [];
    expect(records.length).toBeGreaterThan(0);
    const before = structuredClone(records);
    const forward = judge(records);
    const backward = judge([...records].reverse());
    expect(records).toEqual(before);
    expect(backward).toEqual(forward);
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY])('asOf %s is rejected', (asOf) => {
    expect(() => judgeSupplier([listed()], SUBJECT, asOf)).toThrow(RangeError);
  });

  test('MAJOR_FINE_THRESHOLD_CNY is ¥2,000,000', () => {
    expect(MAJOR_FINE_THRESHOLD_CNY).toBe(2_000_000);
  });
});

describe('withinLookback', () => {
  test.each<[string, string, boolean]>([
    ['2023-03-02', '2026-03-02T23:59:59.999+08:00', true],
    ['2023-03-02', '2026-03-03T00:00:00.000+08:00', false],
    ['2024-02-29', '2027-02-28T23:59:59.999+08:00', true],
    ['2024-02-29', '2027-03-01T00:00:00.000+08:00', false],
    ['2023-12-31', '2026-12-31T23:59:59.999+08:00', true],
    ['2023-12-31', '2027-01-01T00:00:00.000+08:00', false],
    ['2026-03-01', '2026-03-01T00:00:00.000+08:00', true],
  ])('decided %s, as of %s → %s', (decidedAt, asOf, expected) => {
    expect(withinLookback(decidedAt, ms(asOf))).toBe(expected);
  });
});

describe('judgeSupplier: properties', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const iso = (epochMs: number) => new Date(epochMs).toISOString();

  /** `arbitrary` one time in `1 + absentWeight`, otherwise undefined (fc.option would mostly give a value). */
  const rarely = <T>(arbitrary: fc.Arbitrary<T>, absentWeight = 3): fc.Arbitrary<T | undefined> =>
    fc.oneof({ arbitrary: fc.constant(undefined), weight: absentWeight }, { arbitrary, weight: 1 });

  /** Deadlines over 2024–2028, so the three-year window and leap days are crossed. */
  const deadlineArb = fc.integer({ min: ms('2024-01-01T00:00:00+08:00'), max: ms('2028-12-31T23:59:59.999+08:00') });

  /** An instant near the deadline: often within a second of it, otherwise within a year either side. */
  const nearArb = (asOf: number): fc.Arbitrary<number> =>
    fc.oneof(
      fc.constantFrom(-1000, -1, 0, 1, 1000).map((delta) => asOf + delta),
      fc.integer({ min: -365 * DAY_MS, max: 365 * DAY_MS }).map((delta) => asOf + delta),
    );

  /** Penalty details three times in four; at most two types, so non-major penalties are common. */
  const penaltyArb: fc.Arbitrary<CreditRecord['penalty']> = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    {
      arbitrary: fc
        .record({
          types: fc.subarray([...penaltyTypes], { minLength: 1, maxLength: 2 }),
          amount: rarely(fc.constantFrom(0, 50_000, 1_999_999, 2_000_000, 2_000_001, 8_000_000), 1),
        })
        .map(({ types, amount }) =>
          types.includes('fine') && amount !== undefined ? { types, fineAmountCny: amount } : { types },
        ),
      weight: 3,
    },
  );

  const objectionsArb = (asOf: number): fc.Arbitrary<Objection[]> =>
    rarely(
      fc.record({
        raised: nearArb(asOf),
        resolveAfter: rarely(fc.oneof(fc.constantFrom(0, 1, 1000), fc.integer({ min: 0, max: 200 * DAY_MS })), 1),
        outcome: fc.constantFrom<'upheld' | 'rejected'>('upheld', 'rejected', 'rejected'),
      }),
      2,
    ).map((draft) => {
      if (draft === undefined) return [];
      const { raised, resolveAfter, outcome } = draft;
      return [
        resolveAfter === undefined
          ? objection(iso(raised))
          : objection(iso(raised), { resolvedAt: iso(raised + resolveAfter), outcome }),
      ];
    });

  const recordArb = (index: number, asOf: number): fc.Arbitrary<CreditRecord> => {
    const deadlineDay = Math.floor((asOf + 8 * 60 * 60 * 1000) / DAY_MS);
    const dateAt = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
    return fc
      .record({
        other: fc.integer({ min: 0, max: 4 }),
        category: fc.constantFrom(...creditCategories, 'administrative-penalty', 'administrative-penalty'),
        severity: fc.constantFrom(...severities),
        decidedDaysAgo: fc.oneof(
          fc.integer({ min: -20, max: 4 * 366 }),
          fc.constantFrom(3 * 365 - 1, 3 * 365, 3 * 365 + 1, 3 * 366, 3 * 366 + 1),
        ),
        publishDelay: fc.integer({ min: 0, max: 10 }),
        validDays: rarely(fc.integer({ min: 0, max: 4 * 366 }), 1),
        penalty: penaltyArb,
        repairedAt: rarely(nearArb(asOf)),
        revokedAt: rarely(nearArb(asOf), 5),
        objections: objectionsArb(asOf),
      })
      .map((draft) => {
        const decidedDay = deadlineDay - draft.decidedDaysAgo;
        return makeRecord({
          recordId: `r-${index}`,
          subject:
            draft.other === 0
              ? { uscc: OTHER_SUBJECT, name: '别家公司' }
              : { uscc: SUBJECT, name: '上海某某商贸有限公司' },
          category: draft.category,
          severity: draft.severity,
          decidedAt: dateAt(decidedDay),
          validFrom: dateAt(decidedDay + draft.publishDelay),
          validTo:
            draft.validDays === undefined ? undefined : dateAt(decidedDay + draft.publishDelay + draft.validDays),
          penalty: draft.category === 'administrative-penalty' ? draft.penalty : undefined,
          repair: draft.repairedAt === undefined ? undefined : { repairedAt: iso(draft.repairedAt), reason: '修复' },
          revocation: draft.revokedAt === undefined ? undefined : { revokedAt: iso(draft.revokedAt), reason: '撤销' },
          objections: draft.objections,
        });
      });
  };

  /** A deadline and up to eight records of the supplier (one in five of another subject) around it. */
  const scenarioArb: fc.Arbitrary<[CreditRecord[], number]> = deadlineArb.chain((asOf) =>
    fc
      .integer({ min: 0, max: 8 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => recordArb(i, asOf))))
      .map((records): [CreditRecord[], number] => [records, asOf]),
  );

  const rank = (reason: Reason) => (reason.effect === 'ineligible' ? 0 : 1);

  test('the verdict follows the reasons, and every reason is a counting record of the supplier', () => {
    fc.assert(
      fc.property(scenarioArb, ([records, asOf]) => {
        const judgement = judgeSupplier(records, SUBJECT, asOf);
        const counting = new Map(recordsCountingAsOf(records, SUBJECT, asOf).map((c) => [c.record.recordId, c]));

        const anyIneligible = judgement.reasons.some((reason) => reason.effect === 'ineligible');
        expect(judgement.verdict === 'ineligible').toBe(anyIneligible);
        expect(judgement.verdict === 'review').toBe(!anyIneligible && judgement.reasons.length > 0);
        expect(judgement.verdict === 'eligible').toBe(judgement.reasons.length === 0);

        const ids = judgement.reasons.map((reason) => reason.recordId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const reason of judgement.reasons) {
          const entry = counting.get(reason.recordId);
          expect(entry).toBeDefined();
          expect(entry?.record.subject.uscc).toBe(SUBJECT);
          expect(reason.underObjection).toBe(entry?.underObjection);
          expect(reason.rule === 'under-objection').toBe(reason.underObjection);
          expect(reason.effect).toBe(
            reason.rule === 'dishonesty-list' || reason.rule === 'major-illegal-record' ? 'ineligible' : 'review',
          );
          expect(reason.category).toBe(entry?.record.category);
          expect(reason.decidedAt).toBe(entry?.record.decidedAt);
        }

        for (const [left, right] of judgement.reasons.slice(1).map((r, i) => [judgement.reasons[i], r] as const)) {
          if (left === undefined) continue;
          const ordered =
            rank(left) < rank(right) ||
            (rank(left) === rank(right) &&
              (left.decidedAt > right.decidedAt ||
                (left.decidedAt === right.decidedAt && left.recordId < right.recordId)));
          expect(ordered).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  /** The rules restated independently of rules.ts and shared/time.ts, as a model to compare with. */
  function modelRule(record: CreditRecord, disputed: boolean, asOf: number): ProcurementRule | undefined {
    const [year, month, day] = record.decidedAt.split('-').map(Number) as [number, number, number];
    const target = year + 3;
    const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
    const anniversary = `${target}-${String(month).padStart(2, '0')}-${String(month === 2 && day === 29 && !leap ? 28 : day).padStart(2, '0')}`;
    const withinThreeYears = asOf <= ms(`${anniversary}T23:59:59.999+08:00`);
    let rule: ProcurementRule | undefined;
    if (
      ['dishonest-judgment-debtor', 'major-tax-violation', 'procurement-serious-violation'].includes(record.category)
    ) {
      rule = 'dishonesty-list';
    } else if (record.category === 'administrative-penalty' && withinThreeYears) {
      const types = record.penalty?.types ?? [];
      const fine = record.penalty?.fineAmountCny;
      if (
        types.includes('suspension-of-business') ||
        types.includes('licence-revocation') ||
        types.includes('criminal') ||
        (fine !== undefined && fine >= 2_000_000)
      ) {
        rule = 'major-illegal-record';
      } else if (record.severity === 'serious' && (!record.penalty || (types.includes('fine') && fine === undefined))) {
        rule = 'serious-penalty-unsettled';
      }
    }
    return rule !== undefined && disputed ? 'under-objection' : rule;
  }

  test('each counting record gives the reason an independent model of the rules expects', () => {
    fc.assert(
      fc.property(scenarioArb, ([records, asOf]) => {
        const expected = recordsCountingAsOf(records, SUBJECT, asOf)
          .map(({ record, underObjection }) => [record.recordId, modelRule(record, underObjection, asOf)] as const)
          .filter((entry): entry is readonly [string, ProcurementRule] => entry[1] !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1));
        const actual = judgeSupplier(records, SUBJECT, asOf)
          .reasons.map((reason) => [reason.recordId, reason.rule] as const)
          .sort(([a], [b]) => (a < b ? -1 : 1));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('only counting records matter, and their order does not', () => {
    fc.assert(
      fc.property(scenarioArb, ([records, asOf]) => {
        const judgement = judgeSupplier(records, SUBJECT, asOf);
        const countingOnly = recordsCountingAsOf(records, SUBJECT, asOf).map((c) => c.record);
        expect(judgeSupplier(countingOnly, SUBJECT, asOf)).toEqual(judgement);
        expect(judgeSupplier([...records].reverse(), SUBJECT, asOf)).toEqual(judgement);
      }),
      { numRuns: 300 },
    );
  });

  test('clearing objections turns every under-objection reason back into its original rule', () => {
    fc.assert(
      fc.property(scenarioArb, ([records, asOf]) => {
        const judgement = judgeSupplier(records, SUBJECT, asOf);
        const undisputed = records.map((record) => ({
          ...record,
          objections: record.objections.filter((o) => o.outcome === 'upheld'),
        }));
        const plain = judgeSupplier(undisputed, SUBJECT, asOf);
        expect(plain.reasons.every((reason) => reason.rule !== 'under-objection')).toBe(true);
        expect(plain.reasons.map((r) => r.recordId).sort()).toEqual(judgement.reasons.map((r) => r.recordId).sort());
        for (const reason of judgement.reasons.filter((r) => r.rule === 'under-objection')) {
          const original = plain.reasons.find((r) => r.recordId === reason.recordId);
          expect(reason.explanation).toContain(`rule ${original?.rule}`);
          expect(reason.legalBasis).toBe(original?.legalBasis);
        }
      }),
      { numRuns: 300 },
    );
  });
});
