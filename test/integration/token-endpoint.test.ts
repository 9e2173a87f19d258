import { jest } from '@jest/globals';
import { decodeJwt } from 'jose';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET } from '../../local/issuer.js';
import { ensureDevClient } from '../../local/registry-access.js';
import { hashClientSecret } from '../../shared/clients/secret.js';
import { putClient } from '../../shared/clients/store.js';

jest.setTimeout(60_000);

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  await putClient(platform.db, platform.table, {
    clientId: 'jingan-app',
    scopes: ['merchants:write'],
    district: 'jingan',
    secretHash: await hashClientSecret('jingan-secret'),
  });
});

afterAll(() => platform.stop());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = 'application/x-www-form-urlencoded';

function tokenRequest(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return platform.call('POST', '/oauth2/token', {
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': form, ...headers },
  });
}

describe('POST /oauth2/token (local only, shaped like Cognito’s)', () => {
  test('client credentials with HTTP Basic → a Bearer token the API accepts', async () => {
    const response = await tokenRequest(
      { grant_type: 'client_credentials', scope: 'credit-plus/procurement:check' },
      { authorization: basic(DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET) },
    );
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
    const claims = decodeJwt(response.json.access_token);
    expect(claims).toMatchObject({ client_id: DEFAULT_CLIENT_ID, scope: 'credit-plus/procurement:check' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    const listed = await platform.call('GET', '/v1/procurement/projects/NONE/checks', {
      token: response.json.access_token,
    });
    expect(listed.status).toBe(200);
    // A scope the token was not given is still 403 at the handler.
    const ingest = await platform.call('POST', '/v1/credit-records', {
      token: response.json.access_token,
      body: { records: [] },
    });
    expect(ingest.status).toBe(403);
  });

  test('form-field client authentication, and the registry’s claims in the token', async () => {
    const response = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'jingan-app',
      client_secret: 'jingan-secret',
    });
    expect(response.status).toBe(200);
    // No scope asked: all of the client's scopes, as Cognito does.
    expect(decodeJwt(response.json.access_token)).toMatchObject({
      client_id: 'jingan-app',
      scope: 'credit-plus/merchants:write',
      district: 'jingan',
    });
  });

  test('a wrong secret, an unknown client or a client without a local secret → 401 invalid_client', async () => {
    await putClient(platform.db, platform.table, { clientId: 'cognito-only', scopes: ['records:write'] });
    for (const [id, secret] of [
      [DEFAULT_CLIENT_ID, 'wrong'],
      ['nobody', DEV_CLIENT_SECRET],
      ['cognito-only', ''],
    ] as const) {
      const response = await tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(id, secret) });
      expect(response.status).toBe(401);
      expect(response.json.error).toBe('invalid_client');
      expect(response.headers['www-authenticate']).toBe('Basic');
    }
    const noSecret = await tokenRequest({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT_ID });
    expect(noSecret.status).toBe(401);
    expect(noSecret.json.error).toBe('invalid_client');
  });

  test('a scope the client does not hold, or without the resource server prefix → 400 invalid_scope', async () => {
    for (const scope of ['credit-plus/merchants:write', 'records:write', 'credit-plus/nonsense']) {
      const response = await tokenRequest(
        { grant_type: 'client_credentials', scope },
        { authorization: basic(DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET) },
      );
      expect(response.status).toBe(400);
      expect(response.json.error).toBe('invalid_scope');
    }
  });

  test('another grant type → 400 unsupported_grant_type; none → invalid_request; JSON → invalid_request', async () => {
    const auth = { authorization: basic(DEFAULT_CLIENT_ID, DEV_CLIENT_SECRET) };
    const password = await tokenRequest({ grant_type: 'password', username: 'u', password: 'p' }, auth);
    expect(password.status).toBe(400);
    expect(password.json.error).toBe('unsupported_grant_type');
    const missing = await tokenRequest({ scope: 'credit-plus/records:write' }, auth);
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe('invalid_request');
    const json = await platform.call('POST', '/oauth2/token', {
      body: { grant_type: 'client_credentials' },
      headers: auth,
    });
    expect(json.status).toBe(400);
    expect(json.json.error).toBe('invalid_request');
  });

  test('a rotated secret: the old one gets no further tokens', async () => {
    await ensureDevClient(platform.db, platform.table, { clientId: 'temp-app', scopes: ['records:write'] });
    const ask = () =>
      tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic('temp-app', DEV_CLIENT_SECRET) });
    expect((await ask()).status).toBe(200);
    await putClient(platform.db, platform.table, {
      clientId: 'temp-app',
      scopes: ['records:write'],
      secretHash: await hashClientSecret('rotated'),
    });
    expect((await ask()).status).toBe(401);
  });
});
