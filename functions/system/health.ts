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
  | { status: 'idle' }
  | { status: 'stalled'; lastPassAt: string }
  | {
      status: 'ok' | 'lagging';
      lastPassAt: string;
      streamLagSeconds: number;
      published: number;
      delivered?: number;
      deadLettered?: number;
    };

/** What the publisher's checkpoint says about the event pipeline now; a dead publisher's counts are withheld. */
export function eventsHealth(checkpoint: PublisherCheckpoint | undefined, now: Date): EventsHealth {
  if (!checkpoint) return { status: 'idle' };
  const { lastPassAt, pollIntervalMs } = checkpoint;
  if (pollIntervalMs !== undefined) {
    const stalledAfterMs = Math.max(STALLED_AFTER_INTERVALS * pollIntervalMs, STALLED_FLOOR_MS);
    if (now.getTime() - Date.parse(lastPassAt) > stalledAfterMs) return { status: 'stalled', lastPassAt };
  }
  const streamLagSeconds = Math.round(checkpoint.lagMs / 100) / 10;
  return {
    status: streamLagSeconds > LAG_WARNING_SECONDS ? 'lagging' : 'ok',
    lastPassAt,
    streamLagSeconds,
    published: checkpoint.published,
    ...(checkpoint.delivered !== undefined ? { delivered: checkpoint.delivered } : {}),
    ...(checkpoint.deadLettered !== undefined ? { deadLettered: checkpoint.deadLettered } : {}),
  };
}

/** The overall status: not ready while the database is away or demo data is still loading. */
export function serviceStatus(database: 'ok' | 'unavailable', demoData: DemoDataMarker | undefined) {
  if (database !== 'ok') return { status: 'degraded', ready: false } as const;
  if (demoData?.state === 'seeding') return { status: 'seeding', ready: false } as const;
  return { status: 'ok', ready: true } as const;
}
