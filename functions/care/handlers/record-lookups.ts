import { careEvents } from '../../../events/care.js';
import { eventHandler } from '../../../shared/event-handler.js';
import { tableName } from '../../../shared/storage/dynamo.js';
import { lookupRecordWrite } from '../workers/store.js';

/** Keeps each answered lookup in the badge's lookup log, which the agency reads. */
export const handler = eventHandler(
  { consumerId: 'care.record-lookups', events: [careEvents.WorkerLookupAnswered] },
  async ({ detail }) => ({
    units: [
      {
        writes: [
          lookupRecordWrite(tableName(), {
            badgeNo: detail.badgeNo,
            lookupId: detail.meta.eventId,
            at: detail.meta.occurredAt,
            source: detail.source,
          }),
        ],
        events: [],
      },
    ],
  }),
);
