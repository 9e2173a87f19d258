import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { ephemeralIssuer, LOCAL_ISSUER, type LocalIssuer } from '../../local/issuer.js';
import { resetConfigForTests } from '../config.js';
import { type Caller, requireOwnClaim, requireScope, resetAuthForTests, verifyBearer } from './auth.js';
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

/** Signs a token with the custom trusted key: any claims, any issuer, any expiry. */
function sign(claims: JWTPayload, options: { issuer?: string; expiresIn?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'custom-test-key' })
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(customKey.privateKey);
}

async function rejection(authorization: string | undefined): Promise<HttpProblem> {
  const error = await verifyBearer(authorization).then(
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

  test('a token without client_id falls back to sub', async () => {
    const token = await sign({ sub: 'machine-7', scope: 'care:admin', token_use: 'access' });
    await expect(verifyBearer(`Bearer ${token}`)).resolves.toEqual({ clientId: 'machine-7', scopes: ['care:admin'] });
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

  test('an ID token (token_use: id) → 401', async () => {
    const token = await sign({ client_id: 'c', scope: 'records:write', token_use: 'id' });
    const problem = await expectUnauthorized(`Bearer ${token}`);
    expect(problem.message).toMatch(/not an access token/);
  });

  test('a token naming no client → 401', async () => {
    await expectUnauthorized(`Bearer ${await sign({ scope: 'records:write', token_use: 'access' })}`);
  });

  test('a token with a tampered payload → 401', async () => {
    const token = await issuer.mint({ scopes: ['procurement:check'] });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({ client_id: 'x', scope: 'records:write', iss: LOCAL_ISSUER, exp: 9_999_999_999 }),
    ).toString('base64url');
    await expectUnauthorized(`Bearer ${header}.${payload}.${signature}`);
  });

  test('a misconfigured function fails loudly instead of letting requests through', async () => {
    delete process.env.AUTH_ISSUER;
    resetConfigForTests();
    const token = await issuer.mint({ scopes: ['records:write'] });
    await expect(verifyBearer(`Bearer ${token}`)).rejects.toThrow(/AUTH_ISSUER/);
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
