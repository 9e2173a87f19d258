import { config, resetConfigForTests } from './config.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

// Only config.ts is imported here, so this also shows it loads zod/mini's English messages itself.
test('a misconfigured function names every bad variable, in English', () => {
  process.env = { PATH: saved.PATH, TABLE_NAME: 'ab', DYNAMODB_ENDPOINT: 'not a url' };
  resetConfigForTests();
  expect(() => config()).toThrow(
    'Invalid configuration: TABLE_NAME: Too small: expected string to have >=3 characters; DYNAMODB_ENDPOINT: Invalid URL',
  );
});

test('defaults fill what is not set', () => {
  process.env = { PATH: saved.PATH, TABLE_NAME: 'credit-plus' };
  resetConfigForTests();
  expect(config()).toEqual({
    TABLE_NAME: 'credit-plus',
    AWS_REGION: 'cn-north-1',
    AUTH_SCOPE_PREFIX: '',
    AUTH_TOKEN_ALGORITHM: 'ES256',
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: 3600,
    SERVICE_NAME: 'credit-plus',
  });
});
