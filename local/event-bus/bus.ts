import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BusPort } from '../../shared/outbox-publisher/handler.js';
import type { EventPattern as ManifestPattern, ScenarioDefinition } from '../../shared/scenario.js';
import type { BusEvent } from '../../shared/storage/consumer.js';
import { type EventPattern, matchesEventPattern, validateEventPattern } from './event-pattern.js';

export interface BusSubscriber {
  id: string;
  pattern: ManifestPattern;
  deliver: (event: BusEvent) => Promise<unknown>;
}

export interface BusStats {
  delivered: number;
  deadLettered: number;
}

export interface EventBusOptions {
  subscribers: BusSubscriber[];
  deadLetterFile: string;
  /** Tries per delivery before the event goes to the dead-letter file. */
  attempts?: number;
  baseDelayMs?: number;
  /**
   * Delivers some events twice and delays every delivery by a random few milliseconds, so
   * subscribers meet the duplicates and reordering EventBridge allows. Default: BUS_CHAOS=1.
   */
  chaos?: boolean;
  onLog?: (line: string) => void;
}

/** Under chaos, the share of deliveries made twice and the spread of their random delays. */
const CHAOS_DUPLICATE_SHARE = 0.5;
const CHAOS_MAX_DELAY_MS = 25;

/**
 * EventBridge's part, played in process: an accepted event goes, asynchronously and in no
 * guaranteed order, to each subscriber whose rule pattern matches it (the SAME patterns the CDK
 * app deploys), retried with exponential backoff, and after the last try written to a
 * dead-letter file, never silently dropped. Delivery is at least once: subscribers dedupe.
 */
export function createEventBus(options: EventBusOptions) {
  for (const subscriber of options.subscribers) {
    const problems = validateEventPattern(subscriber.pattern);
    if (problems.length > 0) throw new Error(`Invalid event pattern of ${subscriber.id}: ${problems.join('; ')}`);
  }
  const attempts = options.attempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const chaos = options.chaos ?? process.env.BUS_CHAOS === '1';
  const stats: BusStats = { delivered: 0, deadLettered: 0 };
  let inFlight = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;
  const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

  async function deliver(subscriber: BusSubscriber, event: BusEvent): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await subscriber.deliver(event);
        stats.delivered++;
        return;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await sleep(baseDelayMs * 2 ** (attempt - 1));
      }
    }
    stats.deadLettered++;
    await mkdir(dirname(options.deadLetterFile), { recursive: true });
    const entry = {
      subscriber: subscriber.id,
      failedAt: new Date().toISOString(),
      attempts,
      error: lastError instanceof Error ? lastError.message : String(lastError),
      event,
    };
    await appendFile(options.deadLetterFile, `${JSON.stringify(entry)}\n`);
    options.onLog?.(`event ${event.detail.meta.eventId} to ${subscriber.id} failed ${attempts} times: dead-lettered`);
  }

  /** Runs one delivery in the background, counted until it is delivered or dead-lettered. */
  function schedule(subscriber: BusSubscriber, event: BusEvent): void {
    inFlight++;
    const delay = chaos ? sleep(Math.random() * CHAOS_MAX_DELAY_MS) : new Promise<void>(setImmediate);
    void delay
      .then(() => deliver(subscriber, event))
      .catch((error: Error) => options.onLog?.(`event bus: ${error.message}`))
      .finally(() => {
        inFlight--;
        if (inFlight === 0) idle?.resolve();
      });
  }

  function publish(event: BusEvent): void {
    for (const subscriber of options.subscribers) {
      if (!matchesEventPattern(subscriber.pattern as EventPattern, event)) continue;
      schedule(subscriber, event);
      if (chaos && Math.random() < CHAOS_DUPLICATE_SHARE) schedule(subscriber, event);
    }
  }

  return {
    stats,
    /** Accepts the event and returns at once; deliveries follow in the background. */
    publish,
    /** The bus as the outbox publisher sees it: PutEvents that always accepts. */
    port: {
      async putEvents(entries) {
        for (const entry of entries) publish(busEvent(entry));
        return { failedCount: 0 };
      },
    } satisfies BusPort,
    /** Resolves when no delivery is pending or being retried: everything published so far was handled. */
    drained(): Promise<void> {
      if (inFlight === 0) return Promise.resolve();
      if (!idle) {
        let resolve!: () => void;
        const promise = new Promise<void>((done) => {
          resolve = done;
        });
        idle = {
          promise,
          resolve: () => {
            idle = undefined;
            resolve();
          },
        };
      }
      return idle.promise;
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;

/** The event EventBridge builds from a PutEvents entry. */
function busEvent(entry: Parameters<BusPort['putEvents']>[0][number]): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.detailType,
    source: entry.source,
    account: '000000000000',
    time: entry.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'local',
    resources: [],
    detail: JSON.parse(entry.detail),
  };
}

/** Every subscription of the registered scenarios, delivering to its function as EventBridge invokes a target. */
export function manifestSubscribers(
  scenarios: ScenarioDefinition[],
  invoke: (functionId: string, event: BusEvent) => Promise<unknown>,
): BusSubscriber[] {
  return scenarios.flatMap((scenario) =>
    scenario.subscriptions.map((subscription) => ({
      id: subscription.id,
      pattern: subscription.pattern,
      deliver: (event: BusEvent) => invoke(subscription.id, event),
    })),
  );
}
