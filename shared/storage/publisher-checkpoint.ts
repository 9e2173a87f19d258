/**
 * Where the outbox publisher (the local stream poller, or the deployed publisher) leaves its
 * progress, so the health route can report how far behind the event pipeline is.
 */
export const PUBLISHER_CHECKPOINT_KEY = { pk: 'SYS#PUBLISHER', sk: 'CHECKPOINT' };

export interface PublisherCheckpoint {
  /** When the publisher last finished reading the stream to its end. */
  lastPassAt: string;
  /** Age of the newest stream record when it was published. */
  lagMs: number;
  published: number;
  /** Deliveries and dead letters are counted by the local bus; in AWS, CloudWatch counts them. */
  delivered?: number;
  deadLettered?: number;
  /**
   * Set by a publisher that passes on a timer (the local stream poller), so a checkpoint that
   * stopped moving can be told from a quiet stream. The deployed publisher runs only when
   * there are records and leaves it out.
   */
  pollIntervalMs?: number;
}
