import type { Method } from '../method/method.js';
import type { MerchantScore } from './score.js';

/** What one merchant adds to its district's sums, in tenths so the sums stay exact integers. */
export interface Contribution {
  merchants: number;
  index: number;
  dimensions: Record<string, number>;
  indicators: Record<string, number>;
}

const tenths = (value: number) => Math.round(value * 10);

export function contributionOf(score: MerchantScore | undefined): Contribution {
  if (!score) return { merchants: 0, index: 0, dimensions: {}, indicators: {} };
  return {
    merchants: 1,
    index: tenths(score.index),
    dimensions: Object.fromEntries(Object.entries(score.dimensions).map(([id, value]) => [id, tenths(value)])),
    indicators: Object.fromEntries(Object.entries(score.indicatorScores).map(([id, value]) => [id, tenths(value)])),
  };
}

function subtract(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return Object.fromEntries([...keys].map((key) => [key, (a[key] ?? 0) - (b[key] ?? 0)]));
}

/** The change one merchant's new score makes to its district's sums (added atomically). */
export function contributionDelta(
  previous: MerchantScore | undefined,
  current: MerchantScore | undefined,
): Contribution {
  const before = contributionOf(previous);
  const after = contributionOf(current);
  return {
    merchants: after.merchants - before.merchants,
    index: after.index - before.index,
    dimensions: subtract(after.dimensions, before.dimensions),
    indicators: subtract(after.indicators, before.indicators),
  };
}

export function addContributions(contributions: readonly Contribution[]): Contribution {
  const sum: Contribution = { merchants: 0, index: 0, dimensions: {}, indicators: {} };
  for (const c of contributions) {
    sum.merchants += c.merchants;
    sum.index += c.index;
    for (const [id, v] of Object.entries(c.dimensions)) sum.dimensions[id] = (sum.dimensions[id] ?? 0) + v;
    for (const [id, v] of Object.entries(c.indicators)) sum.indicators[id] = (sum.indicators[id] ?? 0) + v;
  }
  return sum;
}

export interface DistrictView {
  districtId: string;
  name: string;
  period: string;
  index: number;
  dimensions: Record<string, number>;
  merchants: number;
}

const average = (sum: number, count: number) => Math.round(sum / count) / 10;

/** A district's published figures from its sums: averages of its merchants, one decimal. */
export function districtView(
  method: Method,
  sums: Contribution & { districtId: string; period: string },
  name: string,
): DistrictView {
  return {
    districtId: sums.districtId,
    name,
    period: sums.period,
    index: average(sums.index, sums.merchants),
    dimensions: Object.fromEntries(
      method.dimensions.map((d) => [d.id, average(sums.dimensions[d.id] ?? 0, sums.merchants)]),
    ),
    merchants: sums.merchants,
  };
}

/** The district's indicators, lowest average score first: what to improve first. */
export function weakestIndicators(method: Method, sums: Contribution) {
  return method.indicators
    .map((indicator) => ({
      indicator: indicator.id,
      label: indicator.label,
      dimension: indicator.dimension,
      averageScore: average(sums.indicators[indicator.id] ?? 0, sums.merchants),
    }))
    .sort((a, b) => a.averageScore - b.averageScore || a.indicator.localeCompare(b.indicator));
}
