import { conflict, notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { careEvent } from '../events.js';
import type { Rating } from '../ratings.js';
import { careRoutes } from '../routes.js';
import { readTicket, reviewWrites } from '../services/store.js';
import { secretHash } from '../workers/lookup-code.js';

export const handler = httpRoute(careRoutes.review, async ({ body, now, correlationId }) => {
  const table = tableName();
  const tokenHash = secretHash(body.reviewToken);
  const ticket = await readTicket(dynamo(), table, tokenHash, now);
  if (!ticket) throw notFound('No service can be reviewed with this token.');
  if (ticket.usedAt) throw conflict('This review token has already been used.');
  const rating = body.rating as Rating;
  const { usedAt: _usedAt, ...payload } = ticket;
  return {
    status: 201,
    body: { serviceId: ticket.serviceId, rating },
    units: [
      {
        writes: reviewWrites(table, tokenHash, { serviceId: ticket.serviceId, rating, comment: body.comment }, now),
        events: [careEvent('ServiceReviewed', { ...payload, rating }, { correlationId, now })],
      },
    ],
  };
});
