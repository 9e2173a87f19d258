import * as z from 'zod/mini';

/**
 * Ten trillion yuan: far above any fine, and small enough that every amount in fen stays an exact
 * integer in a double (below 2^53), so "at most two decimals" is decidable without rounding noise.
 */
export const MAX_AMOUNT_CNY = 1e13;

/** True when the amount is a whole number of fen: the nearest double to some k / 100. */
const isWholeFen = (amount: number) => Math.round(amount * 100) / 100 === amount;

/**
 * An amount of money in yuan (API.md: at most two decimals). Also keeps amounts inside DynamoDB's
 * number range: a positive amount is at least 0.01, never a value such as 1e-131 that DynamoDB
 * cannot store.
 */
export const amountCnySchema = z
  .number()
  .check(
    z.nonnegative(),
    z.lte(MAX_AMOUNT_CNY),
    z.refine(isWholeFen, { error: 'must be in yuan with at most two decimals' }),
  );
