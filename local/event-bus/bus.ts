import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventPattern as ManifestPattern, ScenarioDefinition } from '../../shared/scenario.js';
import type { BusEvent } from '../../shared/storage/consumer.js';
import { lambdaContext } from '../api-gateway.js';
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
  onLog?: (line: string) => void;
}

/**
 * EventBridge's part, played in process: every event goes to each subscriber whose rule pattern
 * matches it (the SAME patterns the CDK app deploys), retried with exponential backoff, and
 * after the last try written to a dead-letter file, never silently dropped.
 */
export function createEventBus(options: EventBusOptions) {
  for (const subscriber of options.subscribers) {
    const problems = validateEventPattern(subscriber.pattern);
    if (problems.length > 0) throw new Error(`Invalid event pattern of ${subscriber.id}: ${problems.join('; ')}`);
  }
  const attempts = options.attempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const stats: BusStats = { delivered: 0, deadLettered: 0 };

  async function deliver(subscriber: BusSubscriber, event: BusEvent): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await subscriber.deliver(event);
        stats.delivered++;
        return;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await new Promise((r) => setTimeout(r, baseDelayMs * 2 ** (attempt - 1)));
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

  return {
    stats,
    /** Resolves once every matching subscriber has taken the event or it was dead-lettered. */
    async publish(event: BusEvent): Promise<void> {
      const targets = options.subscribers.filter((subscriber) =>
        matchesEventPattern(subscriber.pattern as EventPattern, event),
      );
      await Promise.all(targets.map((subscriber) => deliver(subscriber, event)));
    },
  };
}

/** Every subscription of the registered scenarios, delivering to its handler module as Lambda would. */
export function manifestSubscribers(scenarios: ScenarioDefinition[], root: string): BusSubscriber[] {
  return scenarios.flatMap((scenario) =>
    scenario.subscriptions.map((subscription) => ({
      id: subscription.id,
      pattern: subscription.pattern,
      deliver: async (event: BusEvent) => {
        const module = (await import(pathToFileURL(resolve(root, subscription.handler)).href)) as {
          handler: (event: BusEvent, context: unknown) => Promise<unknown>;
        };
        return module.handler(event, lambdaContext(subscription.id));
      },
    })),
  );
}
