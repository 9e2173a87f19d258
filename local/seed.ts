import { demoCreditRecords, demoLifecycle } from './demo-data.js';

const paths = {
  repair: 'repair',
  revoke: 'revoke',
  objection: 'objection',
  resolve: 'objection/resolve',
} as const;

/**
 * Loads the demo data through the public HTTP API, exactly as a regulator's system would, so
 * seeding exercises the same validation, outbox and events as real traffic. Safe to repeat:
 * identical records and lifecycle steps change nothing the second time.
 */
export async function seedDemoData(baseUrl: string, token: string): Promise<{ records: number; steps: number }> {
  const send = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Seeding ${path} failed: ${response.status} ${await response.text()}`);
  };
  for (let start = 0; start < demoCreditRecords.length; start += 100) {
    await send('/v1/credit-records', { records: demoCreditRecords.slice(start, start + 100) });
  }
  for (const step of demoLifecycle) {
    await send(`/v1/credit-records/${encodeURIComponent(step.recordId)}/${paths[step.action]}`, step.body);
  }
  return { records: demoCreditRecords.length, steps: demoLifecycle.length };
}
