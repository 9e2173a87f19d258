import Negotiator from 'negotiator';
import { notFound } from '../../../shared/http/problem.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { checkAsCsv, csvFileName, type StoredCheck } from '../checks/csv.js';
import { readCheck } from '../checks/store.js';
import { procurementRoutes } from '../routes.js';

const CSV = 'text/csv';

export const handler = httpRoute(procurementRoutes.getCheck, async ({ params, caller, headers }) => {
  const stored = await readCheck(dynamo(), tableName(), params.checkId);
  // Another client's check is answered like a missing one, so ids reveal nothing.
  if (!stored || stored.clientId !== caller.clientId) throw notFound(`No check ${params.checkId} of this client.`);
  const cacheHeaders = { 'cache-control': 'private, max-age=31536000, immutable', vary: 'Accept' };
  // JSON unless the client prefers the table; an Accept naming neither still gets the signed JSON.
  if (new Negotiator({ headers }).mediaType(['application/json', CSV]) === CSV) {
    const check = JSON.parse(stored.serialized) as StoredCheck;
    return {
      status: 200,
      serializedBody: checkAsCsv(check),
      headers: {
        ...cacheHeaders,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvFileName(check)}"`,
      },
    };
  }
  return { status: 200, body: undefined, serializedBody: stored.serialized, headers: cacheHeaders };
});
