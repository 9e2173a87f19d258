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
  /**
   * The heartbeat of a publisher fed on a timer (the local stream poller, after every pass, idle
   * or not), so a stopped one can be told from a quiet stream. Lambda's event source mapping
   * invokes the deployed publisher only when there are records, and it leaves both out.
   */
  lastPollAt?: string;
  pollIntervalMs?: number;
}
