import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

const secretsManager = mockClient(SecretsManagerClient);
const environment = { ...process.env };

async function freshReader() {
  const module = await import(`./configured-secret.js?${Math.random()}`);
  return module.configuredWorkerIdSecret as () => Promise<Buffer>;
}

afterEach(() => {
  process.env = { ...environment };
  secretsManager.reset();
});

test('locally the key is the generated file in the data folder', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'worker-id-')), 'worker-id-secret');
  writeFileSync(file, `${'k'.repeat(43)}\n`);
  process.env.WORKER_ID_SECRET_FILE = file;
  delete process.env.WORKER_ID_SECRET_ARN;
  expect((await (await freshReader())()).toString()).toBe('k'.repeat(43));
});

test('in AWS it comes from Secrets Manager, read once per cold start', async () => {
  process.env.WORKER_ID_SECRET_ARN = 'arn:aws:secretsmanager:cn-north-1:123456789012:secret:worker-id';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_REGION = 'cn-north-1';
  secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 's'.repeat(64) });
  const read = await freshReader();
  expect((await read()).toString()).toBe('s'.repeat(64));
  await read();
  expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  expect(secretsManager.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({
    SecretId: process.env.WORKER_ID_SECRET_ARN,
  });
});

test('a missing or short key is a configuration error, not a weak hash', async () => {
  delete process.env.WORKER_ID_SECRET_ARN;
  delete process.env.WORKER_ID_SECRET_FILE;
  await expect((await freshReader())()).rejects.toThrow(/WORKER_ID_SECRET_ARN/);
  const file = join(mkdtempSync(join(tmpdir(), 'worker-id-')), 'short');
  writeFileSync(file, 'short');
  process.env.WORKER_ID_SECRET_FILE = file;
  await expect((await freshReader())()).rejects.toThrow(/shorter than 32/);
});
