import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { config } from '../config.js';

let client: DynamoDBClient | undefined;

/**
 * The function's one DynamoDB client, made on first use and reused across invocations. In
 * Lambda the credentials come from the environment, which keeps the SDK's whole provider chain
 * out of the bundle; against DynamoDB Local any static credentials do.
 */
export function dynamo(): DynamoDBClient {
  if (client) return client;
  const { DYNAMODB_ENDPOINT, AWS_REGION } = config();
  client = DYNAMODB_ENDPOINT
    ? new DynamoDBClient({
        endpoint: DYNAMODB_ENDPOINT,
        region: AWS_REGION,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      })
    : new DynamoDBClient({ region: AWS_REGION, credentials: fromEnv() });
  return client;
}

export function tableName(): string {
  return config().TABLE_NAME;
}
