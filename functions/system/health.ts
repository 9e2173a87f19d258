import type { DemoDataMarker } from '../../shared/storage/demo-data-marker.js';
import type { PublisherCheckpoint } from '../../shared/storage/publisher-checkpoint.js';

/** Older than this, the events pipeline is reported as lagging. */
const LAG_WARNING_SECONDS = 60;
/**
 * A polling publisher whose last pass is older than this many intervals (and than the floor,
 * so one long pass through a backlog is not a stall) has stopped: its figures are not current.
 */
export const STALLED_AFTER_INTERVALS = 20;
export const STALLED_FLOOR_MS = 30_000;

export type EventsHealth =
  | { status: 'idle'; lastPollAt?: string }
  | { status: 'stalled'; lastPassAt?: string }
  | {
      status: 'ok' | 'lagging';
      lastPassAt: string;
      lastPollAt?: string;
      streamLagSeconds: number;
      published: number;
    };

/** What the publisher's checkpoint says about the event pipeline now; a dead publisher's counts are withheld. */
export function eventsHealth(checkpoint: Partial<PublisherCheckpoint> | undefined, now: Date): EventsHealth {
  if (!checkpoint) return { status: 'idle' };
  const { lastPassAt, lastPollAt, pollIntervalMs, lagMs, published } = checkpoint;
  if (pollIntervalMs !== undefined && lastPollAt !== undefined) {
    const stalledAfterMs = Math.max(STALLED_AFTER_INTERVALS * pollIntervalMs, STALLED_FLOOR_MS);
    if (now.getTime() - Date.parse(lastPollAt) > stalledAfterMs) {
      return { status: 'stalled', ...(lastPassAt ? { lastPassAt } : {}) };
    }
  }
  // Only the local poller's heartbeat so far: nothing was published yet.
  if (lastPassAt === undefined || lagMs === undefined || published === undefined) {
    return { status: 'idle', ...(lastPollAt ? { lastPollAt } : {}) };
  }
  const streamLagSeconds = Math.round(lagMs / 100) / 10;
  return {
    status: streamLagSeconds > LAG_WARNING_SECONDS ? 'lagging' : 'ok',
    lastPassAt,
    ...(lastPollAt ? { lastPollAt } : {}),
    streamLagSeconds,
    published,
  };
}

/** The overall status: not ready while the database is away or demo data is still loading. */
export function serviceStatus(database: 'ok' | 'unavailable', demoData: DemoDataMarker | undefined) {
  if (database !== 'ok') return { status: 'degraded', ready: false } as const;
  if (demoData?.state === 'seeding') return { status: 'seeding', ready: false } as const;
  return { status: 'ok', ready: true } as const;
}
