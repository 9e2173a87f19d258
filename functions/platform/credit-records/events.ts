import { PLATFORM_SOURCE, platformEventVersions } from '../../../events/versions.js';
import { makeEvent, type OutboxEvent } from '../../../shared/outbox-event.js';
import { contentOf } from './content.js';
import type { CreditRecord, Objection } from './model.js';

type EventContext = { correlationId: string; now: Date };
type PlatformEventName = keyof typeof platformEventVersions;

const event = (name: PlatformEventName, payload: Record<string, unknown>, context: EventContext): OutboxEvent =>
  makeEvent(PLATFORM_SOURCE, name, platformEventVersions[name], payload, context);

const reference = (record: CreditRecord) => ({
  recordId: record.recordId,
  subject: { uscc: record.subject.uscc },
  category: record.category,
});

export const recordPublished = (record: CreditRecord, change: 'created' | 'updated', context: EventContext) =>
  event('CreditRecordPublished', { change, record: { ...contentOf(record), version: record.version } }, context);

export const recordRepaired = (record: CreditRecord, context: EventContext) =>
  event('CreditRecordRepaired', { ...reference(record), ...record.repair }, context);

export const recordRevoked = (record: CreditRecord, context: EventContext) =>
  event('CreditRecordRevoked', { ...reference(record), ...record.revocation }, context);

export const objectionRaised = (record: CreditRecord, objection: Objection, context: EventContext) =>
  event(
    'CreditObjectionRaised',
    { ...reference(record), raisedAt: objection.raisedAt, reason: objection.reason },
    context,
  );

export const objectionResolved = (record: CreditRecord, objection: Objection, context: EventContext) =>
  event(
    'CreditObjectionResolved',
    {
      ...reference(record),
      raisedAt: objection.raisedAt,
      resolvedAt: objection.resolvedAt,
      outcome: objection.outcome,
    },
    context,
  );
