/** Star ratings of services, kept as counts so that a new review is one atomic addition. */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** The stored counters (flat attributes, so DynamoDB can ADD to them without a map existing first). */
export type RatingCounters = Partial<Record<'ratingCount' | 'ratingSum' | `rating${Rating}`, number>>;

const RATING_COUNTERS = ['ratingCount', 'ratingSum', ...RATINGS.map((rating) => `rating${rating}` as const)] as const;

/** Just the rating counters of an item that holds them among other things. */
export const ratingCountersOf = (item: RatingCounters): RatingCounters =>
  Object.fromEntries(RATING_COUNTERS.flatMap((name) => (item[name] === undefined ? [] : [[name, item[name]]])));

export interface RatingSummary {
  count: number;
  /** Rounded to two decimals; null until the first review. */
  mean: number | null;
  distribution: Record<Rating, number>;
}

export function ratingSummary(counters: RatingCounters): RatingSummary {
  const count = counters.ratingCount ?? 0;
  const sum = counters.ratingSum ?? 0;
  return {
    count,
    mean: count === 0 ? null : Math.round((sum / count) * 100) / 100,
    distribution: {
      1: counters.rating1 ?? 0,
      2: counters.rating2 ?? 0,
      3: counters.rating3 ?? 0,
      4: counters.rating4 ?? 0,
      5: counters.rating5 ?? 0,
    },
  };
}
