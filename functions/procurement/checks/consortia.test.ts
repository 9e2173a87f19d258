import fc from 'fast-check';
import { buildUscc } from '../../../shared/uscc.js';
import type { CreditData, SubjectSummary } from '../../platform/public.js';
import { makeRecord } from '../../platform/testing.js';
import { buildCheck } from './check.js';
import { judgeConsortia } from './consortia.js';
import type { Verdict } from './rules.js';

const verdictArb = fc.constantFrom<Verdict>('eligible', 'ineligible', 'review');

describe('consortia take the worst verdict of their members (财库〔2016〕125号, 政府采购法第二十四条)', () => {
  test.each<[Verdict[], Verdict]>([
    [['eligible', 'eligible'], 'eligible'],
    [['eligible', 'review'], 'review'],
    [['review', 'eligible', 'ineligible'], 'ineligible'],
    [['ineligible', 'review'], 'ineligible'],
  ])('members %j → %s', (verdicts, expected) => {
    const members = verdicts.map((_, index) => `M${index}`);
    const [result] = judgeConsortia(
      [{ consortiumId: 'C1', members }],
      new Map(members.map((m, i) => [m, verdicts[i]!])),
    );
    expect(result?.verdict).toBe(expected);
    expect(result?.members.map((member) => member.verdict)).toEqual(verdicts);
    expect(result?.citations.map((citation) => citation.document)).toEqual([
      '财库〔2016〕125号',
      '中华人民共和国政府采购法',
    ]);
  });

  test('property: a consortium verdict equals the worst member verdict', () => {
    const rank: Record<Verdict, number> = { eligible: 0, review: 1, ineligible: 2 };
    fc.assert(
      fc.property(fc.array(verdictArb, { minLength: 2, maxLength: 20 }), (verdicts) => {
        const members = verdicts.map((_, index) => `M${index}`);
        const [result] = judgeConsortia(
          [{ consortiumId: 'C', members }],
          new Map(members.map((m, i) => [m, verdicts[i]!])),
        );
        const worst = Math.max(...verdicts.map((verdict) => rank[verdict]));
        expect(rank[result!.verdict]).toBe(worst);
        expect(verdicts).toContain(result!.verdict);
      }),
    );
  });
});

describe('buildCheck with consortia', () => {
  const listedFirm = buildUscc({ orgCodeBody: 'MA1CT001' });
  const cleanFirm = buildUscc({ orgCodeBody: 'MA1CT002' });
  const other = buildUscc({ orgCodeBody: 'MA1CT003' });
  const summary = {
    uscc: listedFirm,
    version: 3,
    updatedAt: '2026-02-01T00:00:00.000Z',
    records: [makeRecord({ category: 'dishonest-judgment-debtor', subject: { uscc: listedFirm, name: '失信' } })],
  } as unknown as SubjectSummary;
  const data: CreditData = { summaries: new Map([[listedFirm, summary]]), lastFed: {} };
  const request = {
    checkId: 'C-1',
    projectId: 'P',
    purchaser: '采购人',
    clientId: 'client',
    asOf: new Date('2026-03-01T02:00:00Z'),
    checkedAt: new Date('2026-03-01T02:00:01Z'),
    suppliers: [
      { uscc: listedFirm, name: '失信' },
      { uscc: cleanFirm, name: '清白' },
      { uscc: other, name: '另一家' },
    ],
  };

  test('a member with a listing makes the consortium ineligible; suppliers keep their own verdicts', () => {
    const check = buildCheck(
      { ...request, consortia: [{ consortiumId: 'LT-1', members: [cleanFirm, listedFirm] }] },
      data,
    );
    expect(check.results.map((result) => result.verdict)).toEqual(['ineligible', 'eligible', 'eligible']);
    expect(check.consortia).toEqual([
      expect.objectContaining({
        consortiumId: 'LT-1',
        verdict: 'ineligible',
        members: [
          { uscc: cleanFirm, verdict: 'eligible' },
          { uscc: listedFirm, verdict: 'ineligible' },
        ],
      }),
    ]);
    expect(check.rulesVersion).toBe('procurement-rules/2026.2');
  });

  test('a member that is not a supplier is a programming error, never a silent eligible', () => {
    expect(() => judgeConsortia([{ consortiumId: 'X', members: ['A', 'B'] }], new Map([['A', 'eligible']]))).toThrow(
      RangeError,
    );
  });

  test('without consortia the check says so with an empty list', () => {
    expect(buildCheck(request, data).consortia).toEqual([]);
  });
});
