import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { getRecord } from '../credit-records/store.js';
import { noticeRecord } from '../credit-repair/notice.js';
import { getNotice } from '../credit-repair/store.js';
import { platformRoutes } from '../routes.js';

export const handler = httpRoute(platformRoutes.getRepairNotice, async ({ params }) => {
  const table = tableName();
  const record = noticeRecord(await getRecord(dynamo(), table, params.recordId), params.recordId);
  const notice = await getNotice(dynamo(), table, record.recordId, record.version);
  // Versions published before notices were issued have none; the eligibility route still answers.
  if (!notice)
    throw notFound(`No repair-rights notice was issued for version ${record.version} of ${record.recordId}.`);
  return { status: 200, body: notice };
});
