import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { PreTokenGenerationV3TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { clientKey } from '../clients/store.js';
import { resetConfigForTests } from '../config.js';

const dynamoMock = mockClient(DynamoDBClient);
const savedEnv = { ...process.env };
let handler: (event: PreTokenGenerationV3TriggerEvent) => Promise<PreTokenGenerationV3TriggerEvent>;

beforeAll(async () => {
  delete process.env.DYNAMODB_ENDPOINT;
  Object.assign(process.env, {
    TABLE_NAME: 'trigger-test',
    AWS_REGION: 'cn-north-1',
    AUTH_SCOPE_PREFIX: 'credit-plus/',
    LOG_LEVEL: 'SILENT',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
  });
  resetConfigForTests();
  ({ handler } = await import('./pre-token-generation-handler.js'));
});

afterAll(() => {
  dynamoMock.restore();
  process.env = savedEnv;
  resetConfigForTests();
});

const event = (clientId: string, scopes: string[]) =>
  ({
    version: '3',
    triggerSource: 'TokenGeneration_ClientCredentials',
    region: 'cn-north-1',
    userPoolId: 'pool',
    userName: '',
    callerContext: { awsSdkVersion: 'x', clientId },
    request: { userAttributes: {}, groupConfiguration: {}, scopes },
    response: { claimsAndScopeOverrideDetails: {} },
  }) as unknown as PreTokenGenerationV3TriggerEvent;

test('the registered client’s district goes into the access token, read consistently from the registry', async () => {
  dynamoMock.reset();
  dynamoMock.on(GetItemCommand).resolves({
    Item: marshall({ ...clientKey('app-1'), clientId: 'app-1', scopes: ['merchants:write'], district: 'jingan' }),
  });
  const result = await handler(event('app-1', ['credit-plus/merchants:write', 'credit-plus/records:write']));
  expect(result.response.claimsAndScopeOverrideDetails).toEqual({
    accessTokenGeneration: {
      claimsToAddOrOverride: { district: 'jingan' },
      scopesToSuppress: ['credit-plus/records:write'],
    },
  });
  const [read] = dynamoMock.commandCalls(GetItemCommand);
  expect(read?.args[0].input).toMatchObject({
    TableName: 'trigger-test',
    Key: marshall(clientKey('app-1')),
    ConsistentRead: true,
  });
});

test('an unregistered client → the trigger fails, so Cognito issues no token', async () => {
  dynamoMock.reset();
  dynamoMock.on(GetItemCommand).resolves({});
  await expect(handler(event('stranger', ['credit-plus/records:write']))).rejects.toThrow(/not in the client registry/);
});
