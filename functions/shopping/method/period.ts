import * as z from 'zod/mini';
import { invalid } from '../../../shared/domain-errors.js';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../../shared/time.js';

/** The index is half-yearly: `2026H1` is January–June, `2026H2` July–December (Shanghai dates). */
const periodPattern = /^(\d{4})H([12])$/;
const FIRST_YEAR = 2019;

export const periodSchema = z.string().check(
  z.regex(periodPattern, { error: 'must be a half-year written YYYYH1 or YYYYH2' }),
  z.refine((value) => Number(value.slice(0, 4)) >= FIRST_YEAR, { error: `must be ${FIRST_YEAR}H1 or later` }),
);

export function periodBounds(period: string): { start: number; end: number } {
  const year = period.slice(0, 4);
  const first = period.endsWith('H1');
  return {
    start: startOfShanghaiDay(first ? `${year}-01-01` : `${year}-07-01`),
    /** The first instant after the period. */
    end: endOfShanghaiDay(first ? `${year}-06-30` : `${year}-12-31`),
  };
}

/** The instant whose counting records a period's score uses: the period's last millisecond. */
export const periodAsOf = (period: string) => periodBounds(period).end - 1;

/** Data can be submitted for the current half-year and past ones, never for one not begun yet. */
export function requireStartedPeriod(period: string, now: Date, path = 'path.period'): void {
  if (periodBounds(period).start > now.getTime()) {
    throw invalid([{ path, message: `${period} has not begun yet` }], 'The period is in the future.');
  }
}

export function currentPeriod(now: Date): string {
  const shanghai = new Date(now.getTime() + 8 * 3600 * 1000);
  return `${shanghai.getUTCFullYear()}H${shanghai.getUTCMonth() < 6 ? 1 : 2}`;
}
