import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { keyedHash } from '../../../shared/keyed-hash.js';
import { configuredWorkerIdSecret } from '../../../shared/secrets/configured-secret.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { requireOwnAgency } from '../access.js';
import { agencyCopy } from '../agencies/agency.js';
import { agencyRevisionCheck, badgeIndexRemoval, badgeIndexWrite, readAgency } from '../agencies/store.js';
import { careEvent } from '../events.js';
import { careRoutes } from '../routes.js';
import { newSecret, secretHash } from '../workers/lookup-code.js';
import {
  closeBadgeWrite,
  newBadgeWrite,
  personWrite,
  readBadge,
  readPerson,
  updatedBadgeWrite,
} from '../workers/store.js';
import { decideRegistration } from '../workers/worker.js';

export const handler = httpRoute(careRoutes.putWorker, async ({ params, body, caller, now, correlationId }) => {
  requireOwnAgency(caller, params.uscc);
  const db = dynamo();
  const table = tableName();
  // The raw number lives only in this request: from here on the person is their keyed hash.
  const workerKey = keyedHash(await configuredWorkerIdSecret(), body.idNumber);
  const [agency, existingBadge, person] = await Promise.all([
    // Consistent: the new badge copies it, and the write checks the copy is still the agency's latest.
    readAgency(db, table, params.uscc, true),
    readBadge(db, table, params.badgeNo),
    readPerson(db, table, workerKey),
  ]);
  if (!agency) throw notFound(`No agency ${params.uscc} is registered.`);
  const lookupCode = newSecret();
  const decision = decideRegistration({
    agency: params.uscc,
    agencyCopy: agencyCopy(agency),
    badgeNo: params.badgeNo,
    submission: body,
    workerKey,
    codeHash: secretHash(lookupCode),
    existingBadge,
    person,
    now,
  });
  const context = { correlationId, now };
  if (decision.kind === 'unchanged') return { status: 200, body: { badgeNo: params.badgeNo } };
  if (decision.kind === 'updated') {
    return {
      status: 200,
      body: { badgeNo: params.badgeNo },
      units: [{ writes: [updatedBadgeWrite(table, decision.badge)], events: [] }],
    };
  }
  const registered = careEvent(
    'WorkerRegistered',
    { agency: params.uscc, badgeNo: params.badgeNo, workerKey },
    context,
  );
  const writes = [
    newBadgeWrite(table, decision.badge),
    badgeIndexWrite(table, params.uscc, params.badgeNo),
    agencyRevisionCheck(table, agency),
    personWrite(table, decision.person),
  ];
  const events = [registered];
  if (decision.kind === 'moved') {
    writes.push(
      closeBadgeWrite(table, decision.from, now),
      badgeIndexRemoval(table, decision.from.agency, decision.from.badgeNo),
    );
    events.unshift(
      careEvent(
        'WorkerMoved',
        { workerKey, from: decision.from, to: { agency: params.uscc, badgeNo: params.badgeNo } },
        context,
      ),
    );
  }
  return {
    status: 201,
    body: {
      badgeNo: params.badgeNo,
      lookupCode,
      ...(decision.kind === 'moved' ? { movedFrom: decision.from.agency } : {}),
    },
    units: [{ writes, events }],
  };
});
