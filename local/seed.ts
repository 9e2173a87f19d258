import { demoCreditRecords, demoLifecycle, demoProcurementProject } from './demo-data.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from './issuer.js';
import { requestToken } from './token-client.js';

const paths = {
  repair: 'repair',
  revoke: 'revoke',
  objection: 'objection',
  resolve: 'objection/resolve',
} as const;

/**
 * Loads the demo data through the public HTTP API, exactly as a regulator's and a procurement
 * system would, so seeding exercises the same validation, outbox and events as real traffic.
 * Records and lifecycle steps are idempotent. Tokens come from the platform's token endpoint as
 * the default dev client, so the demo check is the dev client's and `npm run token --
 * procurement:check` can read it.
 */
export async function seedDemoData(baseUrl: string) {
  const mint = (scopes: string[]) =>
    requestToken(baseUrl, { clientId: DEFAULT_CLIENT_ID, clientSecret: DEV_CLIENT_SECRET, scopes });
  const post = async (path: string, token: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Seeding ${path} failed: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const writer = await mint(['records:write']);
  for (let start = 0; start < demoCreditRecords.length; start += 100) {
    await post('/v1/credit-records', writer, { records: demoCreditRecords.slice(start, start + 100) });
  }
  for (const step of demoLifecycle) {
    await post(`/v1/credit-records/${encodeURIComponent(step.recordId)}/${paths[step.action]}`, writer, step.body);
  }
  await eventsHandledSince(baseUrl, Date.now());
  const check = await post('/v1/procurement/checks', await mint(['procurement:check']), demoProcurementProject);
  return {
    records: demoCreditRecords.length,
    steps: demoLifecycle.length,
    check: { checkId: String(check.checkId), projectId: demoProcurementProject.projectId, summary: check.summary },
  };
}

/** Checks read summaries that events maintain: wait until the publisher has passed `since`. */
async function eventsHandledSince(baseUrl: string, since: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${baseUrl}/v1/health`)).json()) as { events?: { lastPassAt?: string } };
    if (Date.parse(health.events?.lastPassAt ?? '') > since) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the event pipeline did not catch up within 30 s');
}
