import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { validateRegistration } from '../shared/clients/client.js';
import { DEMO_DATA_MARKER_KEY, type DemoDataMarker } from '../shared/storage/demo-data-marker.js';
import {
  demoCareAgencies,
  demoCareReviews,
  demoCareWorkers,
  demoCreditRecords,
  demoLifecycle,
  demoProcurementProject,
  demoShoppingRosters,
} from './demo-data.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from './issuer.js';
import { type DevClientClaims, devClientIdFor, ensureDevClient } from './registry-access.js';
import { requestToken } from './token-client.js';

const paths = {
  repair: 'repair',
  revoke: 'revoke',
  objection: 'objection',
  resolve: 'objection/resolve',
} as const;

/** How the seeder reaches a platform: over HTTP (`npm start`, `npm run seed`) or in-process (tests). */
export interface SeedTarget {
  call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }>;
  /**
   * A token of the default dev client, so the demo check is the one `npm run token -- procurement:check`
   * reads; with a district or agency claim, of that district's or agency's dev client (`dev-<id>`, as
   * `npm run token -- --district / --agency` makes).
   */
  mint(scopes: string[], claims?: DevClientClaims): Promise<string>;
  /** Resolves once every event written so far has reached its subscribers. */
  eventsSettled(): Promise<void>;
}

export interface Seeded {
  records: number;
  steps: number;
  check: { checkId: string; projectId: string; summary: unknown; created: boolean };
  shoppingRosters: number;
  care: { agencies: number; workers: number; reviews: number };
}

/**
 * Loads the demo data through the public HTTP API, exactly as a regulator's and a procurement
 * system would, so seeding exercises the same validation, outbox and events as real traffic.
 * Idempotent: identical records and lifecycle steps change nothing, and the demo check is made
 * only if the project has none yet. Tokens are the default dev client's, so
 * `npm run token -- procurement:check` can read the check.
 */
export async function seedDemoData(target: SeedTarget): Promise<Seeded> {
  const send = seedSender(target);
  const writer = await target.mint(['records:write']);
  for (let start = 0; start < demoCreditRecords.length; start += 100) {
    await send('POST', '/v1/credit-records', writer, { records: demoCreditRecords.slice(start, start + 100) });
  }
  for (const step of demoLifecycle) {
    await send(
      'POST',
      `/v1/credit-records/${encodeURIComponent(step.recordId)}/${paths[step.action]}`,
      writer,
      step.body,
    );
  }
  const buyer = await target.mint(['procurement:check']);
  const { projectId } = demoProcurementProject;
  const listed = await send('GET', `/v1/procurement/projects/${projectId}/checks?limit=1`, buyer);
  let check = (listed.items as Record<string, unknown>[])[0];
  const created = check === undefined;
  if (!check) {
    // Checks read summaries that events maintain: the records' events must have been handled.
    await target.eventsSettled();
    check = await send('POST', '/v1/procurement/checks', buyer, demoProcurementProject);
  }
  // Scores read the merchants' credit summaries: the records' events come first. A roster sent
  // again unchanged is answered with its first submission and writes nothing.
  await target.eventsSettled();
  for (const roster of demoShoppingRosters) {
    const token = await target.mint(['merchants:write'], { district: roster.districtId });
    await send('PUT', `/v1/shopping/districts/${roster.districtId}/periods/${roster.period}/merchants`, token, {
      merchants: roster.merchants,
    });
  }
  return {
    shoppingRosters: demoShoppingRosters.length,
    records: demoCreditRecords.length,
    steps: demoLifecycle.length,
    check: { checkId: String(check.checkId), projectId, summary: check.summary, created },
    care: await seedCareData(target),
  };
}

const seedSender =
  (target: SeedTarget) =>
  async (method: 'GET' | 'POST' | 'PUT', path: string, token: string, body?: unknown, accept: number[] = []) => {
    const { status, json } = await target.call(method, path, token, body);
    if (status >= 300 && !accept.includes(status)) {
      throw new Error(`Seeding ${method} ${path} failed: ${status} ${JSON.stringify(json)}`);
    }
    return json as Record<string, unknown>;
  };

/**
 * Care agencies, their workers, reviewed services and one move between agencies. Idempotent: an
 * identical registration writes nothing; the moved worker's first file answers 409 once closed;
 * services are recorded only for agencies that have no rating yet.
 */
async function seedCareData(target: SeedTarget): Promise<Seeded['care']> {
  const send = seedSender(target);
  const admin = await target.mint(['care:admin']);
  const agencyTokens = new Map<string, string>();
  const agencyToken = async (agency: string) => {
    if (!agencyTokens.has(agency)) agencyTokens.set(agency, await target.mint(['care:write'], { agency }));
    return agencyTokens.get(agency)!;
  };
  const ratedBefore = new Set<string>();
  for (const agency of demoCareAgencies) {
    const registered = await send('PUT', `/v1/care/agencies/${agency.uscc}`, admin, agency.body);
    if (((registered.rating as { count?: number } | undefined)?.count ?? 0) > 0) ratedBefore.add(agency.uscc);
  }
  for (const worker of demoCareWorkers) {
    const path = `/v1/care/agencies/${worker.agency}/workers/${worker.badgeNo}`;
    await send('PUT', path, await agencyToken(worker.agency), worker.body, worker.movesTo ? [409] : []);
  }
  for (const review of demoCareReviews) {
    if (ratedBefore.has(review.agency)) continue;
    const { agency, rating, comment, ...service } = review;
    const recorded = await send('POST', `/v1/care/agencies/${agency}/services`, await agencyToken(agency), service);
    await send('POST', '/v1/care/reviews', admin, {
      reviewToken: recorded.reviewToken,
      rating,
      ...(comment ? { comment } : {}),
    });
  }
  for (const worker of demoCareWorkers) {
    if (!worker.movesTo) continue;
    const { agency, badgeNo } = worker.movesTo;
    await send('PUT', `/v1/care/agencies/${agency}/workers/${badgeNo}`, await agencyToken(agency), worker.body);
  }
  return { agencies: demoCareAgencies.length, workers: demoCareWorkers.length, reviews: demoCareReviews.length };
}

const markDemoData = (db: DynamoDBClient, table: string, marker: DemoDataMarker) =>
  db.send(new PutItemCommand({ TableName: table, Item: marshall({ ...DEMO_DATA_MARKER_KEY, ...marker }) }));

/**
 * Marks the demo data as loading unless it is known to be fully loaded; true when it must be
 * seeded. The `loaded` marker is written last (`finishDemoData`), so a start killed while
 * seeding leaves `seeding` behind and the next start seeds again, which is safe because
 * seeding is idempotent. Health answers `seeding` meanwhile.
 */
export async function beginDemoData(db: DynamoDBClient, table: string, now = new Date()): Promise<boolean> {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(DEMO_DATA_MARKER_KEY), ConsistentRead: true }),
  );
  if (Item && (unmarshall(Item) as DemoDataMarker).state === 'loaded') return false;
  await markDemoData(db, table, { state: 'seeding', startedAt: now.toISOString() });
  return true;
}

export const finishDemoData = (db: DynamoDBClient, table: string, now = new Date()) =>
  markDemoData(db, table, { state: 'loaded', loadedAt: now.toISOString() });

/** Seeds unless the demo data is loaded; undefined when there was nothing to do. */
export async function ensureDemoData(
  db: DynamoDBClient,
  table: string,
  seed: () => Promise<Seeded>,
): Promise<Seeded | undefined> {
  if (!(await beginDemoData(db, table))) return undefined;
  const seeded = await seed();
  await finishDemoData(db, table);
  return seeded;
}

/** The seeder's view of a platform served over HTTP on this machine. */
export function httpSeedTarget(baseUrl: string, registry: { db: DynamoDBClient; table: string }): SeedTarget {
  return {
    async mint(scopes, claims) {
      let clientId = DEFAULT_CLIENT_ID;
      if (claims) {
        // The same dev client `npm run token -- --district <id>` or `--agency <USCC>` registers.
        clientId = (
          await ensureDevClient(
            registry.db,
            registry.table,
            validateRegistration({ clientId: devClientIdFor(claims), scopes, ...claims }),
          )
        ).clientId;
      }
      return requestToken(baseUrl, { clientId, clientSecret: DEV_CLIENT_SECRET, scopes });
    },
    async call(method, path, token, body) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: await response.json() };
    },
    eventsSettled: () => publisherPassedSince(baseUrl, Date.now()),
  };
}

/**
 * The local poller reads the whole stream each pass and beats only once the bus has delivered
 * what it handed on: a beat after `since` means everything written before it reached its subscribers.
 */
async function publisherPassedSince(baseUrl: string, since: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${baseUrl}/v1/health`)).json()) as { events?: { lastPollAt?: string } };
    if (Date.parse(health.events?.lastPollAt ?? '') > since) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the event pipeline did not catch up within 30 s');
}
