/** The rate limits' windows: fixed, ten minutes, aligned to the clock (the gateway's and the per-badge counter's). */
const LIMIT_WINDOW_MS = 600_000;

/** Long enough for a test that may wait out the end of a window first. */
export const WINDOW_WAIT_MS = 90_000;

/**
 * A test that fills a limit starts with at least a minute of its window left, so no window ends
 * halfway through it and resets the count.
 */
export async function atLeastAMinuteOfTheWindowLeft(): Promise<void> {
  const left = LIMIT_WINDOW_MS - (Date.now() % LIMIT_WINDOW_MS);
  if (left < 60_000) await new Promise((done) => setTimeout(done, left + 1_000));
}
