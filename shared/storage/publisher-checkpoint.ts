/**
 * Where the outbox publisher (`shared/outbox-publisher/handler.ts`, deployed or fed by the local
 * stream poller) leaves its progress, so the health route can report how far behind the event
 * pipeline is.
 */
export const PUBLISHER_CHECKPOINT_KEY = { pk: 'SYS#PUBLISHER', sk: 'CHECKPOINT' };

export interface PublisherCheckpoint {
  /** When the publisher last put events on the bus. */
  lastPassAt: string;
  /** Age of the newest event of that batch when it was put on the bus. */
  lagMs: number;
  /** Events put on the bus since the table was created. */
  published: number;
}
