import type { PerAddressLimit } from '../shared/scenario.js';

export type AddressDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface RouteWindow {
  endsAtMs: number;
  counts: Map<string, number>;
}

/**
 * What WAF's rate-based rules do for the deployed API, played locally: requests to a route are
 * counted per viewer address in fixed windows aligned to the clock (every address of a route
 * shares one window), and past the limit they are refused until the window ends. A route's
 * counts are dropped whole when its window ends, so memory holds at most the current window's
 * addresses. The clock is injected for tests.
 */
export function perAddressLimiter(now: () => number = Date.now) {
  const windows = new Map<string, RouteWindow>();
  return {
    /** Counts one request of `address` to the route and says whether it may pass. */
    count(routeId: string, rate: PerAddressLimit, address: string): AddressDecision {
      const at = now();
      for (const [id, window] of windows) if (window.endsAtMs <= at) windows.delete(id);
      const windowMs = rate.windowSeconds * 1000;
      let window = windows.get(routeId);
      if (!window) {
        window = { endsAtMs: at - (at % windowMs) + windowMs, counts: new Map() };
        windows.set(routeId, window);
      }
      const attempts = (window.counts.get(address) ?? 0) + 1;
      window.counts.set(address, attempts);
      if (attempts <= rate.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.ceil((window.endsAtMs - at) / 1000) };
    },
    /** How many (route, address) counts are held: what the limiter costs in memory. */
    held(): number {
      return [...windows.values()].reduce((sum, window) => sum + window.counts.size, 0);
    },
  };
}

export type PerAddressLimiter = ReturnType<typeof perAddressLimiter>;
