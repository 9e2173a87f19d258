import { PROCUREMENT_SOURCE, procurementEventVersions } from '../../../events/versions.js';
import { validationProblem } from '../../../shared/http/problem.js';
import { httpRoute } from '../../../shared/http/route.js';
import { newId } from '../../../shared/ids.js';
import { makeEvent } from '../../../shared/outbox-event.js';
import { configuredSigner } from '../../../shared/signing/configured-signer.js';
import { signDocument } from '../../../shared/signing/signed-document.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { readCreditData } from '../../platform/public.js';
import { buildCheck, JUDGED_CATEGORIES } from '../checks/check.js';
import { storeCheckWrites } from '../checks/store.js';
import { procurementRoutes } from '../routes.js';

/** A deadline a little ahead of our clock is clock skew; further ahead it cannot be judged yet. */
const ALLOWED_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const handler = httpRoute(procurementRoutes.createCheck, async ({ body, caller, correlationId, now }) => {
  const asOf = body.asOf ? new Date(body.asOf) : now;
  if (asOf.getTime() > now.getTime() + ALLOWED_CLOCK_SKEW_MS) {
    throw validationProblem([{ path: 'asOf', message: 'must not be in the future: a check judges what is known' }]);
  }
  const table = tableName();
  const data = await readCreditData(dynamo(), table, {
    usccs: body.suppliers.map((supplier) => supplier.uscc),
    categories: JUDGED_CATEGORIES,
  });
  const checkId = newId();
  const check = buildCheck(
    {
      checkId,
      projectId: body.projectId,
      purchaser: body.purchaser,
      clientId: caller.clientId,
      asOf,
      checkedAt: now,
      suppliers: body.suppliers,
      consortia: body.consortia,
    },
    data,
  );
  const signed = await signDocument(check, checkId, configuredSigner());
  const serialized = JSON.stringify(signed);
  const entry = {
    checkId,
    projectId: check.projectId,
    asOf: check.asOf,
    checkedAt: check.checkedAt,
    summary: check.summary,
  };
  const completed = makeEvent(
    PROCUREMENT_SOURCE,
    'SupplierCheckCompleted',
    procurementEventVersions.SupplierCheckCompleted,
    { ...entry, clientId: caller.clientId, supplierCount: check.results.length, digest: signed.digest },
    { correlationId, now },
  );
  return {
    status: 201,
    body: signed,
    serializedBody: serialized,
    headers: { location: `/v1/procurement/checks/${checkId}` },
    units: [{ writes: storeCheckWrites(table, { clientId: caller.clientId, serialized, entry }), events: [completed] }],
  };
});
