import { HttpProblem, notFound } from '../../../shared/http/problem.js';
import { httpRoute } from '../../../shared/http/route.js';
import { keyedHash } from '../../../shared/keyed-hash.js';
import { configuredWorkerIdSecret } from '../../../shared/secrets/configured-secret.js';
import { batchGetAll } from '../../../shared/storage/batch-get.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { countAttempt } from '../../../shared/storage/rate-limit.js';
import { flagsAsOf } from '../agencies/agency.js';
import { agencyKey, agencyOf } from '../agencies/store.js';
import { ratingSummary } from '../ratings.js';
import { careRoutes } from '../routes.js';
import { secretMatches } from '../workers/lookup-code.js';
import { personKey, readBadge, recordLookup } from '../workers/store.js';
import { validityAsOf } from '../workers/worker.js';

/**
 * Per address and per badge, every attempt counts. With 128-bit codes guessing is hopeless
 * anyway; the limits keep anyone from trying at scale or hammering one worker's badge.
 */
const PER_ADDRESS = { limit: 30, windowSeconds: 600 };
const PER_BADGE = { limit: 20, windowSeconds: 600 };

/** One answer for a wrong code, an unknown badge and a closed file: existence is never revealed. */
const noSuchWorker = () => notFound('No worker matches this badge number and code.');

export const handler = httpRoute(careRoutes.lookupWorker, async ({ body, sourceIp, now }) => {
  const db = dynamo();
  const table = tableName();
  // The address is counted under a keyed hash only, and its counter expires with the window.
  const addressKey = keyedHash(await configuredWorkerIdSecret(), `ip:${sourceIp}`);
  // Counted and read together (one round trip): every attempt, refused or not, does the same work.
  const [byAddress, byBadge, badge] = await Promise.all([
    countAttempt(db, table, { bucket: `care-lookup-ip#${addressKey}`, ...PER_ADDRESS }, now),
    countAttempt(db, table, { bucket: `care-lookup-badge#${body.badgeNo}`, ...PER_BADGE }, now),
    readBadge(db, table, body.badgeNo),
  ]);
  const refused = [byAddress, byBadge].find((decision) => !decision.allowed);
  if (refused) {
    throw new HttpProblem(429, 'too-many-requests', 'Too many lookups; try again later.', {
      headers: { 'retry-after': String(refused.retryAfterSeconds) },
    });
  }
  // Compared even when there is no badge, so every miss does the same work.
  const codeMatches = secretMatches(body.code, badge?.codeHash);
  if (!badge || !codeMatches || !badge.open) throw noSuchWorker();
  // The answer's reads and the lookup's record both follow from the verified code, so they go
  // together; the answer waits for the record, so no successful lookup goes unrecorded.
  const [items] = await Promise.all([
    batchGetAll<Record<string, unknown>>(db, table, [agencyKey(badge.agency), personKey(badge.workerKey)]),
    recordLookup(db, table, { badgeNo: badge.badgeNo, source: body.source, now }),
  ]);
  const agencyItem = items.get(`${agencyKey(badge.agency).pk}|${agencyKey(badge.agency).sk}`);
  const person = items.get(`${personKey(badge.workerKey).pk}|${personKey(badge.workerKey).sk}`) ?? {};
  const agency = agencyItem ? agencyOf(agencyItem) : undefined;
  return {
    status: 200,
    body: {
      badgeNo: badge.badgeNo,
      maskedName: badge.maskedName,
      role: badge.role,
      agency: {
        uscc: badge.agency,
        name: agency?.name ?? '',
        seriousDishonesty: agency ? flagsAsOf(agency.creditWindows, now).seriousDishonesty : false,
      },
      ...validityAsOf(badge, now),
      rating: ratingSummary(person),
      asOf: now.toISOString(),
    },
  };
});
