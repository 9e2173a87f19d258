import { recordsCountingAsOf } from '../../platform/public.js';
import { makeRecord, SUBJECT } from '../../platform/testing.js';
import { CURRENT_METHOD, csvTemplate } from '../method/method.js';
import { periodAsOf } from '../method/period.js';
import { scoreMerchant } from './score.js';

const perfect = {
  licenceCoverage: 100,
  licenceDisplayed: 1,
  inspectionFindings: 0,
  samplingPassRate: 100,
  qualityComplaints: 0,
  afterSalesReturns: 100,
  digitalServices: 100,
  serviceProcess: 100,
  complaintRate: 0,
  complaintsResolvedInTime: 100,
  prepaidCardDisputes: 0,
};
const penalty = makeRecord({
  recordId: 'P-12',
  decisionNumber: '沪市监处〔2026〕12号',
  severity: 'general',
  penalty: { types: ['fine'], fineAmountCny: 50_000 },
});
const serious = makeRecord({ recordId: 'P-13', severity: 'serious', penalty: { types: ['suspension-of-business'] } });
const listed = makeRecord({
  recordId: 'L-1',
  category: 'dishonest-judgment-debtor',
  decisionNumber: '(2026)沪0101执1号',
});
const commended = makeRecord({ recordId: 'C-1', category: 'commendation', decisionNumber: '沪商务〔2026〕3号' });

const counting = (...records: ReturnType<typeof makeRecord>[]) =>
  recordsCountingAsOf(records, SUBJECT, periodAsOf('2026H1'));

describe('method 2026.1: merchant inputs → index and reasons', () => {
  test.each([
    { name: 'perfect indicators, no records', indicators: perfect, records: [], index: 100, reasons: [] },
    {
      name: 'a general ¥50,000 fine costs 6 points of law-abiding conduct',
      indicators: perfect,
      records: [penalty],
      index: 94,
      reasons: [
        '−6: administrative penalty 沪市监处〔2026〕12号 (上海市市场监督管理局), fine ¥50,000, 守法行为 law-abiding conduct',
      ],
    },
    {
      name: 'a serious suspension costs law-abiding conduct and legal qualification',
      indicators: perfect,
      records: [serious],
      index: 79,
      reasons: [
        '−12: administrative penalty 沪市监处〔2026〕1号 (上海市市场监督管理局), 守法行为 law-abiding conduct',
        '−9: administrative penalty 沪市监处〔2026〕1号 (上海市市场监督管理局), 法定资质 legal qualification',
      ],
    },
    {
      name: 'a dishonesty listing zeroes law-abiding conduct; a commendation cannot lift a dimension at 0 above its bonus',
      indicators: perfect,
      records: [listed, commended],
      index: 74.5,
      reasons: [
        '−20: dishonest judgment debtor (2026)沪0101执1号 (上海市市场监督管理局), 守法行为 law-abiding conduct',
        '−7.5: dishonest judgment debtor (2026)沪0101执1号 (上海市市场监督管理局), 法定资质 legal qualification',
        '+2: commendation 沪商务〔2026〕3号 (上海市市场监督管理局), 守法行为 law-abiding conduct',
      ],
    },
    {
      name: 'weak after-sales and digital services, as in the real index',
      indicators: { ...perfect, afterSalesReturns: 70, digitalServices: 60, serviceProcess: 100 },
      records: [],
      index: 90,
      reasons: [
        '−5: 售后和退换货 after-sales and returns 70 points (服务品质 service quality)',
        '−5: 数字化应用 digital services 60 points (服务品质 service quality)',
      ],
    },
  ])('$name', ({ indicators, records, index, reasons }) => {
    const score = scoreMerchant(CURRENT_METHOD, indicators, counting(...records));
    expect(score.methodVersion).toBe('2026.1');
    expect(score.index).toBe(index);
    expect(score.reasons.map((reason) => reason.text)).toEqual(reasons);
  });

  test('a repaired or expired record does not count at the period end; a disputed one does and says so', () => {
    const repaired = makeRecord({ ...penalty, repair: { repairedAt: '2026-05-01T00:00:00+08:00', reason: '整改' } });
    expect(scoreMerchant(CURRENT_METHOD, perfect, counting(repaired)).index).toBe(100);
    const expired = makeRecord({ ...penalty, validTo: '2026-03-31' });
    expect(scoreMerchant(CURRENT_METHOD, perfect, counting(expired)).index).toBe(100);
    const disputed = makeRecord({
      ...penalty,
      objections: [{ raisedAt: '2026-02-01T00:00:00+08:00', reason: '有误' }],
    });
    const [reason] = scoreMerchant(CURRENT_METHOD, perfect, counting(disputed)).reasons;
    expect(reason).toMatchObject({ effect: -6, disputed: true });
    expect(reason?.text).toContain('disputed');
  });

  test("dimension weights add up to 100 and every dimension's indicator shares to 1", () => {
    expect(CURRENT_METHOD.dimensions.reduce((sum, d) => sum + d.weight, 0)).toBe(100);
    for (const dimension of CURRENT_METHOD.dimensions) {
      const shares = CURRENT_METHOD.indicators
        .filter((i) => i.dimension === dimension.id)
        .reduce((s, i) => s + i.share, 0);
      expect(shares).toBeCloseTo(1);
    }
  });

  test('the CSV template is the header row with a BOM', () => {
    expect(csvTemplate(CURRENT_METHOD)).toBe(`\uFEFFuscc,name,category,${Object.keys(perfect).join(',')}\r\n`);
  });
});
