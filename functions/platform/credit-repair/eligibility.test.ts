import fc from 'fast-check';
import { failureClasses, penaltyTypes } from '../../../shared/credit.js';
import { DomainError } from '../../../shared/domain-errors.js';
import { addDays, startOfShanghaiDay } from '../../../shared/time.js';
import type { CreditRecord } from '../credit-records/model.js';
import { makeRecord, thrown } from '../credit-records/test-records.js';
import { type RepairEligibility, repairEligibility } from './eligibility.js';

/** An instant written in Shanghai time, parsed independently of shared/time.ts. */
const sh = (local: string) => Date.parse(`${local}+08:00`);
const lastInstantOf = (date: string) => sh(`${date}T23:59:59.999`);
const firstInstantOf = (date: string) => sh(`${date}T00:00:00.000`);

const penalty = (decidedAt: string, overrides: Partial<CreditRecord> = {}): CreditRecord =>
  makeRecord({ decidedAt, validFrom: decidedAt, validTo: undefined, penalty: { types: ['fine'] }, ...overrides });
const warning = (decidedAt: string, overrides: Partial<CreditRecord> = {}) =>
  penalty(decidedAt, { penalty: { types: ['warning'] }, ...overrides });

const minimumCondition = (result: RepairEligibility) =>
  result.conditions.find((condition) => condition.id === 'minimum-period-served')?.state;

type Row = {
  name: string;
  record: CreditRecord;
  asOf: number;
  regime: 'ndrc-order-58' | 'ndrc-order-36';
  status: RepairEligibility['status'];
  earliest?: string;
};

/* Each boundary is pinned on both sides: the last instant before it and the first at it. */
const table: Row[] = [
  // 36号令 一般失信信息: 3 months from the decision (民法典 art. 201–202: the day after the corresponding day).
  {
    name: '36号令 general fine, last instant of the 3-month minimum → waiting',
    record: penalty('2026-04-10'),
    asOf: lastInstantOf('2026-07-10'),
    regime: 'ndrc-order-36',
    status: 'waiting',
    earliest: '2026-07-11',
  },
  {
    name: '36号令 general fine, first instant after the 3-month minimum → repairable',
    record: penalty('2026-04-10'),
    asOf: firstInstantOf('2026-07-11'),
    regime: 'ndrc-order-36',
    status: 'repairable',
    earliest: '2026-07-11',
  },
  // 36号令 严重失信信息: 1 year.
  {
    name: '36号令 serious (licence revocation), last instant of the 1-year minimum → waiting',
    record: penalty('2026-04-15', { penalty: { types: ['licence-revocation'] } }),
    asOf: lastInstantOf('2027-04-15'),
    regime: 'ndrc-order-36',
    status: 'waiting',
    earliest: '2027-04-16',
  },
  {
    name: '36号令 serious (licence revocation), first instant after the 1-year minimum → repairable',
    record: penalty('2026-04-15', { penalty: { types: ['licence-revocation'] } }),
    asOf: firstInstantOf('2027-04-16'),
    regime: 'ndrc-order-36',
    status: 'repairable',
    earliest: '2027-04-16',
  },
  // 36号令 轻微失信信息: no minimum, repairable from the decision day on.
  {
    name: '36号令 minor (warning), the instant before its decision day → waiting',
    record: warning('2026-05-01'),
    asOf: lastInstantOf('2026-04-30'),
    regime: 'ndrc-order-36',
    status: 'waiting',
    earliest: '2026-05-01',
  },
  {
    name: '36号令 minor (warning), from its decision day → repairable',
    record: warning('2026-05-01'),
    asOf: firstInstantOf('2026-05-01'),
    regime: 'ndrc-order-36',
    status: 'repairable',
    earliest: '2026-05-01',
  },
  // 民法典 art. 202: no corresponding day → the month's last day is the period's last day.
  {
    name: '36号令 general decided 30 Nov, 3 months end 28 Feb (民法典 art. 202) → waiting on 28 Feb',
    record: penalty('2026-11-30'),
    asOf: lastInstantOf('2027-02-28'),
    regime: 'ndrc-order-36',
    status: 'waiting',
    earliest: '2027-03-01',
  },
  {
    name: '36号令 general decided 30 Nov, repairable on 1 March (民法典 art. 202)',
    record: penalty('2026-11-30'),
    asOf: firstInstantOf('2027-03-01'),
    regime: 'ndrc-order-36',
    status: 'repairable',
    earliest: '2027-03-01',
  },
  // 2026-04-01: 58号令 gives way to 36号令. A penalty labelled serious: 3 months under 58, 1 year under 36.
  {
    name: '58号令 until 2026-03-31: a serious-labelled fine of 2025-10-15 is past its 3-month minimum → repairable',
    record: penalty('2025-10-15', { severity: 'serious' }),
    asOf: lastInstantOf('2026-03-31'),
    regime: 'ndrc-order-58',
    status: 'repairable',
    earliest: '2026-01-16',
  },
  {
    name: '36号令 from 2026-04-01: the same fine is serious information, 1-year minimum → waiting',
    record: penalty('2025-10-15', { severity: 'serious' }),
    asOf: firstInstantOf('2026-04-01'),
    regime: 'ndrc-order-36',
    status: 'waiting',
    earliest: '2026-10-16',
  },
  // A warning: 3 months under 58号令, none under 36号令.
  {
    name: '58号令 until 2026-03-31: a warning of 2026-03-20 must wait 3 months → waiting',
    record: warning('2026-03-20'),
    asOf: lastInstantOf('2026-03-31'),
    regime: 'ndrc-order-58',
    status: 'waiting',
    earliest: '2026-06-21',
  },
  {
    name: '36号令 from 2026-04-01: the same warning is minor information → repairable',
    record: warning('2026-03-20'),
    asOf: firstInstantOf('2026-04-01'),
    regime: 'ndrc-order-36',
    status: 'repairable',
    earliest: '2026-03-20',
  },
  // 58号令 3-month minimum, month-end (民法典 art. 202).
  {
    name: '58号令 fine decided 2025-11-30: 3 months end 2026-02-28 → waiting that day',
    record: penalty('2025-11-30'),
    asOf: lastInstantOf('2026-02-28'),
    regime: 'ndrc-order-58',
    status: 'waiting',
    earliest: '2026-03-01',
  },
  {
    name: '58号令 fine decided 2025-11-30: repairable from 2026-03-01',
    record: penalty('2025-11-30'),
    asOf: firstInstantOf('2026-03-01'),
    regime: 'ndrc-order-58',
    status: 'repairable',
    earliest: '2026-03-01',
  },
  // 政府采购法实施条例 art. 19: not before the ban ends.
  {
    name: '实施条例 art. 19: procurement ban, its last day → waiting',
    record: makeRecord({
      category: 'procurement-serious-violation',
      decidedAt: '2026-07-01',
      validFrom: '2026-07-01',
      validTo: '2029-06-30',
      banEndsOn: '2027-06-30',
    }),
    asOf: lastInstantOf('2027-06-30'),
    regime: 'ndrc-order-36',
    status: 'waiting',
    earliest: '2027-07-01',
  },
  {
    name: '实施条例 art. 19: procurement ban, the day after it ends → repairable through the listing authority',
    record: makeRecord({
      category: 'procurement-serious-violation',
      decidedAt: '2026-07-01',
      validFrom: '2026-07-01',
      validTo: '2029-06-30',
      banEndsOn: '2027-06-30',
    }),
    asOf: firstInstantOf('2027-07-01'),
    regime: 'ndrc-order-36',
    status: 'repairable',
    earliest: '2027-07-01',
  },
  {
    name: '实施条例 art. 19: a ban without banEndsOn ends with publicity: the next day publicity has ended',
    record: makeRecord({
      category: 'procurement-serious-violation',
      decidedAt: '2026-07-01',
      validFrom: '2026-07-01',
      validTo: '2027-12-31',
    }),
    asOf: firstInstantOf('2028-01-01'),
    regime: 'ndrc-order-36',
    status: 'publicity-ended',
    earliest: '2028-01-01',
  },
];

test.each(table)('$name', ({ record, asOf, regime, status, earliest }) => {
  const result = repairEligibility(record, asOf);
  expect({ regime: result.regime.id, status: result.status, earliest: result.earliestApplicationDate }).toEqual({
    regime,
    status,
    earliest,
  });
  expect(result.repairable).toBe(status === 'repairable');
});

describe('58号令 sector minimum (food, drugs, special equipment, work safety, fire: 1 year)', () => {
  const record = penalty('2025-01-10');
  const sector = (asOf: number) =>
    repairEligibility(record, asOf).conditions.find((condition) => condition.id === 'sector-minimum-period-served');

  test('58号令: before the 1-year sector minimum the applicant shows the penalty is outside those sectors', () => {
    const before = sector(lastInstantOf('2026-01-10'));
    expect(before?.state).toBe('applicant-to-show');
    expect(before?.text).toContain('2026-01-11');
    expect(repairEligibility(record, lastInstantOf('2026-01-10')).status).toBe('repairable');
  });
  test('58号令: from the day after the 1-year sector minimum the condition is met', () => {
    expect(sector(firstInstantOf('2026-01-11'))?.state).toBe('met');
  });
  test('58号令 has no classes; maximum publicity is 3 years from the decision', () => {
    const result = repairEligibility(record, firstInstantOf('2026-01-11'));
    expect(result.failureClass).toBeUndefined();
    expect(result.publicity?.maximum).toEqual({ months: 36, lastDay: '2028-01-10' });
    expect(result.publicity?.sectorMinimum).toMatchObject({ months: 12, lastDay: '2026-01-10' });
  });
});

describe('the regime switches at 2026-04-01 00:00 Shanghai time', () => {
  const record = penalty('2026-01-05');
  test('2026-03-31T15:59:59.999Z is still 58号令', () => {
    expect(repairEligibility(record, Date.parse('2026-03-31T15:59:59.999Z')).regime.id).toBe('ndrc-order-58');
  });
  test('2026-03-31T16:00:00Z is 36号令', () => {
    expect(repairEligibility(record, Date.parse('2026-03-31T16:00:00Z')).regime.id).toBe('ndrc-order-36');
  });
  test('before 58号令 took effect (2023-05-01) asOf is refused, naming asOf', () => {
    const error = thrown(() => repairEligibility(record, lastInstantOf('2023-04-30'))) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.fields?.map((field) => field.path)).toEqual(['asOf']);
    expect(repairEligibility(record, firstInstantOf('2023-05-01')).regime.id).toBe('ndrc-order-58');
  });
});

describe('36号令 class: the authority decides; otherwise derived from the record', () => {
  const asOf = firstInstantOf('2026-11-01');
  const classOf = (overrides: Partial<CreditRecord>) => repairEligibility(penalty('2026-10-01', overrides), asOf);
  test.each([
    [['warning'], 'general', 'minor'],
    [['public-criticism', 'warning'], 'general', 'minor'],
    [['warning', 'fine'], 'general', 'general'],
    [['fine'], 'general', 'general'],
    [['confiscation'], 'general', 'general'],
    [['suspension-of-business'], 'general', 'general'],
    [['licence-revocation'], 'general', 'serious'],
    [['practice-restriction', 'fine'], 'general', 'serious'],
    [['closure'], 'general', 'serious'],
    [['warning'], 'serious', 'serious'],
  ] as const)('types %j, severity %s → %s', (types, severity, expected) => {
    const result = classOf({ penalty: { types: [...types] }, severity });
    expect(result.failureClass).toMatchObject({ value: expected, source: 'derived' });
  });
  test('a very large fine is general unless the authority classes it serious (36号令 sets no amount)', () => {
    expect(classOf({ penalty: { types: ['fine'], fineAmountCny: 50_000_000 } }).failureClass?.value).toBe('general');
    expect(
      classOf({ penalty: { types: ['fine'], fineAmountCny: 50_000_000 }, failureClass: 'serious' }).failureClass,
    ).toMatchObject({ value: 'serious', source: 'authority' });
  });
  test("the authority's class prevails over the derivation, both ways", () => {
    expect(classOf({ penalty: { types: ['licence-revocation'] }, failureClass: 'general' }).failureClass?.value).toBe(
      'general',
    );
    expect(classOf({ penalty: { types: ['warning'] }, failureClass: 'general' }).publicity?.minimum.months).toBe(3);
  });
  test('36号令 periods per class: minor 0–3 months, general 3–12, serious 12–36', () => {
    const periods = failureClasses.map((value) => {
      const { publicity } = classOf({ failureClass: value });
      return [value, publicity?.minimum.months, publicity?.maximum.months];
    });
    expect(periods).toEqual([
      ['minor', 0, 3],
      ['general', 3, 12],
      ['serious', 12, 36],
    ]);
  });
});

describe('a window longer than the regime allows (36号令: general at most 1 year) is flagged, not cut', () => {
  const record = penalty('2026-04-10', { validTo: '2029-04-09' });
  test('36号令: on the last day of the 1-year maximum it is within it', () => {
    const result = repairEligibility(record, lastInstantOf('2027-04-10'));
    expect(result.publicity).toMatchObject({ maximum: { months: 12, lastDay: '2027-04-10' }, beyondMaximum: false });
  });
  test('36号令: from the next day it is beyond the maximum, still published by the authority and repairable', () => {
    const result = repairEligibility(record, firstInstantOf('2027-04-11'));
    expect(result.publicity?.beyondMaximum).toBe(true);
    expect(result.status).toBe('repairable');
  });
  test('a record no longer published is never flagged', () => {
    const ended = penalty('2026-04-10', { validTo: '2026-12-31' });
    expect(repairEligibility(ended, firstInstantOf('2027-04-11')).publicity?.beyondMaximum).toBe(false);
  });
});

describe('categories that are not repaired through this procedure', () => {
  const asOf = firstInstantOf('2026-11-01');
  test('a dishonest judgment debtor is deleted by the court once the debt is paid', () => {
    const result = repairEligibility(makeRecord({ category: 'dishonest-judgment-debtor', validTo: undefined }), asOf);
    expect(result).toMatchObject({ procedure: 'court-deletion', status: 'not-applicable', repairable: false });
    expect(result.conditions.map((condition) => [condition.id, condition.state])).toEqual([
      ['court-deletes', 'applicant-to-show'],
    ]);
    expect(result.citations[0]?.article).toBe('第十条');
  });
  test.each(['administrative-license', 'commendation', 'credit-commitment'] as const)(
    '%s is not failure information (36号令 art. 4)',
    (category) => {
      const result = repairEligibility(makeRecord({ category, validTo: undefined }), asOf);
      expect(result).toMatchObject({ procedure: 'not-failure-information', status: 'not-applicable', conditions: [] });
      expect(result.citations[0]?.article).toBe('第四条');
    },
  );
  test('a major tax violation is removed by the tax authority that listed it', () => {
    const result = repairEligibility(makeRecord({ category: 'major-tax-violation', validTo: undefined }), asOf);
    expect(result).toMatchObject({ procedure: 'listing-authority', status: 'repairable' });
    expect(result.failureClass?.value).toBe('serious');
    expect(result.earliestApplicationDate).toBeUndefined();
  });
});

describe('the lifecycle decides first', () => {
  const asOf = firstInstantOf('2026-11-01');
  test('a repaired record is repaired from its repair instant on', () => {
    const record = penalty('2026-04-10', { repair: { repairedAt: '2026-10-01T10:00:00+08:00', reason: '已整改' } });
    expect(repairEligibility(record, sh('2026-10-01T09:59:59')).status).toBe('repairable');
    expect(repairEligibility(record, sh('2026-10-01T10:00:00')).status).toBe('repaired');
  });
  test('a record whose publicity window ended needs no repair', () => {
    expect(repairEligibility(penalty('2026-04-10', { validTo: '2026-10-31' }), asOf).status).toBe('publicity-ended');
  });
  test('a revoked record has nothing to repair and shows no details', () => {
    const record = penalty('2026-04-10', { revocation: { revokedAt: '2026-05-01T00:00:00+08:00', reason: '撤销' } });
    const result = repairEligibility(record, asOf);
    expect(result).toMatchObject({ status: 'revoked', repairable: false, conditions: [], applyTo: [] });
    expect(result.failureClass).toBeUndefined();
    expect(result.earliestApplicationDate).toBeUndefined();
  });
  test('a version withdrawn by an upheld objection is withdrawn; a corrected later version is judged', () => {
    const objections = [
      { version: 1, raisedAt: '2026-05-01T00:00:00+08:00', reason: '有误', resolvedAt: '2026-06-01T00:00:00+08:00' },
    ].map((objection) => ({ ...objection, outcome: 'upheld' as const }));
    expect(repairEligibility(penalty('2026-04-10', { objections }), asOf).status).toBe('withdrawn');
    expect(repairEligibility(penalty('2026-04-10', { objections, version: 2 }), asOf).status).toBe('repairable');
  });
  test('the applicant conditions are listed, never presumed met', () => {
    const result = repairEligibility(penalty('2026-04-10'), asOf);
    expect(result.conditions.map((condition) => [condition.id, condition.state])).toEqual([
      ['minimum-period-served', 'met'],
      ['failure-corrected', 'applicant-to-show'],
      ['obligations-fulfilled', 'applicant-to-show'],
      ['credit-commitment', 'applicant-to-show'],
    ]);
    expect(result.conditions.every((condition) => condition.citations.length > 0)).toBe(true);
  });
});

/* Properties over arbitrary penalties and procurement bans decided 2023-05 to 2030. */
const DAY_MS = 86_400_000;
const dateArb = (from: string, days: number) =>
  fc.integer({ min: 0, max: days }).map((offset) => addDays(from, offset));
const recordArb = fc
  .record({
    category: fc.constantFrom('administrative-penalty' as const, 'procurement-serious-violation' as const),
    decidedAt: dateArb('2023-05-01', 2500),
    types: fc.uniqueArray(fc.constantFrom(...penaltyTypes), { minLength: 1, maxLength: 4 }),
    severity: fc.constantFrom('general' as const, 'serious' as const),
    failureClass: fc.option(fc.constantFrom(...failureClasses), { nil: undefined }),
    publicityDays: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
    banDays: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
  })
  .map(({ category, decidedAt, types, severity, failureClass, publicityDays, banDays }) =>
    makeRecord({
      category,
      decidedAt,
      validFrom: decidedAt,
      validTo: publicityDays === undefined ? undefined : addDays(decidedAt, publicityDays),
      severity,
      ...(category === 'administrative-penalty' ? { penalty: { types } } : {}),
      ...(category === 'procurement-serious-violation' && banDays !== undefined
        ? { banEndsOn: addDays(decidedAt, banDays) }
        : {}),
      ...(failureClass ? { failureClass } : {}),
    }),
  );
const instantArb = fc.integer({ min: firstInstantOf('2023-05-01'), max: firstInstantOf('2031-01-01') });

test('property: the earliest application date is never before the decision date', () => {
  fc.assert(
    fc.property(recordArb, instantArb, (record, asOf) => {
      const earliest = repairEligibility(record, asOf).earliestApplicationDate;
      return earliest === undefined || earliest >= record.decidedAt;
    }),
  );
});

test('property: repairable at asOf implies asOf is on or after the earliest application date', () => {
  fc.assert(
    fc.property(recordArb, instantArb, (record, asOf) => {
      const result = repairEligibility(record, asOf);
      return (
        !result.repairable ||
        result.earliestApplicationDate === undefined ||
        asOf >= startOfShanghaiDay(result.earliestApplicationDate)
      );
    }),
  );
});

test('property: within one regime, once repairable a record stays so until repaired or its publicity ends', () => {
  fc.assert(
    fc.property(recordArb, instantArb, fc.integer({ min: 0, max: 1500 * DAY_MS }), (record, first, step) => {
      const earlier = repairEligibility(record, first);
      const later = repairEligibility(record, first + step);
      if (earlier.regime.id !== later.regime.id || !earlier.repairable) return true;
      return later.repairable || later.status === 'publicity-ended' || later.status === 'repaired';
    }),
  );
});

test('property: the minimum-period condition flips exactly at the start of the earliest application day', () => {
  fc.assert(
    fc.property(recordArb, instantArb, (record, asOf) => {
      const { earliestApplicationDate: earliest, regime } = repairEligibility(record, asOf);
      // A minor penalty has no minimum period: nothing flips.
      if (record.category !== 'administrative-penalty' || earliest === undefined || earliest === record.decidedAt) {
        return true;
      }
      const boundary = startOfShanghaiDay(earliest);
      const before = repairEligibility(record, boundary - 1);
      const at = repairEligibility(record, boundary);
      if (before.regime.id !== regime.id || at.regime.id !== regime.id) return true;
      return minimumCondition(before) === 'unmet' && minimumCondition(at) === 'met';
    }),
  );
});
