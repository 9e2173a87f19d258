import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { requireOwnAgency } from '../access.js';
import { careRoutes } from '../routes.js';
import { listLookups, readBadge } from '../workers/store.js';

export const handler = httpRoute(careRoutes.listLookups, async ({ params, query, caller }) => {
  requireOwnAgency(caller, params.uscc);
  const db = dynamo();
  const table = tableName();
  const badge = await readBadge(db, table, params.badgeNo);
  // A closed file's lookups stay visible to the agency that kept it.
  if (!badge || badge.agency !== params.uscc) throw notFound(`Your agency has no file under badge ${params.badgeNo}.`);
  return { status: 200, body: await listLookups(db, table, params.badgeNo, query) };
});
