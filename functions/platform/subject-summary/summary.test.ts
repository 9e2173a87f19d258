import fc from 'fast-check';
import { whyNotCounting } from '../credit-records/counting.js';
import { makeRecord, SUBJECT } from '../credit-records/test-records.js';
import { rebuildSummary, subjectSummary, summaryChanges } from './summary.js';

const now = new Date('2026-11-29T00:00:00Z');
const penalty = makeRecord({ recordId: 'P-1' });
const licence = makeRecord({ recordId: 'L-1', category: 'administrative-license' });
const listed = makeRecord({ recordId: 'D-1', category: 'dishonest-judgment-debtor', severity: 'serious' });

describe('subjectSummary', () => {
  test("keeps the subject's judged records, sorted, and leaves licences and revoked records out", () => {
    const revoked = makeRecord({ recordId: 'P-0', revocation: { revokedAt: '2026-02-01T00:00:00Z', reason: 'x' } });
    const summary = subjectSummary(SUBJECT, [penalty, licence, listed, revoked], now, 3);
    expect(summary.records.map((record) => record.recordId)).toEqual(['D-1', 'P-1']);
    expect(summary).toMatchObject({ uscc: SUBJECT, version: 3, updatedAt: now.toISOString() });
  });
});

describe('major-penalty facts stay for the three-year test (实施条例 art. 19) after publicity or repair', () => {
  const asOf = Date.parse('2026-11-29T10:00:00+08:00');
  const ended = makeRecord({
    recordId: 'M-1',
    decidedAt: '2024-01-10',
    validFrom: '2024-01-12',
    validTo: '2025-01-11',
    penalty: { types: ['licence-revocation'] },
  });
  const repaired = makeRecord({
    recordId: 'M-2',
    decidedAt: '2025-02-03',
    validFrom: '2025-02-05',
    validTo: '2028-02-02',
    penalty: { types: ['fine'], fineAmountCny: 2_500_000 },
    failureClass: 'serious',
    repair: { repairedAt: '2026-03-01T09:00:00+08:00', reason: '已整改并作出信用承诺' },
  });

  test('a publicity-ended and a repaired major penalty are kept with their facts, and say why they no longer count', () => {
    const summary = subjectSummary(SUBJECT, [ended, repaired], now);
    expect(summary.records).toEqual([
      expect.objectContaining({ recordId: 'M-1', decidedAt: '2024-01-10', penalty: ended.penalty }),
      expect.objectContaining({ recordId: 'M-2', penalty: repaired.penalty, repair: repaired.repair }),
    ]);
    const reasons = summary.records.map((record) => whyNotCounting(record, SUBJECT, asOf));
    expect(reasons).toEqual(['publicity-ended', 'repaired']);
  });

  test('property: no record of a kept category is pruned, however old, ended or repaired, unless revoked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.boolean(),
        fc.boolean(),
        (ageDays, publicityEnded, isRepaired) => {
          const decidedAt = new Date(now.getTime() - ageDays * 86_400_000).toISOString().slice(0, 10);
          const record = makeRecord({
            decidedAt,
            validFrom: decidedAt,
            validTo: publicityEnded ? decidedAt : undefined,
            penalty: { types: ['closure'] },
            ...(isRepaired ? { repair: { repairedAt: now.toISOString(), reason: '修复' } } : {}),
          });
          return subjectSummary(SUBJECT, [record], now).records.length === 1;
        },
      ),
    );
  });
});

describe('rebuildSummary', () => {
  test('the first rebuild is version 1 with every kept record added', () => {
    expect(rebuildSummary(SUBJECT, [penalty, listed], undefined, now)).toMatchObject({
      summary: { version: 1 },
      changes: [
        { recordId: 'D-1', category: 'dishonest-judgment-debtor', change: 'added' },
        { recordId: 'P-1', category: 'administrative-penalty', change: 'added' },
      ],
    });
  });

  test('a rebuild that finds nothing new is no change at all (no write, no event)', () => {
    const previous = subjectSummary(SUBJECT, [penalty, listed], now, 4);
    expect(rebuildSummary(SUBJECT, [listed, penalty, licence], previous, new Date())).toBeUndefined();
  });

  test('a repair, an objection or a revocation is the next version, naming the record', () => {
    const previous = subjectSummary(SUBJECT, [penalty, listed], now, 4);
    const repaired = { ...penalty, repair: { repairedAt: '2026-05-01T00:00:00Z', reason: '整改完成' } };
    expect(rebuildSummary(SUBJECT, [repaired, listed], previous, now)).toMatchObject({
      summary: { version: 5 },
      changes: [{ recordId: 'P-1', change: 'updated' }],
    });
    const revoked = { ...listed, revocation: { revokedAt: '2026-05-01T00:00:00Z', reason: '撤销' } };
    expect(rebuildSummary(SUBJECT, [penalty, revoked], previous, now)?.changes).toEqual([
      { recordId: 'D-1', category: 'dishonest-judgment-debtor', change: 'removed' },
    ]);
  });
});

test('property: changes are empty exactly when the kept records are the same, whatever their order', () => {
  const pool = ['A', 'B', 'C', 'D'].map((id, index) => makeRecord({ recordId: id, version: index + 1 }));
  const subset = fc.subarray(pool);
  fc.assert(
    fc.property(subset, subset, (a, b) => {
      const changes = summaryChanges(subjectSummary(SUBJECT, a, now), subjectSummary(SUBJECT, [...b].reverse(), now));
      const same =
        a
          .map((r) => r.recordId)
          .sort()
          .join() ===
        b
          .map((r) => r.recordId)
          .sort()
          .join();
      expect(changes.length === 0).toBe(same);
      expect(changes.filter((c) => c.change === 'added').map((c) => c.recordId)).toEqual(
        b
          .map((r) => r.recordId)
          .filter((id) => !a.some((r) => r.recordId === id))
          .sort(),
      );
    }),
  );
});
