import { invalid, notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { newId } from '../../../shared/ids.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { requireOwnAgency } from '../access.js';
import { careEvent } from '../events.js';
import { careRoutes } from '../routes.js';
import { serviceWrites } from '../services/store.js';
import { newSecret, secretHash } from '../workers/lookup-code.js';
import { readBadge } from '../workers/store.js';
import { shanghaiDate } from '../workers/worker.js';

export const handler = httpRoute(careRoutes.recordService, async ({ params, body, caller, now, correlationId }) => {
  requireOwnAgency(caller, params.uscc);
  if (body.serviceDate > shanghaiDate(now)) {
    throw invalid([{ path: 'serviceDate', message: 'must not be in the future' }]);
  }
  const table = tableName();
  const badge = await readBadge(dynamo(), table, body.badgeNo);
  if (!badge || badge.agency !== params.uscc || !badge.open) {
    throw notFound(`Your agency has no open file under badge ${body.badgeNo}.`);
  }
  const service = {
    serviceId: newId(),
    agency: params.uscc,
    badgeNo: body.badgeNo,
    workerKey: badge.workerKey,
    serviceDate: body.serviceDate,
    kind: body.kind,
    recordedAt: now.toISOString(),
  };
  const reviewToken = newSecret();
  const { recordedAt: _recordedAt, kind: _kind, ...payload } = service;
  return {
    status: 201,
    body: { serviceId: service.serviceId, reviewToken },
    units: [
      {
        writes: serviceWrites(table, service, secretHash(reviewToken), now),
        events: [careEvent('ServiceRecorded', payload, { correlationId, now })],
      },
    ],
  };
});
