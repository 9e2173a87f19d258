import * as z from 'zod';

/** Every event's `detail.meta` (ARCHITECTURE.md); consumers dedupe on `eventId`. */
export const eventMetaSchema = z.object({
  eventId: z.string().min(1),
  schemaVersion: z.int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
});

/** A USCC as it appears in events: already validated and normalised by the producer. */
export const usccInEventSchema = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
export const isoDateInEventSchema = z.iso.date();
export const isoTimestampInEventSchema = z.iso.datetime({ offset: true });
