import * as z from 'zod/mini';

/**
 * Shanghai keeps UTC+8 all year (no daylight saving), so a calendar date in a decision or a
 * publicity window maps to instants with a fixed offset.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The instant a Shanghai calendar day begins (00:00 +08:00), in epoch milliseconds. */
export function startOfShanghaiDay(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
}

/** The first instant after a Shanghai calendar day (next day's 00:00 +08:00). */
export function endOfShanghaiDay(isoDate: string): number {
  return startOfShanghaiDay(isoDate) + DAY_MS;
}

/** The Shanghai calendar date (YYYY-MM-DD) an instant falls on. */
export function shanghaiDateOf(timestamp: string | number): string {
  const instant = typeof timestamp === 'number' ? timestamp : Date.parse(timestamp);
  return new Date(instant + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Adds whole calendar years to a date; 29 February lands on 28 February in a common year. */
export function addYears(isoDate: string, years: number): string {
  return addMonths(isoDate, 12 * years);
}

/**
 * Adds whole calendar months to a date; a day the target month lacks lands on its last day
 * (31 May + 1 month = 30 June), as 民法典 art. 202 reads a period counted in months.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(year, month + months, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The calendar date `days` days after (or before, when negative) a date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export const isoDateSchema = z
  .string()
  .check(z.refine(isIsoDate, { error: 'must be a calendar date written YYYY-MM-DD' }));

/** ISO 8601 timestamp with an explicit offset (Z or ±hh:mm), as API.md requires. */
export const isoTimestampSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 timestamp with offset',
});
