import { careEvents } from '../../../events/care.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { tableName } from '../../../shared/storage/dynamo.js';
import type { Rating } from '../ratings.js';
import { ratingWrites } from '../services/store.js';

/** Adds each review to the worker's and the agency's rating counters, once per event (the kernel dedupes). */
export const handler = eventHandler(
  { consumerId: 'care.summarise-ratings', events: [careEvents.ServiceReviewed] },
  async ({ detail }) => ({
    units: [{ writes: ratingWrites(tableName(), detail, detail.rating as Rating), events: [] }],
  }),
);
