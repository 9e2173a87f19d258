import type * as z from 'zod/mini';
import { logger } from './logger.js';
import type { EventMeta } from './outbox-event.js';
import type { EventRef } from './scenario.js';
import { type BusEvent, markHandledWrite } from './storage/consumer.js';
import { dynamo, tableName } from './storage/dynamo.js';
import { commit, WriteConflict, type WriteUnit } from './storage/outbox.js';

/** A catalog entry (events/<scenario>.ts) as a subscriber needs it: where it comes from and its schema. */
export interface SubscribedEvent<Schema extends z.ZodMiniType = z.ZodMiniType> extends EventRef {
  schema: Schema;
}

/** One event as the subscriber's logic sees it: validated, typed from its catalog schema. */
export type HandledEvent<Events extends readonly SubscribedEvent[]> = {
  [K in keyof Events]: {
    source: Events[K]['source'];
    detailType: Events[K]['detailType'];
    detail: z.output<Events[K]['schema']>;
    eventId: string;
    correlationId: string;
    now: Date;
  };
}[number];

/** What a subscriber decided: the state changes, with the events announcing them, to commit. */
export interface EventOutcome {
  units?: WriteUnit[];
}

/** An event that does not match its catalog schema: retrying cannot help, so it ends in the DLQ. */
export class MalformedEvent extends Error {
  constructor(event: BusEvent<unknown>, problems: string) {
    super(`malformed ${event.source} ${event['detail-type']} (bus id ${event.id}): ${problems}`);
    this.name = 'MalformedEvent';
  }
}

const describeIssues = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((issue) => `${issue.path.map(String).join('.') || '(detail)'}: ${issue.message}`).join('; ');

/**
 * The subscriber kernel, the twin of `httpRoute`: the event is validated at the edge against its
 * catalog schema (a malformed one is logged and thrown, so after the retries it lands in the
 * dead-letter queue, never half-applied), the correlation id comes from `meta`, and the state
 * changes and the events they emit are committed through the outbox writer together with the
 * consumer's mark on `meta.eventId`, so a redelivered event changes nothing.
 */
export function eventHandler<const Events extends readonly SubscribedEvent[]>(
  subscription: { consumerId: string; events: Events },
  handle: (event: HandledEvent<Events>) => Promise<EventOutcome>,
) {
  const handler = async (event: BusEvent<unknown>): Promise<void> => {
    const definition = subscription.events.find(
      (candidate) => candidate.source === event.source && candidate.detailType === event['detail-type'],
    );
    if (!definition) {
      const error = new MalformedEvent(event, `${subscription.consumerId} does not subscribe to it`);
      logger.error('event rejected', { consumer: subscription.consumerId, reason: error.message });
      throw error;
    }
    const parsed = definition.schema.safeParse(event.detail);
    if (!parsed.success) {
      const error = new MalformedEvent(event, describeIssues(parsed.error.issues));
      logger.error('event rejected', { consumer: subscription.consumerId, reason: error.message });
      throw error;
    }
    const detail = parsed.data as { meta: EventMeta } & Record<string, unknown>;
    const meta = detail.meta;
    logger.appendKeys({ correlationId: meta.correlationId, consumer: subscription.consumerId });
    try {
      const now = new Date();
      const outcome = await handle({
        source: definition.source,
        detailType: definition.detailType,
        detail,
        eventId: meta.eventId,
        correlationId: meta.correlationId,
        now,
      } as HandledEvent<Events>);
      const units = outcome.units ?? [];
      if (units.length === 0) return;
      const table = tableName();
      const marker = markHandledWrite(table, subscription.consumerId, meta, now);
      try {
        await commit(dynamo(), table, units, { finalWrites: [marker], now });
      } catch (error) {
        // Only the consumer's own mark failing means "handled before"; any other conflict is a
        // concurrent writer, and the retry re-reads the current state.
        if (error instanceof WriteConflict && error.failedWrites.includes(marker)) {
          logger.info('event already handled', { eventId: meta.eventId });
          return;
        }
        throw error;
      }
    } finally {
      logger.removeKeys(['correlationId', 'consumer']);
    }
  };
  return Object.assign(handler, {
    subscribesTo: subscription.events.map(({ source, detailType }) => ({ source, detailType })),
  });
}
