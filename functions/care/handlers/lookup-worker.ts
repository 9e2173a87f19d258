import { HttpProblem, notFound } from '../../../shared/http/problem.js';
import { httpRoute } from '../../../shared/http/route.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { flagsAsOf } from '../agencies/agency.js';
import { careEvent } from '../events.js';
import { ratingSummary } from '../ratings.js';
import { careRoutes } from '../routes.js';
import { secretHash } from '../workers/lookup-code.js';
import { answeredLookup, countFailedLookup } from '../workers/store.js';
import { validityAsOf } from '../workers/worker.js';

/** One answer for a wrong code, an unknown badge and a closed file: existence is never revealed. */
const noSuchWorker = () => notFound('No worker matches this badge number and code.');

/**
 * The code is checked by the badge write's condition, which also records the lookup; every
 * failure, whatever its cause, then makes the same one counting write. The per-address limit is
 * the gateway's (the manifest's `perAddressLimit`), so no address reaches this function's storage.
 */
export const handler = httpRoute(careRoutes.lookupWorker, async ({ body, now, correlationId }) => {
  const db = dynamo();
  const table = tableName();
  const answered = careEvent(
    'WorkerLookupAnswered',
    { badgeNo: body.badgeNo, source: body.source },
    { correlationId, now },
  );
  const badge = await answeredLookup(db, table, {
    badgeNo: body.badgeNo,
    codeHash: secretHash(body.code),
    now,
    event: answered,
  });
  if (!badge) {
    const failure = await countFailedLookup(db, table, body.badgeNo, now);
    if (!failure.allowed) {
      throw new HttpProblem(429, 'too-many-requests', 'Too many failed lookups of this badge; try again later.', {
        headers: { 'retry-after': String(failure.retryAfterSeconds) },
      });
    }
    throw noSuchWorker();
  }
  // The badge holds copies of the agency's name and flags and of the person's ratings: one write answers.
  return {
    status: 200,
    body: {
      badgeNo: badge.badgeNo,
      maskedName: badge.maskedName,
      role: badge.role,
      agency: {
        uscc: badge.agency,
        name: badge.agencyName ?? '',
        seriousDishonesty: flagsAsOf(badge.agencyCreditWindows ?? [], now).seriousDishonesty,
      },
      ...validityAsOf(badge, now),
      rating: ratingSummary(badge),
      asOf: now.toISOString(),
    },
  };
});
