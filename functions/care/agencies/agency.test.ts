import type { SubjectSummary } from '../../platform/public.js';
import { makeRecord, SUBJECT } from '../../platform/testing.js';
import { creditWindows, flagsAsOf, nameMatches } from './agency.js';

const summary = (records: ReturnType<typeof makeRecord>[]) =>
  ({ uscc: SUBJECT, version: 3, records, updatedAt: '2026-02-01T00:00:00.000Z' }) as unknown as SubjectSummary;
const at = (iso: string) => new Date(iso);

test('a general penalty decided within the year is a recent penalty until a year after its decision', () => {
  const windows = creditWindows(summary([makeRecord({ validTo: '2027-12-31' })]), at('2026-02-01T00:00:00+08:00'));
  expect(windows).toEqual([{ flag: 'recentPenalty', until: Date.parse('2027-01-05T00:00:00+08:00') }]);
  expect(flagsAsOf(windows, at('2027-01-04T23:59:59+08:00'))).toEqual({
    seriousDishonesty: false,
    recentPenalty: true,
  });
  // Lapses on its own: no event comes when a year has passed.
  expect(flagsAsOf(windows, at('2027-01-05T00:00:00+08:00')).recentPenalty).toBe(false);
});

test('the end of publicity ends a flag earlier, a dishonesty listing without end keeps it open', () => {
  const records = [
    makeRecord({ recordId: 'p', validTo: '2026-06-30' }),
    makeRecord({ recordId: 'd', category: 'dishonest-judgment-debtor', severity: 'serious', validTo: undefined }),
  ];
  const windows = creditWindows(summary(records), at('2026-02-01T00:00:00+08:00'));
  expect(windows).toEqual([
    { flag: 'recentPenalty', until: Date.parse('2026-07-01T00:00:00+08:00') },
    { flag: 'seriousDishonesty', until: null },
  ]);
  expect(flagsAsOf(windows, at('2030-01-01T00:00:00+08:00'))).toEqual({
    seriousDishonesty: true,
    recentPenalty: false,
  });
});

test('a serious penalty flags serious dishonesty; a repaired one or none flags nothing', () => {
  const serious = makeRecord({ severity: 'serious' });
  expect(creditWindows(summary([serious]), at('2026-02-01T00:00:00+08:00')).map((window) => window.flag)).toEqual([
    'seriousDishonesty',
    'recentPenalty',
  ]);
  const repaired = makeRecord({
    severity: 'serious',
    repair: { repairedAt: '2026-01-20T00:00:00+08:00', reason: '已整改' },
  });
  expect(creditWindows(summary([repaired]), at('2026-02-01T00:00:00+08:00'))).toEqual([]);
  expect(creditWindows(undefined, at('2026-02-01T00:00:00+08:00'))).toEqual([]);
});

test('name fragments match Chinese text anywhere and Latin text in any case', () => {
  expect(nameMatches('上海徐汇悦家家政服务有限公司', '家政')).toBe(true);
  expect(nameMatches('Shanghai Care Co.', 'care')).toBe(true);
  expect(nameMatches('上海徐汇悦家家政服务有限公司', '养老')).toBe(false);
  expect(nameMatches('任意', undefined)).toBe(true);
});
