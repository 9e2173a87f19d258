import { penaltyInput } from '../../functions/platform/credit-records/test-records.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { buildUscc } from '../../shared/uscc.js';

/** What a public web page needs from the API (issue 9), through the local API Gateway. */
let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let writer: string;
const uscc = buildUscc({ orgCodeBody: 'MA1FL8XQ' });
const profilePath = `/v1/subjects/${uscc}/credit-profile`;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
});
afterAll(() => platform.stop());

test('a preflight on a public read is answered by the gateway: any origin, GET and HEAD, no credentials', async () => {
  const preflight = await platform.call('OPTIONS', profilePath, {
    headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers).toMatchObject({
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, HEAD',
    'access-control-allow-headers': 'If-None-Match, X-Correlation-Id',
  });
  expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
});

test('protected paths offer no preflight; every 405 lists HEAD and OPTIONS where they are answered', async () => {
  const protectedPreflight = await platform.call('OPTIONS', '/v1/credit-records');
  expect(protectedPreflight.status).toBe(405);
  expect(protectedPreflight.headers.allow).toBe('POST');
  const wrongMethod = await platform.call('DELETE', profilePath);
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.allow).toBe('GET, HEAD, OPTIONS');
});

test('the profile changes its ETag when its records change, and answers 304 while they do not', async () => {
  const first = await platform.call('GET', profilePath, { headers: { origin: 'https://example.org' } });
  expect(first.status).toBe(200);
  expect(first.headers).toMatchObject({ 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' });
  const etag = first.headers.etag!;

  // The profile is judged as of the current minute: across a minute boundary it is a new one.
  const unchanged = await platform.call('GET', profilePath, { headers: { 'if-none-match': etag } });
  if (unchanged.status === 200) expect(unchanged.json.asOf).not.toBe(first.json.asOf);
  else expect(unchanged).toMatchObject({ status: 304, raw: '' });

  await platform.call('POST', '/v1/credit-records', { token: writer, body: { records: [penaltyInput('P-ETAG')] } });
  const changed = await platform.call('GET', profilePath, { headers: { 'if-none-match': etag } });
  expect(changed.status).toBe(200);
  expect(changed.headers.etag).not.toBe(etag);
});

test('HEAD answers every GET route like GET, without the body', async () => {
  for (const path of [profilePath, '/v1/health', '/v1/openapi.json', '/v1/.well-known/jwks.json']) {
    const get = await platform.call('GET', path);
    const head = await platform.call('HEAD', path);
    expect({ path, status: head.status, body: head.raw }).toEqual({ path, status: get.status, body: '' });
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['cache-control']).toBe(get.headers['cache-control']);
  }
  for (const path of ['/v1/openapi.json', '/v1/.well-known/jwks.json']) {
    const [get, head] = [await platform.call('GET', path), await platform.call('HEAD', path)];
    expect(head.headers.etag).toBe(get.headers.etag);
  }
  const protectedHead = await platform.call('HEAD', '/v1/procurement/checks/C-1');
  expect(protectedHead).toMatchObject({ status: 401, raw: '' });
});

test('health is never cached and has no validator', async () => {
  const health = await platform.call('GET', '/v1/health', { headers: { 'if-none-match': '*' } });
  expect(health.status).toBe(200);
  expect(health.headers['cache-control']).toBe('no-store');
  expect(health.headers.etag).toBeUndefined();
});
