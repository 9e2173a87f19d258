import { contentOf } from './content.js';
import { creditRecordInputSchema } from './model.js';
import { makeRecord } from './test-records.js';

const parse = (overrides: Record<string, unknown>) =>
  creditRecordInputSchema.safeParse({ ...contentOf(makeRecord()), ...overrides });

const failingPaths = (overrides: Record<string, unknown>) =>
  (parse(overrides).error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('record fields added for procurement rules v2 and credit repair (API.md)', () => {
  test('accepts every new optional field where it belongs', () => {
    expect(
      parse({
        category: 'administrative-penalty',
        decidedAt: '2026-03-01',
        validFrom: '2026-03-02',
        decisionInstant: '2026-03-01T15:30:00+08:00',
        failureClass: 'general',
        penalty: { types: ['fine', 'closure'], fineAmountCny: 3_000_000, majorFineThresholdCny: 5_000_000 },
      }).success,
    ).toBe(true);
    expect(
      parse({
        category: 'procurement-serious-violation',
        penalty: undefined,
        decidedAt: '2026-03-01',
        validFrom: '2026-03-01',
        banEndsOn: '2027-02-28',
      }).success,
    ).toBe(true);
  });

  test.each([
    [
      'a decision instant on another Shanghai day',
      { decidedAt: '2026-03-01', decisionInstant: '2026-03-01T16:00:00Z' },
      'decisionInstant',
    ],
    [
      'a ban end on a record that is not a procurement ban',
      { category: 'administrative-penalty', banEndsOn: '2027-01-01' },
      'banEndsOn',
    ],
    [
      'a ban that ends before its decision',
      { category: 'procurement-serious-violation', decidedAt: '2026-03-01', banEndsOn: '2026-02-28' },
      'banEndsOn',
    ],
    [
      'a department threshold at the national amount',
      { category: 'administrative-penalty', penalty: { types: ['fine'], majorFineThresholdCny: 2_000_000 } },
      'penalty.majorFineThresholdCny',
    ],
    [
      'a department threshold without a fine',
      { category: 'administrative-penalty', penalty: { types: ['closure'], majorFineThresholdCny: 3_000_000 } },
      'penalty.majorFineThresholdCny',
    ],
    ['an unknown failure class', { failureClass: 'grave' }, 'failureClass'],
  ])('refuses %s, naming the field', (_case, overrides, path) => {
    expect(failingPaths(overrides)).toContain(path);
  });
});
