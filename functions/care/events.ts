import { CARE_SOURCE, careEventVersions } from '../../events/versions.js';
import { makeEvent, type OutboxEvent } from '../../shared/outbox-event.js';

type CareEvent = keyof typeof careEventVersions;

/** A care event with its meta; payloads carry keyed hashes and badge numbers at most, never personal data. */
export const careEvent = (
  detailType: CareEvent,
  payload: Record<string, unknown>,
  context: { correlationId: string; now: Date },
): OutboxEvent => makeEvent(CARE_SOURCE, detailType, careEventVersions[detailType], payload, context);
