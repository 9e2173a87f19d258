import { newId } from './ids.js';

export interface EventMeta {
  eventId: string;
  schemaVersion: number;
  occurredAt: string;
  correlationId: string;
}

/** An event on its way to the bus: EventBridge's `source`, `detail-type` and `detail`. */
export interface OutboxEvent {
  source: string;
  detailType: string;
  detail: { meta: EventMeta } & Record<string, unknown>;
}

/** A new event with its `meta`: a fresh id, the schema version, when, and the correlation id it continues. */
export function makeEvent(
  source: string,
  detailType: string,
  schemaVersion: number,
  payload: Record<string, unknown>,
  context: { correlationId: string; now: Date },
): OutboxEvent {
  return {
    source,
    detailType,
    detail: {
      meta: {
        eventId: newId(),
        schemaVersion,
        occurredAt: context.now.toISOString(),
        correlationId: context.correlationId,
      },
      ...payload,
    },
  };
}
