import { DomainError } from '../../../shared/domain-errors.js';
import type { CreditRecord } from '../credit-records/model.js';
import { makeRecord, thrown } from '../credit-records/test-records.js';
import { repairEligibility } from './eligibility.js';
import { noticeRecord, repairNotice } from './notice.js';

const fine = (overrides: Partial<CreditRecord> = {}) =>
  makeRecord({
    recordId: 'N-1',
    decisionNumber: '沪市监处〔2026〕88号',
    decidedAt: '2026-10-12',
    validFrom: '2026-10-15',
    validTo: undefined,
    penalty: { types: ['fine'], fineAmountCny: 80_000 },
    ...overrides,
  });
const published = new Date('2026-10-15T02:00:00Z');

describe('repair-rights notice (两书同达)', () => {
  test('a general fine under 36号令: class, periods, earliest date, conditions and where to apply, in Chinese', () => {
    const notice = repairNotice(fine(), published)!;
    expect(notice).toMatchObject({
      title: '信用修复权益告知书',
      recordId: 'N-1',
      version: 1,
      issuedAt: '2026-10-15T02:00:00.000Z',
      regime: { id: 'ndrc-order-36' },
      failureClass: { value: 'general', source: 'derived' },
      publicity: { minimum: { months: 3, lastDay: '2027-01-12' }, maximum: { months: 12, lastDay: '2027-10-12' } },
      earliestApplicationDate: '2027-01-13',
    });
    expect(notice.conditions.map((condition) => condition.id)).toEqual([
      'minimum-period-served',
      'failure-corrected',
      'obligations-fulfilled',
      'credit-commitment',
    ]);
    const text = notice.paragraphs.join('\n');
    expect(text).toContain('上海某某商贸有限公司');
    expect(text).toContain('沪市监处〔2026〕88号');
    expect(text).toContain('一般失信信息');
    expect(text).toContain('自2027-01-13起可申请信用修复');
    expect(text).toContain('“信用中国（上海）”网站');
    expect(text).toContain('上海市市场监督管理局（作出决定的机关');
    expect(text).toContain('信用承诺');
  });

  test('the notice says what the calculator says at the publication instant', () => {
    const record = fine({ penalty: { types: ['licence-revocation'] } });
    const notice = repairNotice(record, published)!;
    const eligibility = repairEligibility(record, published.getTime());
    expect(notice.earliestApplicationDate).toBe(eligibility.earliestApplicationDate);
    expect(notice.publicity).toEqual(eligibility.publicity);
    expect(notice.failureClass).toEqual(eligibility.failureClass);
    expect(notice.earliestApplicationDate).toBe('2027-10-13');
  });

  test('a minor penalty may be repaired once its obligations are fulfilled', () => {
    const notice = repairNotice(fine({ penalty: { types: ['warning'] } }), published)!;
    expect(notice.failureClass?.value).toBe('minor');
    expect(notice.paragraphs.join('\n')).toContain('法定责任履行完毕即可申请信用修复');
  });

  test('a notice issued before 2026-04-01 follows 58号令 and announces 36号令', () => {
    const record = fine({ decidedAt: '2026-03-02', validFrom: '2026-03-05' });
    const notice = repairNotice(record, new Date('2026-03-05T02:00:00Z'))!;
    expect(notice.regime.id).toBe('ndrc-order-58');
    expect(notice.failureClass).toBeUndefined();
    expect(notice.earliestApplicationDate).toBe('2026-06-03');
    const text = notice.paragraphs.join('\n');
    expect(text).toContain('食品、药品、特种设备、安全生产、消防领域为1年');
    expect(text).toContain('自2026-04-01起施行《信用修复管理办法》');
  });

  test.each(['dishonest-judgment-debtor', 'procurement-serious-violation', 'administrative-license'] as const)(
    'a %s record gets no notice',
    (category) => {
      expect(repairNotice(makeRecord({ category }), published)).toBeUndefined();
    },
  );
});

describe('which records show their notice', () => {
  const notFoundDetail = (record: CreditRecord | undefined) => {
    const error = thrown(() => noticeRecord(record, 'N-1')) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('not-found');
    return error.message;
  };
  test('a standing penalty shows it', () => {
    expect(noticeRecord(fine(), 'N-1').recordId).toBe('N-1');
  });
  test('unknown, not a penalty, revoked or withdrawn by an upheld objection → not found, saying why', () => {
    expect(notFoundDetail(undefined)).toContain('No credit record');
    expect(notFoundDetail(makeRecord({ category: 'commendation' }))).toContain('not an administrative penalty');
    expect(notFoundDetail(fine({ revocation: { revokedAt: '2026-10-20T00:00:00Z', reason: '撤销' } }))).toContain(
      'withdrawn',
    );
    const upheld = {
      version: 1,
      raisedAt: '2026-10-16T00:00:00Z',
      reason: '有误',
      resolvedAt: '2026-10-20T00:00:00Z',
      outcome: 'upheld' as const,
    };
    expect(notFoundDetail(fine({ objections: [upheld] }))).toContain('withdrawn');
    expect(noticeRecord(fine({ objections: [upheld], version: 2 }), 'N-1').version).toBe(2);
  });
});
