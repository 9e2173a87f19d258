import { careEvents } from '../../../events/care.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import type { Rating } from '../ratings.js';
import { ratingWrites } from '../services/store.js';
import { readPerson } from '../workers/store.js';

/** Adds each review to the worker's and the agency's rating counters, once per event (the kernel dedupes). */
export const handler = eventHandler(
  { consumerId: 'care.summarise-ratings', events: [careEvents.ServiceReviewed] },
  async ({ detail }) => {
    const table = tableName();
    // The person's current badge holds the copy lookups read; the person is read for it.
    const person = await readPerson(dynamo(), table, detail.workerKey);
    if (!person) throw new Error(`no person for the reviewed service ${detail.serviceId}`);
    return {
      units: [{ writes: ratingWrites(table, { agency: detail.agency, person }, detail.rating as Rating), events: [] }],
    };
  },
);
