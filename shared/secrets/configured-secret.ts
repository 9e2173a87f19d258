import { readFile } from 'node:fs/promises';

let workerIdSecret: Promise<Buffer> | undefined;

/**
 * The worker-id HMAC key: Secrets Manager in AWS (WORKER_ID_SECRET_ARN), the generated file in the
 * local data folder otherwise (WORKER_ID_SECRET_FILE). Read once per cold start; the SDK client is
 * loaded only where the secret lives in AWS, so local runs and tests never pull it in.
 */
export function configuredWorkerIdSecret(): Promise<Buffer> {
  workerIdSecret ??= readWorkerIdSecret().catch((error: Error) => {
    workerIdSecret = undefined;
    throw error;
  });
  return workerIdSecret;
}

async function readWorkerIdSecret(): Promise<Buffer> {
  const { WORKER_ID_SECRET_ARN, WORKER_ID_SECRET_FILE } = process.env;
  let secret: string | undefined;
  if (WORKER_ID_SECRET_ARN) {
    const { secretsManagerString } = await import('./secrets-manager.js');
    secret = await secretsManagerString(WORKER_ID_SECRET_ARN);
  } else if (WORKER_ID_SECRET_FILE) {
    secret = (await readFile(WORKER_ID_SECRET_FILE, 'utf8')).trim();
  } else {
    throw new Error('Invalid configuration: set WORKER_ID_SECRET_ARN (deployed) or WORKER_ID_SECRET_FILE (local)');
  }
  // A short key would make the keyed hash of an ID number (a small space) cheap to brute-force.
  if (!secret || secret.length < 32) throw new Error('The worker-id secret is shorter than 32 characters');
  return Buffer.from(secret, 'utf8');
}
