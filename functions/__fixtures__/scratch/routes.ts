import * as z from 'zod/mini';
import { defineRoute } from '../../../shared/scenario.js';
import { usccSchema } from '../../../shared/uscc.js';

export const scratchRoutes = {
  getNote: defineRoute({
    id: 'scratch.get-note',
    method: 'GET',
    path: '/v1/scratch/subjects/{uscc}',
    auth: 'public',
    summary: 'The last credit change the scratch scenario heard of for a subject.',
    params: z.strictObject({ uscc: usccSchema }),
    responses: {
      200: z.object({ uscc: z.string(), summaryVersion: z.int(), changedRecordIds: z.array(z.string()) }),
    },
    problems: [404],
    cache: { maxAgeSeconds: 60 },
  }),
};
