import * as z from 'zod/mini';

/** Every event's `detail.meta` (ARCHITECTURE.md); consumers dedupe on `eventId`. */
export const eventMetaSchema = z.object({
  eventId: z.string().check(z.minLength(1)),
  schemaVersion: z.int().check(z.positive()),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().check(z.minLength(1)),
});

/** A USCC as it appears in events: already validated and normalised by the producer. */
export const usccInEventSchema = z.string().check(z.regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/));
export const isoDateInEventSchema = z.iso.date();
export const isoTimestampInEventSchema = z.iso.datetime({ offset: true });
