import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { requireOwnAgency } from '../access.js';
import { careEvent } from '../events.js';
import { careRoutes } from '../routes.js';
import { newSecret, secretHash } from '../workers/lookup-code.js';
import { codeHashWrite, readBadge } from '../workers/store.js';

export const handler = httpRoute(careRoutes.rotateLookupCode, async ({ params, caller, now, correlationId }) => {
  requireOwnAgency(caller, params.uscc);
  const table = tableName();
  const badge = await readBadge(dynamo(), table, params.badgeNo);
  if (!badge || badge.agency !== params.uscc || !badge.open) {
    throw notFound(`Your agency has no open file under badge ${params.badgeNo}.`);
  }
  const lookupCode = newSecret();
  return {
    status: 200,
    body: { badgeNo: params.badgeNo, lookupCode },
    units: [
      {
        writes: [codeHashWrite(table, badge, secretHash(lookupCode), now)],
        events: [
          careEvent('LookupCodeRotated', { agency: params.uscc, badgeNo: params.badgeNo }, { correlationId, now }),
        ],
      },
    ],
  };
});
