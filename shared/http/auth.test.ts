import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { ephemeralIssuer, LOCAL_ISSUER, type LocalIssuer } from '../../local/issuer.js';
import type { RegisteredClient } from '../clients/client.js';
import { type ClientDirectory, cachedClientDirectory } from '../clients/store.js';
import { resetConfigForTests } from '../config.js';
import { authenticate, type Caller, requireOwnClaim, requireScope, resetAuthForTests, verifyBearer } from './auth.js';
import { HttpProblem } from './problem.js';

let issuer: LocalIssuer;
let stranger: LocalIssuer;
/** A second trusted key, so tests can sign tokens with claims the local issuer never writes. */
let customKey: { privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']; publicJwk: JWK };

const savedEnv = { ...process.env };

beforeAll(async () => {
  issuer = await ephemeralIssuer();
  stranger = await ephemeralIssuer();
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  customKey = { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'custom-test-key', alg: 'ES256' } };
});

beforeEach(() => {
  process.env = { ...savedEnv };
  delete process.env.AUTH_SCOPE_PREFIX;
  delete process.env.AUTH_JWKS_URL;
  delete process.env.AUTH_TOKEN_ALGORITHM;
  delete process.env.AUTH_MAX_TOKEN_LIFETIME_SECONDS;
  Object.assign(process.env, {
    TABLE_NAME: 'auth-test',
    AUTH_ISSUER: issuer.issuer,
    AUTH_JWKS: JSON.stringify({ keys: [...issuer.jwks.keys, customKey.publicJwk] }),
  });
  resetConfigForTests();
  resetAuthForTests();
});

afterAll(() => {
  process.env = savedEnv;
  resetConfigForTests();
  resetAuthForTests();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs a token with the custom trusted key: any claims, any issuer, any `iat` and `exp` (null: left out). */
function sign(
  claims: JWTPayload,
  options: { issuer?: string; expiresIn?: string; iat?: number | null; exp?: number | null } = {},
) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'custom-test-key' })
    .setIssuer(options.issuer ?? LOCAL_ISSUER);
  if (options.iat !== null) jwt.setIssuedAt(options.iat ?? nowSeconds());
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? options.expiresIn ?? '1h');
  return jwt.sign(customKey.privateKey);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const validClaims = () => ({
  client_id: 'credit-platform',
  scope: 'records:write',
  token_use: 'access',
  iss: LOCAL_ISSUER,
  iat: nowSeconds(),
  exp: nowSeconds() + 600,
});

/** A fixed registry, read through the same cache the handlers use. */
function directory(clients: RegisteredClient[]): ClientDirectory & { reads: string[] } {
  const reads: string[] = [];
  const cached = cachedClientDirectory(
    async (clientId) => {
      reads.push(clientId);
      return clients.find((client) => client.clientId === clientId);
    },
    { ttlMs: 60_000 },
  );
  return { reads, find: (clientId) => cached.find(clientId) };
}

async function rejection(attempt: string | undefined | Promise<unknown>): Promise<HttpProblem> {
  const verifying = typeof attempt === 'object' ? attempt : verifyBearer(attempt);
  const error = await verifying.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpProblem);
  return error as HttpProblem;
}

async function expectUnauthorized(authorization: string | undefined) {
  const problem = await rejection(authorization);
  expect(problem.status).toBe(401);
  expect(problem.headers?.['www-authenticate']).toMatch(/^Bearer/);
  return problem;
}

describe('verifyBearer', () => {
  test('a valid access token → the caller with its client id, scopes and claims', async () => {
    const token = await issuer.mint({
      scopes: ['records:write', 'procurement:check'],
      clientId: 'credit-platform',
      district: 'huangpu',
    });
    await expect(verifyBearer(`Bearer ${token}`)).resolves.toEqual({
      clientId: 'credit-platform',
      scopes: ['records:write', 'procurement:check'],
      district: 'huangpu',
    });
    // The scheme is case-insensitive (RFC 9110) and surrounding whitespace is tolerated.
    await expect(verifyBearer(`bearer   ${token} `)).resolves.toMatchObject({ clientId: 'credit-platform' });
  });

  test('a token without client_id → 401, even with a sub', async () => {
    const token = await sign({ sub: 'machine-7', scope: 'care:admin', token_use: 'access' });
    const problem = await expectUnauthorized(`Bearer ${token}`);
    expect(problem.message).toMatch(/names no client/);
  });

  test('Cognito-style prefixed scopes are stripped with AUTH_SCOPE_PREFIX', async () => {
    process.env.AUTH_SCOPE_PREFIX = 'credit-plus/';
    resetConfigForTests();
    const token = await sign({
      client_id: 'cognito-client',
      token_use: 'access',
      scope: 'credit-plus/records:write credit-plus/care:write other-server/care:admin',
    });
    const caller = await verifyBearer(`Bearer ${token}`);
    expect(caller.scopes).toEqual(['records:write', 'care:write', 'other-server/care:admin']);
    expect(() => requireScope(caller, 'records:write')).not.toThrow();
    // Another resource server's scope must not pass as ours.
    expect(() => requireScope(caller, 'care:admin')).toThrow(HttpProblem);
  });

  test('a missing header → 401 with a bare Bearer challenge', async () => {
    const problem = await expectUnauthorized(undefined);
    expect(problem.headers?.['www-authenticate']).toBe('Bearer');
    await expectUnauthorized('');
  });

  test.each([
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['the scheme alone', 'Bearer'],
    ['the scheme and spaces', 'Bearer    '],
    ['two tokens', 'Bearer a b'],
  ])('not a Bearer header (%s) → 401', async (_why, header) => {
    await expectUnauthorized(header);
  });

  test('garbage → 401 invalid_token', async () => {
    const problem = await expectUnauthorized('Bearer not.a.jwt');
    expect(problem.headers?.['www-authenticate']).toBe('Bearer error="invalid_token"');
    await expectUnauthorized('Bearer eyJhbGciOiJub25lIn0.eyJzY29wZSI6InJlY29yZHM6d3JpdGUifQ.');
  });

  test('a token signed by another issuer’s key → 401', async () => {
    const token = await stranger.mint({ scopes: ['records:write'] });
    await expectUnauthorized(`Bearer ${token}`);
  });

  test('a token from a trusted key but naming another issuer → 401', async () => {
    const token = await sign(
      { client_id: 'c', scope: 'records:write', token_use: 'access' },
      { issuer: 'https://evil.example/issuer' },
    );
    await expectUnauthorized(`Bearer ${token}`);
  });

  test('an expired token → 401', async () => {
    const token = await issuer.mint({ scopes: ['records:write'], expiresInSeconds: -10 });
    const problem = await expectUnauthorized(`Bearer ${token}`);
    expect(problem.message).toMatch(/invalid or expired/);
  });

  test('an ID token (token_use: id) or one without token_use → 401', async () => {
    for (const claims of [{ token_use: 'id' }, {}]) {
      const token = await sign({ client_id: 'c', scope: 'records:write', ...claims });
      const problem = await expectUnauthorized(`Bearer ${token}`);
      expect(problem.message).toMatch(/not an access token/);
    }
  });

  test('a token without exp → 401', async () => {
    const token = await sign({ client_id: 'c', scope: 'records:write', token_use: 'access' }, { exp: null });
    await expectUnauthorized(`Bearer ${token}`);
  });

  test('a token without iat → 401', async () => {
    const token = await sign({ client_id: 'c', scope: 'records:write', token_use: 'access' }, { iat: null });
    await expectUnauthorized(`Bearer ${token}`);
  });

  test('a lifetime (exp - iat) beyond the issuer’s maximum → 401; exactly the maximum passes', async () => {
    const claims = { client_id: 'c', scope: 'records:write', token_use: 'access' };
    const iat = nowSeconds() - 10;
    const tooLong = await sign(claims, { iat, exp: iat + 3601 });
    expect((await expectUnauthorized(`Bearer ${tooLong}`)).message).toMatch(/lives longer than the issuer's 3600 s/);
    await expect(verifyBearer(`Bearer ${await sign(claims, { iat, exp: iat + 3600 })}`)).resolves.toMatchObject({
      clientId: 'c',
    });
    // The maximum is configuration: a shorter one refuses the same token.
    process.env.AUTH_MAX_TOKEN_LIFETIME_SECONDS = '600';
    resetConfigForTests();
    await expectUnauthorized(`Bearer ${await sign(claims, { iat, exp: iat + 3600 })}`);
  });

  test('a token issued in the future → 401; within the clock skew it passes', async () => {
    const claims = { client_id: 'c', scope: 'records:write', token_use: 'access' };
    const future = nowSeconds() + 300;
    const early = await sign(claims, { iat: future, exp: future + 600 });
    expect((await expectUnauthorized(`Bearer ${early}`)).message).toMatch(/issued in the future/);
    const skewed = nowSeconds() + 30;
    await expect(
      verifyBearer(`Bearer ${await sign(claims, { iat: skewed, exp: skewed + 600 })}`),
    ).resolves.toMatchObject({ clientId: 'c' });
  });

  test('an aud other than the client → 401', async () => {
    const claims = { client_id: 'c', scope: 'records:write', token_use: 'access' };
    await expectUnauthorized(`Bearer ${await sign({ ...claims, aud: 'another-client' })}`);
    await expectUnauthorized(`Bearer ${await sign({ ...claims, aud: ['c', 'another-client'] })}`);
    await expect(verifyBearer(`Bearer ${await sign({ ...claims, aud: 'c' })}`)).resolves.toMatchObject({
      clientId: 'c',
    });
  });

  test('alg none, crafted by hand → 401', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${base64url({ alg, typ: 'JWT' })}.${base64url(validClaims())}.`;
      await expectUnauthorized(`Bearer ${token}`);
    }
  });

  test('HMAC with the public key as the secret (algorithm confusion) → 401', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(customKey.publicJwk));
    const token = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'HS256', kid: 'custom-test-key' })
      .sign(secret);
    await expectUnauthorized(`Bearer ${token}`);
  });

  test('only the pinned algorithm: an RS256 key in the key set does not make RS256 tokens pass locally', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const rsaJwk = { ...(await exportJWK(publicKey)), kid: 'rsa-key', alg: 'RS256' };
    process.env.AUTH_JWKS = JSON.stringify({ keys: [...issuer.jwks.keys, rsaJwk] });
    resetAuthForTests();
    const token = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-key' })
      .sign(privateKey);
    await expectUnauthorized(`Bearer ${token}`);
    // Configured for Cognito (RS256), the same token passes and ES256 tokens no longer do.
    process.env.AUTH_TOKEN_ALGORITHM = 'RS256';
    resetConfigForTests();
    await expect(verifyBearer(`Bearer ${token}`)).resolves.toMatchObject({ clientId: 'credit-platform' });
    await expectUnauthorized(`Bearer ${await issuer.mint({ scopes: ['records:write'] })}`);
  });

  test('a token naming no client → 401', async () => {
    await expectUnauthorized(`Bearer ${await sign({ scope: 'records:write', token_use: 'access' })}`);
  });

  test('a token with a tampered payload → 401', async () => {
    const token = await issuer.mint({ scopes: ['procurement:check'] });
    const [header, , signature] = token.split('.');
    await expectUnauthorized(`Bearer ${header}.${base64url(validClaims())}.${signature}`);
  });

  test('a misconfigured function fails loudly instead of letting requests through', async () => {
    delete process.env.AUTH_ISSUER;
    resetConfigForTests();
    const token = await issuer.mint({ scopes: ['records:write'] });
    await expect(verifyBearer(`Bearer ${token}`)).rejects.toThrow(/AUTH_ISSUER/);
  });
});

describe('authenticate: the client registry decides', () => {
  const registry = () =>
    directory([
      { clientId: 'credit-platform', scopes: ['records:write'] },
      { clientId: 'jingan-app', scopes: ['merchants:write'], district: 'jingan' },
    ]);

  test('a registered client with the route’s scope → the caller', async () => {
    const clients = registry();
    const token = await issuer.mint({ scopes: ['records:write'], clientId: 'credit-platform' });
    await expect(authenticate(`Bearer ${token}`, 'records:write', clients)).resolves.toEqual({
      clientId: 'credit-platform',
      scopes: ['records:write'],
    });
    // The registry is read once per client, then served from the cache.
    await authenticate(`Bearer ${token}`, 'records:write', clients);
    expect(clients.reads).toEqual(['credit-platform']);
  });

  test('a client that is not registered → 401', async () => {
    const token = await issuer.mint({ scopes: ['records:write'], clientId: 'stranger' });
    const problem = await rejection(authenticate(`Bearer ${token}`, 'records:write', registry()));
    expect(problem.status).toBe(401);
    expect(problem.message).toMatch(/"stranger" is not registered/);
  });

  test('a scope in the token but not in the registration → 403', async () => {
    const token = await issuer.mint({ scopes: ['records:write', 'care:admin'], clientId: 'credit-platform' });
    const problem = await rejection(authenticate(`Bearer ${token}`, 'care:admin', registry()));
    expect(problem.status).toBe(403);
    await expect(authenticate(`Bearer ${token}`, 'records:write', registry())).resolves.toMatchObject({
      scopes: ['records:write'],
    });
  });

  test('a wrong scope → 403 before the registry is read', async () => {
    const clients = registry();
    const token = await issuer.mint({ scopes: ['records:write'], clientId: 'credit-platform' });
    expect((await rejection(authenticate(`Bearer ${token}`, 'procurement:check', clients))).status).toBe(403);
    expect(clients.reads).toEqual([]);
  });

  test('a district or agency claim other than the registration’s → 401', async () => {
    for (const claims of [{ district: 'huangpu' }, {}, { district: 'jingan', agency: '91310000MA1FL4Q38P' }]) {
      const token = await issuer.mint({ scopes: ['merchants:write'], clientId: 'jingan-app', ...claims });
      const problem = await rejection(authenticate(`Bearer ${token}`, 'merchants:write', registry()));
      expect(problem.status).toBe(401);
    }
    const token = await issuer.mint({ scopes: ['merchants:write'], clientId: 'jingan-app', district: 'jingan' });
    await expect(authenticate(`Bearer ${token}`, 'merchants:write', registry())).resolves.toMatchObject({
      district: 'jingan',
    });
  });
});

describe('requireScope and requireOwnClaim', () => {
  const caller: Caller = { clientId: 'district-app', scopes: ['merchants:write'], district: 'huangpu' };

  test('a missing scope → 403', () => {
    expect(() => requireScope(caller, 'merchants:write')).not.toThrow();
    let thrown: unknown;
    try {
      requireScope(caller, 'records:write');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpProblem);
    expect((thrown as HttpProblem).status).toBe(403);
    expect((thrown as HttpProblem).message).toContain('records:write');
  });

  test('another district or a missing agency claim → 403', () => {
    expect(() => requireOwnClaim(caller, 'district', 'huangpu')).not.toThrow();
    for (const attempt of [
      () => requireOwnClaim(caller, 'district', 'jingan'),
      () => requireOwnClaim(caller, 'agency', '91310000MA1FL4Q38P'),
    ]) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpProblem);
      expect((thrown as HttpProblem).status).toBe(403);
    }
  });

  test('end to end: a district token from the issuer only reaches its own district', async () => {
    const token = await issuer.mint({ scopes: ['merchants:write'], clientId: 'jingan-app', district: 'jingan' });
    const verified = await verifyBearer(`Bearer ${token}`);
    expect(() => requireScope(verified, 'merchants:write')).not.toThrow();
    expect(() => requireOwnClaim(verified, 'district', 'jingan')).not.toThrow();
    expect(() => requireOwnClaim(verified, 'district', 'huangpu')).toThrow(HttpProblem);
  });
});
