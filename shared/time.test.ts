import fc from 'fast-check';
import { addDays, addMonths, addYears } from './time.js';

test.each([
  ['2026-01-05', 3, '2026-04-05'],
  ['2025-11-30', 3, '2026-02-28'],
  ['2027-11-30', 3, '2028-02-29'],
  ['2026-05-31', 1, '2026-06-30'],
  ['2026-04-10', 12, '2027-04-10'],
  ['2026-03-31', -1, '2026-02-28'],
])(
  'addMonths(%s, %i) = %s (民法典 art. 202: no corresponding day → the month’s last day)',
  (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  },
);

test('addYears is 12 months per year; 29 February lands on 28 February', () => {
  expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
});

test('addDays crosses months and years', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
});

test('property: adding months never moves backwards and keeps the day where the month has it', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 60 }), (offset, months) => {
      const date = addDays('2000-01-01', offset);
      const result = addMonths(date, months);
      const day = Number(date.slice(8));
      return result >= date && (Number(result.slice(8)) === day || Number(result.slice(8)) < day);
    }),
  );
});
