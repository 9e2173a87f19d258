import { eventsHealth, STALLED_AFTER_INTERVALS, STALLED_FLOOR_MS, serviceStatus } from './health.js';

const now = new Date('2026-11-20T10:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const checkpoint = { lagMs: 1_234, published: 7 };

describe('the event pipeline as the publisher checkpoint tells it', () => {
  test('no checkpoint: nothing was ever published', () => {
    expect(eventsHealth(undefined, now)).toEqual({ status: 'idle' });
  });

  test('a fresh pass reports its figures', () => {
    expect(
      eventsHealth({ ...checkpoint, lastPassAt: ago(300), lastPollAt: ago(300), pollIntervalMs: 250 }, now),
    ).toEqual({
      status: 'ok',
      lastPassAt: ago(300),
      lastPollAt: ago(300),
      streamLagSeconds: 1.2,
      published: 7,
    });
  });

  test('a heartbeat before anything was published is idle, with the heartbeat', () => {
    expect(eventsHealth({ lastPollAt: ago(300), pollIntervalMs: 250 }, now)).toEqual({
      status: 'idle',
      lastPollAt: ago(300),
    });
  });

  test('a lag over a minute is lagging', () => {
    expect(eventsHealth({ ...checkpoint, lagMs: 61_000, lastPassAt: ago(300) }, now).status).toBe('lagging');
  });

  test('a polling publisher silent for longer than its stall window is stalled, and its old figures are withheld', () => {
    const pollIntervalMs = 5_000;
    const window = STALLED_AFTER_INTERVALS * pollIntervalMs;
    expect(
      eventsHealth({ ...checkpoint, lastPassAt: ago(window), lastPollAt: ago(window), pollIntervalMs }, now).status,
    ).toBe('ok');
    expect(
      eventsHealth({ ...checkpoint, lastPassAt: ago(window + 1), lastPollAt: ago(window + 1), pollIntervalMs }, now),
    ).toEqual({
      status: 'stalled',
      lastPassAt: ago(window + 1),
    });
  });

  test('with a short interval the floor applies, so one long pass is not a stall', () => {
    const fast = { ...checkpoint, pollIntervalMs: 250 };
    expect(
      eventsHealth({ ...fast, lastPassAt: ago(STALLED_FLOOR_MS), lastPollAt: ago(STALLED_FLOOR_MS) }, now).status,
    ).toBe('ok');
    expect(
      eventsHealth({ ...fast, lastPassAt: ago(STALLED_FLOOR_MS + 1), lastPollAt: ago(STALLED_FLOOR_MS + 1) }, now)
        .status,
    ).toBe('stalled');
  });

  test('a publisher that runs only on records (no interval) is never called stalled for being quiet', () => {
    expect(eventsHealth({ ...checkpoint, lastPassAt: ago(30 * 24 * 3600_000) }, now).status).toBe('ok');
  });
});

describe('the service status', () => {
  test('ready when the database answers and no demo data is loading', () => {
    expect(serviceStatus('ok', undefined)).toEqual({ status: 'ok', ready: true });
    expect(serviceStatus('ok', { state: 'loaded', loadedAt: now.toISOString() })).toEqual({
      status: 'ok',
      ready: true,
    });
  });
  test('seeding until the loaded marker is written; degraded without a database', () => {
    expect(serviceStatus('ok', { state: 'seeding', startedAt: now.toISOString() })).toEqual({
      status: 'seeding',
      ready: false,
    });
    expect(serviceStatus('unavailable', undefined)).toEqual({ status: 'degraded', ready: false });
  });
});
