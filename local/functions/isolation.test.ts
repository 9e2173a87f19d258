import { grantsScenario } from '../../test/fixtures/grants/scenario.js';
import { startInProcessPlatform } from '../in-process-platform.js';
import { functionEnvironment } from './environment.js';

const platformConfig = {
  common: { TABLE_NAME: 'credit-plus', AUTH_ISSUER: 'https://issuer' },
  signingKeyFile: '/data/signing-key.json',
  workerIdSecretFile: '/data/worker-id-secret',
  localIssuerKeyFile: '/data/issuer-key.json',
  publicOrigin: 'http://127.0.0.1:3999',
};

test.each([
  [[], {}],
  [['table:read', 'table:write'], {}],
  [['signing-key:sign'], { SIGNING_KEY_FILE: '/data/signing-key.json' }],
  [['signing-key:public'], { SIGNING_KEY_FILE: '/data/signing-key.json' }],
  [['worker-id-secret:read'], { WORKER_ID_SECRET_FILE: '/data/worker-id-secret' }],
  [['local-issuer:sign'], { LOCAL_ISSUER_KEY_FILE: '/data/issuer-key.json' }],
  [['public-origin'], { PUBLIC_ORIGIN: 'http://127.0.0.1:3999' }],
] as const)('access %j adds exactly %j to the common configuration', (access, granted) => {
  expect(functionEnvironment('platform', access, platformConfig)).toEqual({
    ...platformConfig.common,
    SERVICE_NAME: 'credit-plus-platform',
    ...granted,
  });
});

describe('a local function sees only what its manifest grants', () => {
  let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
  beforeAll(async () => {
    platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { scenarios: [grantsScenario] });
  });
  afterAll(() => platform.stop());

  test('granted signing-key:sign, the handler signs', async () => {
    const response = await platform.call('POST', '/v1/fixture/granted');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ bytes: 64 });
  }, 30_000);

  test('without the grant, the same handler fails as it would in AWS, although this process has the key', async () => {
    expect(process.env.SIGNING_KEY_FILE).toBeDefined();
    const response = await platform.call('POST', '/v1/fixture/forgot-grant');
    expect(response.status).toBe(502);
    expect(response.json).toMatchObject({ detail: 'fixture.forgot-grant failed without answering.' });
  }, 30_000);
});

test('a subscription with an invalid pattern stops the platform at start-up, naming the rule', async () => {
  const broken = {
    ...grantsScenario,
    routes: [],
    subscriptions: [
      {
        id: 'fixture.bad-rule',
        handler: 'test/fixtures/grants/sign-handler.ts',
        pattern: { source: [{ wildcard: 'credit-plus.**' }] },
        access: [],
      },
    ],
  };
  await expect(startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { scenarios: [broken] })).rejects.toThrow(
    /Invalid event pattern of fixture\.bad-rule: .*Consecutive wildcard characters/,
  );
});
