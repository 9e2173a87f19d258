import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCreditData } from '../../platform/public.js';
import { JUDGED_CATEGORIES } from '../checks/check.js';
import { procurementRoutes } from '../routes.js';
import { entryDelete, entryStartWrite, readWatch, watchWrite } from '../watch/store.js';
import { checkUntil, startWatch } from '../watch/watch.js';

export const handler = httpRoute(procurementRoutes.putWatch, async ({ body, params, caller, now }) => {
  checkUntil(body.until, now);
  const db = dynamo();
  const table = tableName();
  const [data, previous] = await Promise.all([
    readCreditData(db, table, { usccs: body.suppliers.map((s) => s.uscc), categories: JUDGED_CATEGORIES }),
    readWatch(db, table, caller.clientId, params.projectId),
  ]);
  const { watch, entries, view } = startWatch(
    {
      clientId: caller.clientId,
      projectId: params.projectId,
      until: new Date(body.until).toISOString(),
      suppliers: body.suppliers,
      consortia: body.consortia,
    },
    data,
    now,
  );
  const kept = new Set(entries.map((entry) => entry.uscc));
  const dropped = (previous?.suppliers ?? []).filter((supplier) => !kept.has(supplier.uscc));
  return {
    status: 200,
    body: view,
    units: [
      ...entries.map((entry) => ({ writes: [entryStartWrite(table, entry)], events: [] })),
      ...dropped.map(({ uscc }) => ({
        writes: [entryDelete(table, { uscc, clientId: caller.clientId, projectId: params.projectId })],
        events: [],
      })),
      { writes: [watchWrite(table, watch)], events: [] },
    ],
  };
});
