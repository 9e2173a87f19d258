import { forbidden, notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { shoppingRoutes } from '../routes.js';
import { readEntries, replyWrite } from '../store.js';
import { merchantView } from '../views.js';

export const handler = httpRoute(shoppingRoutes.reply, async ({ params, body, caller, now }) => {
  if (caller.district !== params.districtId) throw forbidden(`This client acts for district ${caller.district} only.`);
  const table = tableName();
  const entry = (await readEntries(dynamo(), table, [params])).get(params.uscc);
  if (!entry || entry.withdrawn || !entry.score) {
    throw notFound(`${params.uscc} has no score in ${params.districtId} for ${params.period}.`);
  }
  const reply = { text: body.text, repliedAt: now.toISOString() };
  return {
    status: 200,
    body: merchantView({ ...entry, reply }),
    units: [{ writes: [replyWrite(table, entry, reply)], events: [] }],
  };
});
