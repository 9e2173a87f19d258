// Jest loads global setup outside its ESM transform, so the TypeScript helper comes in through tsx.
import { tsImport } from 'tsx/esm/api';

/** One DynamoDB Local engine (in memory) for the whole run; each test file makes its own table. */
export default async function globalSetup() {
  const { startDynamoDbLocal } = await tsImport('../local/dynamodb-local.ts', import.meta.url);
  const engine = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = engine.endpoint;
  globalThis.__dynamoDbLocal = engine;
}
