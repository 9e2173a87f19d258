import { parse } from 'csv-parse/sync';
import { buildUscc } from '../../../shared/uscc.js';
import type { CreditData, SubjectSummary } from '../../platform/public.js';
import { makeRecord } from '../../platform/testing.js';
import { buildCheck } from './check.js';
import { checkAsCsv, csvFileName, type StoredCheck } from './csv.js';

const listed = buildUscc({ orgCodeBody: 'MA1CW001' });
const clean = buildUscc({ orgCodeBody: 'MA1CW002' });
const summary = {
  uscc: listed,
  version: 1,
  updatedAt: '2026-02-01T00:00:00.000Z',
  records: [
    makeRecord({
      category: 'dishonest-judgment-debtor',
      subject: { uscc: listed, name: 'x' },
      decisionNumber: '(2026)沪01执1号',
      objections: [{ raisedAt: '2026-02-01T00:00:00+08:00', reason: '有误' }],
    }),
  ],
} as unknown as SubjectSummary;
const data: CreditData = { summaries: new Map([[listed, summary]]), lastFed: {} };

const stored = (): StoredCheck => ({
  ...buildCheck(
    {
      checkId: '01CHECK',
      projectId: 'SHZC-1',
      purchaser: '采购人',
      clientId: 'c',
      asOf: new Date('2026-03-01T02:00:00Z'),
      checkedAt: new Date('2026-03-01T02:00:01Z'),
      suppliers: [
        { uscc: listed, name: '=HYPERLINK("http://evil","点我")' },
        { uscc: clean, name: '上海"清白",有限公司' },
      ],
      consortia: [{ consortiumId: 'LT-1', members: [clean, listed] }],
    },
    data,
  ),
  digest: 'sha256:abc',
});

const rowsOf = (csv: string): string[][] => parse(csv, { bom: true });

describe('a check as CSV for the procurement file', () => {
  test('UTF-8 with BOM, CRLF rows, a header and one row per supplier then per consortium', () => {
    const csv = checkAsCsv(stored());
    expect(csv.startsWith('\uFEFF供应商 Supplier,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([
      '供应商 Supplier',
      '统一社会信用代码 USCC',
      '结论 Verdict',
      '联合体 Consortium',
      '原因 Reasons',
      '依据 Citations',
      '截止时点 As of',
      '规则版本 Rules',
      '检查编号 Check ID',
      '摘要 Digest',
    ]);
    expect(rows[2]).toEqual([
      '上海"清白",有限公司',
      clean,
      '可以参加 eligible',
      'LT-1',
      '',
      '',
      '2026-03-01T02:00:00.000Z',
      'procurement-rules/2026.2',
      '01CHECK',
      'sha256:abc',
    ]);
    expect(rows[3]?.slice(0, 4)).toEqual([
      '联合体 Consortium LT-1',
      `${clean} ${listed}`,
      '拒绝参加 ineligible',
      'LT-1',
    ]);
  });

  test('reasons and citations are spelled out, disputed records say so', () => {
    const [, first] = rowsOf(checkAsCsv(stored()));
    expect(first?.[2]).toBe('拒绝参加 ineligible');
    expect(first?.[4]).toMatch(
      /^\[ineligible\] dishonesty-list 上海市市场监督管理局 \(2026\)沪01执1号（异议中 disputed）: 投标截止时点/,
    );
    expect(first?.[5]).toContain('财库〔2016〕125号二（三）信用信息的使用原则');
    expect(first?.[5]).toContain('中华人民共和国行政处罚法第七十三条');
  });

  test('a cell a spreadsheet would run as a formula starts with a quote', () => {
    const [, first] = rowsOf(checkAsCsv(stored()));
    expect(first?.[0]).toBe(`'=HYPERLINK("http://evil","点我")`);
    for (const start of ['+', '-', '@']) {
      const check = stored();
      check.results[1]!.name = `${start}1+1`;
      expect(rowsOf(checkAsCsv(check))[2]?.[0]).toBe(`'${start}1+1`);
    }
  });

  test('a check stored under rules v1 reads too (English explanation, legal basis)', () => {
    const v1 = {
      ...stored(),
      rulesVersion: 'procurement-rules/2026.1',
      consortia: undefined,
      results: [
        {
          uscc: listed,
          name: '旧检查',
          verdict: 'review' as const,
          reasons: [
            {
              rule: 'under-objection',
              effect: 'review',
              authority: '某局',
              decisionNumber: '1号',
              underObjection: true,
              legalBasis: '政府采购法第二十二条; 财库〔2022〕3号',
              explanation: 'Under objection at the deadline.',
            },
          ],
        },
      ],
    };
    const [, row] = rowsOf(checkAsCsv(v1));
    expect(row?.[4]).toBe('[review] under-objection 某局 1号（异议中 disputed）: Under objection at the deadline.');
    expect(row?.[5]).toBe('政府采购法第二十二条; 财库〔2022〕3号');
  });

  test('the file is named after the project and the check', () => {
    expect(csvFileName({ projectId: 'SHZC-1', checkId: '01CHECK' })).toBe('procurement-check-SHZC-1-01CHECK.csv');
  });
});
