import { notFound } from '../../../shared/domain-errors.js';
import { httpRoute } from '../../../shared/http/route.js';
import { configuredPublicOrigin } from '../../../shared/public-origin.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { requireOwnAgency } from '../access.js';
import { careRoutes } from '../routes.js';
import { badgeSvg, badgeUrl } from '../workers/badge.js';
import { secretMatches } from '../workers/lookup-code.js';
import { readBadge } from '../workers/store.js';

export const handler = httpRoute(careRoutes.badgeSvg, async ({ params, query, caller }) => {
  requireOwnAgency(caller, params.uscc);
  const badge = await readBadge(dynamo(), tableName(), params.badgeNo);
  // Only the current code is drawn: a badge printed with an old one would never work.
  if (!badge || badge.agency !== params.uscc || !badge.open || !secretMatches(query.code, badge.codeHash)) {
    throw notFound(`Your agency has no open file under badge ${params.badgeNo} with this code.`);
  }
  const svg = await badgeSvg(badgeUrl(configuredPublicOrigin(), params.badgeNo, query.code));
  return { status: 200, serializedBody: svg, headers: { 'cache-control': 'no-store' } };
});
