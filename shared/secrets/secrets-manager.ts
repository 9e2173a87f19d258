import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The string value of a Secrets Manager secret, read with the function's own credentials. */
export async function secretsManagerString(secretId: string): Promise<string> {
  const client = new SecretsManagerClient({ credentials: fromEnv() });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`Secret ${secretId} has no string value`);
    return SecretString;
  } finally {
    client.destroy();
  }
}
