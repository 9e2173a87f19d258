import fc from 'fast-check';
import { amountCnySchema, MAX_AMOUNT_CNY } from './money.js';
// Messages as the route kernel reports them (it loads the English locale).
import './zod-locale.js';

const messages = (value: unknown) => amountCnySchema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

test.each([0, 0.01, 0.29, 1234.5, 2_000_000, 9_999_999.99, MAX_AMOUNT_CNY])('%p yuan is an amount', (amount) => {
  expect(amountCnySchema.safeParse(amount).success).toBe(true);
});

test.each([
  ['below DynamoDB’s number range', 1e-131],
  ['the smallest double', 5e-324],
  ['a tenth of a fen', 0.001],
  ['floating-point noise', 0.1 + 0.2],
  ['a fen above the maximum', MAX_AMOUNT_CNY + 0.01],
])('%s (%p) is refused', (_why, amount) => {
  expect(amountCnySchema.safeParse(amount).success).toBe(false);
});

test('the refusals say why', () => {
  expect(messages(1e-131)).toEqual(['must be in yuan with at most two decimals']);
  expect(messages(-1)).toContain('Too small: expected number to be >=0');
  expect(messages(Number.POSITIVE_INFINITY)).toHaveLength(1);
  expect(messages('12.50')).toEqual(['Invalid input: expected number, received string']);
});

test('every whole number of fen up to the maximum is accepted, exactly as written in JSON', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CNY * 100 }), (fen) => {
      const amount = JSON.parse((fen / 100).toString()) as number;
      expect(amountCnySchema.safeParse(amount).success).toBe(true);
    }),
  );
});
