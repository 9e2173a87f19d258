import fc from 'fast-check';
import { type CreditCategory, creditCategories, penaltyTypes, severities } from '../../../shared/credit.js';
import type { CreditRecord, Objection } from '../../platform/public.js';
import { makeRecord, OTHER_SUBJECT, SUBJECT } from '../../platform/testing.js';
import {
  judgeSupplier,
  MAJOR_PENALTY_TYPES,
  type ProcurementRule,
  RULES_VERSION,
  type SupplierJudgement,
  worstVerdict,
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

type Verdict = SupplierJudgement['verdict'];
type Expected = [Verdict, ProcurementRule?];

const judge = (records: readonly CreditRecord[], asOf: string = DEADLINE): SupplierJudgement =>
  judgeSupplier(records, SUBJECT, ms(asOf));

const penalty = (details: CreditRecord['penalty'], overrides: Partial<CreditRecord> = {}): CreditRecord =>
  makeRecord({ category: 'administrative-penalty', penalty: details, ...overrides });
const listed = (category: CreditCategory, overrides: Partial<CreditRecord> = {}): CreditRecord =>
  makeRecord({ category, severity: 'serious', ...overrides });
const major = (overrides: Partial<CreditRecord> = {}) => penalty({ types: ['suspension-of-business'] }, overrides);
const fine = (amount: number | undefined, overrides: Partial<CreditRecord> = {}, threshold?: number) =>
  penalty(
    {
      types: ['fine'],
      ...(amount !== undefined && { fineAmountCny: amount }),
      ...(threshold !== undefined && { majorFineThresholdCny: threshold }),
    },
    overrides,
  );
/** Decided and public from `date`, with no end to its publicity window. */
const decidedOn = (date: string): Partial<CreditRecord> => ({ decidedAt: date, validFrom: date, validTo: undefined });
const repairedAt = (instant: string): Partial<CreditRecord> => ({
  repair: { repairedAt: instant, reason: '整改完毕' },
});
const objection = (
  raisedAt: string,
  resolution?: Pick<Objection, 'resolvedAt' | 'outcome' | 'version'>,
): Objection => ({
  raisedAt,
  reason: '记录有误',
  ...resolution,
});

type Row = [name: string, records: CreditRecord[], asOf: string, expected: Expected];

/** Runs one rule's table: the verdict, and the single reason's rule when there is one. */
function ruleTable(title: string, rows: Row[]) {
  describe(title, () => {
    test.each(rows)('%s', (_name, records, asOf, [verdict, rule]) => {
      const judgement = judge(records, asOf);
      expect(judgement.verdict).toBe(verdict);
      expect(judgement.reasons.map((reason) => reason.rule)).toEqual(rule === undefined ? [] : [rule]);
    });
  });
}

ruleTable('dishonesty-list: listed at the deadline → ineligible (财库〔2016〕125号 二（三）)', [
  [
    'dishonest judgment debtor in force',
    [listed('dishonest-judgment-debtor')],
    DEADLINE,
    ['ineligible', 'dishonesty-list'],
  ],
  [
    'major tax violation subject in force',
    [listed('major-tax-violation')],
    DEADLINE,
    ['ineligible', 'dishonesty-list'],
  ],
  [
    'general severity still counts',
    [listed('major-tax-violation', { severity: 'general' })],
    DEADLINE,
    ['ineligible', 'dishonesty-list'],
  ],
  [
    'listed for more than three years and still in force: no three-year limit',
    [listed('dishonest-judgment-debtor', decidedOn('2020-01-02'))],
    DEADLINE,
    ['ineligible', 'dishonesty-list'],
  ],
  [
    'publicity ends on the deadline day: in',
    [listed('dishonest-judgment-debtor', { validTo: '2026-03-01' })],
    DEADLINE,
    ['ineligible', 'dishonesty-list'],
  ],
  [
    'publicity ended the day before: out',
    [listed('dishonest-judgment-debtor', { validTo: '2026-02-28' })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'public from the deadline day: in',
    [listed('dishonest-judgment-debtor', { decidedAt: '2026-02-27', validFrom: '2026-03-01' })],
    DEADLINE,
    ['ineligible', 'dishonesty-list'],
  ],
  [
    'public from the day after: out',
    [listed('dishonest-judgment-debtor', { decidedAt: '2026-02-27', validFrom: '2026-03-02' })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'repaired one second after the deadline: in',
    [listed('dishonest-judgment-debtor', repairedAt(SECOND_AFTER))],
    DEADLINE,
    ['ineligible', 'dishonesty-list'],
  ],
  [
    'repaired one second before the deadline: out',
    [listed('dishonest-judgment-debtor', repairedAt(SECOND_BEFORE))],
    DEADLINE,
    ['eligible'],
  ],
  [
    "another subject's listing is ignored",
    [listed('dishonest-judgment-debtor', { subject: { uscc: OTHER_SUBJECT, name: '别家公司' } })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'a commendation or a credit commitment gives nothing',
    [listed('commendation'), listed('credit-commitment', { recordId: 'r-2' })],
    DEADLINE,
    ['eligible'],
  ],
]);

ruleTable('procurement-ban: the ban ends on banEndsOn, not with publicity (实施条例第十九条第二款)', [
  [
    'ban ends on the deadline day: in',
    [listed('procurement-serious-violation', { banEndsOn: '2026-03-01' })],
    DEADLINE,
    ['ineligible', 'procurement-ban'],
  ],
  [
    'ban ended the day before, entry still published: out',
    [listed('procurement-serious-violation', { banEndsOn: '2026-02-28' })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'publicity ended, ban runs on: in',
    [listed('procurement-serious-violation', { validTo: '2026-02-20', banEndsOn: '2026-12-31' })],
    DEADLINE,
    ['ineligible', 'procurement-ban'],
  ],
  [
    'no banEndsOn, publicity ends on the deadline day: in',
    [listed('procurement-serious-violation', { validTo: '2026-03-01' })],
    DEADLINE,
    ['ineligible', 'procurement-ban'],
  ],
  [
    'no banEndsOn, publicity ended the day before: out',
    [listed('procurement-serious-violation', { validTo: '2026-02-28' })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'no banEndsOn and no end of publicity: in',
    [listed('procurement-serious-violation', { validTo: undefined })],
    DEADLINE,
    ['ineligible', 'procurement-ban'],
  ],
  [
    'repaired one second before the deadline: out',
    [listed('procurement-serious-violation', { banEndsOn: '2026-12-31', ...repairedAt(SECOND_BEFORE) })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'repaired one second after the deadline: in',
    [listed('procurement-serious-violation', { banEndsOn: '2026-12-31', ...repairedAt(SECOND_AFTER) })],
    DEADLINE,
    ['ineligible', 'procurement-ban'],
  ],
  [
    'not yet public at the deadline: out',
    [
      listed('procurement-serious-violation', {
        decidedAt: '2026-02-27',
        validFrom: '2026-03-02',
        banEndsOn: '2027-02-27',
      }),
    ],
    DEADLINE,
    ['eligible'],
  ],
]);

ruleTable(
  'major-illegal-record by penalty type → ineligible (政府采购法第二十二条, 实施条例第十九条, 行政处罚法第九条)',
  [
    ...MAJOR_PENALTY_TYPES.map(
      (type): Row => [type, [penalty({ types: [type] })], DEADLINE, ['ineligible', 'major-illegal-record']],
    ),
    ...(
      [
        'warning',
        'public-criticism',
        'confiscation',
        'licence-suspension',
        'qualification-downgrade',
        'detention',
      ] as const
    ).map((type): Row => [`${type} is not major`, [penalty({ types: [type] })], DEADLINE, ['eligible']]),
    [
      'a major type next to a fine without amount is major',
      [penalty({ types: ['fine', 'closure'] })],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'decided 2023-03-02, deadline 2026-03-02 23:59:59.999 +08:00: within three years',
      [major(decidedOn('2023-03-02'))],
      '2026-03-02T23:59:59.999+08:00',
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'decided 2023-03-02, deadline 2026-03-03 00:00 +08:00: outside (民法典第二百零一条)',
      [major(decidedOn('2023-03-02'))],
      '2026-03-03T00:00:00+08:00',
      ['eligible'],
    ],
    [
      'decided 2024-02-29, deadline 2027-02-28 23:59:59.999 +08:00: within',
      [major(decidedOn('2024-02-29'))],
      '2027-02-28T23:59:59.999+08:00',
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'decided 2024-02-29, deadline 2027-03-01 00:00 +08:00: outside',
      [major(decidedOn('2024-02-29'))],
      '2027-03-01T00:00:00+08:00',
      ['eligible'],
    ],
  ],
);

ruleTable(
  'major-illegal-record by fine: ¥2,000,000 inclusive, or the department’s higher amount (财库〔2022〕3号 第一条)',
  [
    ['¥2,000,000 exactly', [fine(2_000_000)], DEADLINE, ['ineligible', 'major-illegal-record']],
    ['¥1,999,999.99', [fine(1_999_999.99)], DEADLINE, ['eligible']],
    [
      'general severity does not lower a large fine',
      [fine(8_000_000, { severity: 'general' })],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'department threshold ¥5,000,000: ¥5,000,000 exactly',
      [fine(5_000_000, {}, 5_000_000)],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'department threshold ¥5,000,000: ¥4,999,999.99 is not large although above ¥2,000,000',
      [fine(4_999_999.99, {}, 5_000_000)],
      DEADLINE,
      ['eligible'],
    ],
    [
      'decided 2022-02-08 (in force): ¥2,000,000 is large',
      [fine(2_000_000, decidedOn('2022-02-08'))],
      '2025-01-01T00:00:00+08:00',
      ['ineligible', 'major-illegal-record'],
    ],
  ],
);

ruleTable(
  'major-illegal-record-not-counting: the penalty fact still matters → review (实施条例第十九条, 36号令第三条)',
  [
    [
      'repaired one second before the deadline',
      [major(repairedAt(SECOND_BEFORE))],
      DEADLINE,
      ['review', 'major-illegal-record-not-counting'],
    ],
    [
      'repaired one second after the deadline still counts',
      [major(repairedAt(SECOND_AFTER))],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'publicity ended the day before the deadline',
      [major({ validTo: '2026-02-28' })],
      DEADLINE,
      ['review', 'major-illegal-record-not-counting'],
    ],
    [
      'publicity ends on the deadline day still counts',
      [major({ validTo: '2026-03-01' })],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'decided before the deadline, public only after it',
      [major({ decidedAt: '2026-02-27', validFrom: '2026-03-02' })],
      DEADLINE,
      ['review', 'major-illegal-record-not-counting'],
    ],
    [
      'repaired and decided 2023-03-02, deadline 2026-03-02 23:59:59.999 +08:00: within',
      [major({ ...decidedOn('2023-03-02'), ...repairedAt('2024-01-01T00:00:00+08:00') })],
      '2026-03-02T23:59:59.999+08:00',
      ['review', 'major-illegal-record-not-counting'],
    ],
    [
      'repaired and decided 2023-03-02, deadline 2026-03-03 00:00 +08:00: outside',
      [major({ ...decidedOn('2023-03-02'), ...repairedAt('2024-01-01T00:00:00+08:00') })],
      '2026-03-03T00:00:00+08:00',
      ['eligible'],
    ],
    [
      'a repaired large fine',
      [fine(3_000_000, repairedAt(SECOND_BEFORE))],
      DEADLINE,
      ['review', 'major-illegal-record-not-counting'],
    ],
  ],
);

ruleTable('fine-amount-missing: a fine without amount → review whatever its severity (财库〔2022〕3号, DOMAIN.md)', [
  [
    'general fine without amount',
    [fine(undefined, { severity: 'general' })],
    DEADLINE,
    ['review', 'fine-amount-missing'],
  ],
  [
    'serious fine without amount',
    [fine(undefined, { severity: 'serious' })],
    DEADLINE,
    ['review', 'fine-amount-missing'],
  ],
  [
    'repaired fine without amount',
    [fine(undefined, repairedAt(SECOND_BEFORE))],
    DEADLINE,
    ['review', 'fine-amount-missing'],
  ],
  [
    'decided 2023-03-02, deadline 2026-03-02 23:59:59.999 +08:00: within',
    [fine(undefined, decidedOn('2023-03-02'))],
    '2026-03-02T23:59:59.999+08:00',
    ['review', 'fine-amount-missing'],
  ],
  [
    'decided 2023-03-02, deadline 2026-03-03 00:00 +08:00: outside',
    [fine(undefined, decidedOn('2023-03-02'))],
    '2026-03-03T00:00:00+08:00',
    ['eligible'],
  ],
]);

ruleTable('fine-before-national-threshold: fines decided before 2022-02-08 → review (财库〔2022〕3号 第二条)', [
  [
    '¥3,000,000 decided 2022-02-07',
    [fine(3_000_000, decidedOn('2022-02-07'))],
    '2025-01-01T00:00:00+08:00',
    ['review', 'fine-before-national-threshold'],
  ],
  [
    '¥100 decided 2022-02-07',
    [fine(100, decidedOn('2022-02-07'))],
    '2025-01-01T00:00:00+08:00',
    ['review', 'fine-before-national-threshold'],
  ],
  [
    '¥100 decided 2022-02-08 is settled',
    [fine(100, decidedOn('2022-02-08'))],
    '2025-01-01T00:00:00+08:00',
    ['eligible'],
  ],
  [
    'decided 2022-02-07 reaching the department’s own amount is major',
    [fine(6_000_000, decidedOn('2022-02-07'), 5_000_000)],
    '2025-01-01T00:00:00+08:00',
    ['ineligible', 'major-illegal-record'],
  ],
]);

ruleTable('penalty-details-missing: a penalty without types → review (实施条例第十九条, 行政处罚法第九条)', [
  ['general penalty without details', [penalty(undefined)], DEADLINE, ['review', 'penalty-details-missing']],
  [
    'decided 2023-03-02, deadline 2026-03-02 23:59:59.999 +08:00: within',
    [penalty(undefined, decidedOn('2023-03-02'))],
    '2026-03-02T23:59:59.999+08:00',
    ['review', 'penalty-details-missing'],
  ],
  [
    'decided 2023-03-02, deadline 2026-03-03 00:00 +08:00: outside',
    [penalty(undefined, decidedOn('2023-03-02'))],
    '2026-03-03T00:00:00+08:00',
    ['eligible'],
  ],
]);

ruleTable(
  'decided-on-deadline-day: dated, not timed → review unless the instant is known (民法典第二百零一条, DOMAIN.md)',
  [
    [
      'major decided on the deadline day, no instant',
      [major(decidedOn('2026-03-01'))],
      DEADLINE,
      ['review', 'decided-on-deadline-day'],
    ],
    [
      'major decided one second before the deadline',
      [major({ ...decidedOn('2026-03-01'), decisionInstant: SECOND_BEFORE })],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'major decided at the deadline instant itself',
      [major({ ...decidedOn('2026-03-01'), decisionInstant: DEADLINE })],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    [
      'major decided one second after the deadline',
      [major({ ...decidedOn('2026-03-01'), decisionInstant: SECOND_AFTER })],
      DEADLINE,
      ['eligible'],
    ],
    [
      'major decided the day before, no instant',
      [major(decidedOn('2026-02-28'))],
      DEADLINE,
      ['ineligible', 'major-illegal-record'],
    ],
    ['major decided the day after', [major(decidedOn('2026-03-02'))], DEADLINE, ['eligible']],
    [
      'listing decided on the deadline day, no instant',
      [listed('dishonest-judgment-debtor', decidedOn('2026-03-01'))],
      DEADLINE,
      ['review', 'decided-on-deadline-day'],
    ],
    [
      'a warning decided on the deadline day gives nothing',
      [penalty({ types: ['warning'] }, decidedOn('2026-03-01'))],
      DEADLINE,
      ['eligible'],
    ],
  ],
);

ruleTable('never counting: revoked, or the version withdrawn by an upheld objection (docs/decisions.md #2, #3)', [
  [
    'major revoked after the deadline',
    [major({ revocation: { revokedAt: SECOND_AFTER, reason: '撤销' } })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'repaired major revoked',
    [major({ ...repairedAt(SECOND_BEFORE), revocation: { revokedAt: SECOND_AFTER, reason: '撤销' } })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'objection upheld against the current version',
    [major({ objections: [objection(SECOND_BEFORE, { version: 1, resolvedAt: SECOND_AFTER, outcome: 'upheld' })] })],
    DEADLINE,
    ['eligible'],
  ],
  [
    'objection upheld against version 1, corrected version 2 counts',
    [
      major({
        version: 2,
        objections: [objection(SECOND_BEFORE, { version: 1, resolvedAt: SECOND_AFTER, outcome: 'upheld' })],
      }),
    ],
    DEADLINE,
    ['ineligible', 'major-illegal-record'],
  ],
]);

describe('disputed: an objection does not suspend a record (行政处罚法第七十三条)', () => {
  test.each<[string, Objection[], boolean]>([
    ['objection raised one second before the deadline, open', [objection(SECOND_BEFORE)], true],
    ['objection raised exactly at the deadline', [objection(DEADLINE)], true],
    ['objection raised one second after the deadline', [objection(SECOND_AFTER)], false],
    [
      'objection rejected one second before the deadline',
      [objection('2026-02-01T00:00:00+08:00', { resolvedAt: SECOND_BEFORE, outcome: 'rejected' })],
      false,
    ],
    [
      'objection rejected one second after the deadline',
      [objection('2026-02-01T00:00:00+08:00', { resolvedAt: SECOND_AFTER, outcome: 'rejected' })],
      true,
    ],
  ])('%s', (_name, objections, disputed) => {
    for (const record of [listed('dishonest-judgment-debtor', { objections }), major({ objections })]) {
      const judgement = judge([record]);
      expect(judgement.verdict).toBe('ineligible');
      expect(judgement.reasons[0]?.disputed).toBe(disputed);
      expect(judgement.reasons[0]?.citations.some((c) => c.article === '第七十三条')).toBe(disputed);
    }
  });
});

describe('reason contents', () => {
  test('a major penalty names its facts in Chinese and English, with its citations and the record', () => {
    const record = fine(2_500_000, {
      recordId: 'r-9',
      authority: '上海市应急管理局',
      decisionNumber: '沪应急罚〔2026〕9号',
      penalty: { types: ['fine', 'licence-revocation'], fineAmountCny: 2_500_000 },
    });
    const [reason] = judge([record]).reasons;
    expect(reason).toMatchObject({
      rule: 'major-illegal-record',
      effect: 'ineligible',
      recordId: 'r-9',
      version: 1,
      authority: '上海市应急管理局',
      decisionNumber: '沪应急罚〔2026〕9号',
      decidedAt: '2026-01-05',
      validFrom: '2026-01-10',
      validTo: '2026-06-30',
      penalty: { types: ['fine', 'licence-revocation'], fineAmountCny: 2_500_000 },
      disputed: false,
    });
    expect(reason?.explanation.zh).toContain('吊销许可证件、罚款¥2,500,000（不低于¥2,000,000）');
    expect(reason?.explanation.en).toContain('a licence revocation and a fine of ¥2,500,000 (at least ¥2,000,000)');
    expect(reason?.citations.map((c) => `${c.document} ${c.article}`)).toEqual([
      '中华人民共和国政府采购法 第二十二条第一款第（五）项',
      '中华人民共和国政府采购法实施条例 第十九条第一款',
      '中华人民共和国行政处罚法 第九条',
      '财库〔2022〕3号 第一条',
      '财库〔2022〕3号 第二条',
    ]);
  });

  test('every rule explains itself in both languages and cites at least one source', () => {
    const records = [
      listed('dishonest-judgment-debtor', { recordId: 'a' }),
      listed('procurement-serious-violation', { recordId: 'b' }),
      major({ recordId: 'c' }),
      major({ recordId: 'd', ...repairedAt(SECOND_BEFORE) }),
      fine(undefined, { recordId: 'e' }),
      fine(100, { recordId: 'f', ...decidedOn('2022-02-07') }),
      penalty(undefined, { recordId: 'g' }),
      major({ recordId: 'h', ...decidedOn('2025-01-01') }),
    ];
    const rules = new Set<ProcurementRule>();
    for (const asOf of [DEADLINE, '2025-01-01T12:00:00+08:00']) {
      for (const reason of judge(records, asOf).reasons) {
        rules.add(reason.rule);
        expect(reason.explanation.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(reason.explanation.en).toMatch(/^[A-Z]/);
        expect(reason.citations.length).toBeGreaterThan(0);
      }
    }
    expect(rules.size).toBe(8);
  });

  test('a review on the deadline day says which rule would apply had the decision come first', () => {
    const [reason] = judge([major(decidedOn('2026-03-01'))]).reasons;
    expect(reason?.explanation.en).toContain('rule major-illegal-record (ineligible) applies');
    expect(reason?.citations.some((c) => c.document === '中华人民共和国民法典')).toBe(true);
  });

  test('reasons come ineligible first, then newest decision first, then by record id', () => {
    const judgement = judge([
      fine(undefined, { recordId: 'x', decidedAt: '2026-01-20', validFrom: '2026-01-20' }),
      major({ recordId: 'b' }),
      major({ recordId: 'a' }),
      listed('major-tax-violation', { recordId: 'z', decidedAt: '2025-01-01', validFrom: '2025-01-01' }),
    ]);
    expect(judgement.reasons.map((reason) => reason.recordId)).toEqual(['a', 'b', 'z', 'x']);
  });

  test('the rules version is v2 and asOf must be finite', () => {
    expect(RULES_VERSION).toBe('procurement-rules/2026.2');
    expect(() => judgeSupplier([], SUBJECT, Number.NaN)).toThrow(RangeError);
  });

  test('worstVerdict: ineligible over review over eligible', () => {
    expect(worstVerdict([])).toBe('eligible');
    expect(worstVerdict(['eligible', 'review'])).toBe('review');
    expect(worstVerdict(['review', 'ineligible', 'eligible'])).toBe('ineligible');
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
          amount: rarely(fc.constantFrom(0, 50_000, 1_999_999, 2_000_000, 2_000_001, 5_000_000, 8_000_000), 1),
          threshold: rarely(fc.constantFrom(5_000_000, 3_000_000)),
        })
        .map(({ types, amount, threshold }) =>
          types.includes('fine')
            ? {
                types,
                ...(amount !== undefined && { fineAmountCny: amount }),
                ...(threshold !== undefined && { majorFineThresholdCny: threshold }),
              }
            : { types },
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
        instantOffset: rarely(fc.integer({ min: 0, max: DAY_MS - 1 })),
        banDays: rarely(fc.integer({ min: 0, max: 3 * 366 }), 1),
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
          decisionInstant:
            draft.instantOffset === undefined
              ? undefined
              : iso(decidedDay * DAY_MS - 8 * 60 * 60 * 1000 + draft.instantOffset),
          banEndsOn:
            draft.category === 'procurement-serious-violation' && draft.banDays !== undefined
              ? dateAt(decidedDay + draft.banDays)
              : undefined,
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

  test('the verdict is the worst effect of the reasons, one reason per record of the supplier that ever counted', () => {
    fc.assert(
      fc.property(scenarioArb, ([records, asOf]) => {
        const judgement = judgeSupplier(records, SUBJECT, asOf);
        expect(judgement.verdict).toBe(worstVerdict(judgement.reasons.map((reason) => reason.effect)));
        const ids = judgement.reasons.map((reason) => reason.recordId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const reason of judgement.reasons) {
          const record = records.find((candidate) => candidate.recordId === reason.recordId);
          expect(record?.subject.uscc).toBe(SUBJECT);
          expect(record?.revocation).toBeUndefined();
          expect(record?.objections.some((o) => o.outcome === 'upheld')).toBe(false);
          expect(reason.citations.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('adding a disputed flag never changes a verdict (行政处罚法第七十三条)', () => {
    const withDisputes = scenarioArb.chain(([records, asOf]) =>
      fc
        .array(fc.boolean(), { minLength: records.length, maxLength: records.length })
        .map((dispute): [CreditRecord[], CreditRecord[], number] => [
          records,
          records.map((record, index) =>
            dispute[index] && record.objections.every((o) => o.resolvedAt !== undefined)
              ? { ...record, objections: [...record.objections, objection(iso(asOf - DAY_MS))] }
              : record,
          ),
          asOf,
        ]),
    );
    fc.assert(
      fc.property(withDisputes, ([plain, disputed, asOf]) => {
        const before = judgeSupplier(plain, SUBJECT, asOf);
        const after = judgeSupplier(disputed, SUBJECT, asOf);
        expect(after.verdict).toBe(before.verdict);
        const effects = (judgement: SupplierJudgement) =>
          judgement.reasons.map(({ recordId, rule, effect }) => [recordId, rule, effect]);
        expect(effects(after)).toEqual(effects(before));
      }),
      { numRuns: 500 },
    );
  });

  test('the order of the records does not matter', () => {
    fc.assert(
      fc.property(scenarioArb, ([records, asOf]) => {
        expect(judgeSupplier([...records].reverse(), SUBJECT, asOf)).toEqual(judgeSupplier(records, SUBJECT, asOf));
      }),
      { numRuns: 300 },
    );
  });
});
