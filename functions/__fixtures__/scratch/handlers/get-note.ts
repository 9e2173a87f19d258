import { notFound } from '../../../../shared/domain-errors.js';
import { httpRoute } from '../../../../shared/http/route.js';
import { dynamo, tableName } from '../../../../shared/storage/dynamo.js';
import { scratchRoutes } from '../routes.js';
import { readNote } from '../store.js';

export const handler = httpRoute(scratchRoutes.getNote, async ({ params }) => {
  const note = await readNote(dynamo(), tableName(), params.uscc);
  if (!note) throw notFound(`No credit change of ${params.uscc} was heard of.`);
  return { status: 200, body: note };
});
