import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { apiGatewayEvent, lambdaContext } from '../../../local/api-gateway.js';
import { careRoutes } from '../routes.js';
import { secretHash } from '../workers/lookup-code.js';
import { badgeKey } from '../workers/store.js';

/**
 * A wrong code, an unknown badge and a closed file must be told apart by nothing: not the answer,
 * not the work done (the same DynamoDB calls in the same order, so the same time). Checked on the
 * calls the handler makes, not with a clock.
 */
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const dynamoMock = mockClient(DynamoDBClient);
const code = 'C0rrectC0deC0rrectC0de';
const agency = '91310104MA1KC2PD3R';
const badge = (open: boolean) => ({
  ...badgeKey('XH-0001'),
  badgeNo: 'XH-0001',
  agency,
  workerKey: 'f'.repeat(64),
  maskedName: '张*明',
  role: '养老护理员',
  certifications: [],
  healthCheckValidTo: '2099-01-01',
  insuranceValidTo: '2099-01-01',
  codeHash: secretHash(code),
  open,
  openedAt: '2026-01-01T00:00:00.000Z',
});
let lookup: Handler;

beforeAll(async () => {
  const secretFile = join(mkdtempSync(join(tmpdir(), 'care-lookup-')), 'worker-id-secret');
  writeFileSync(secretFile, 'x'.repeat(43));
  delete process.env.DYNAMODB_ENDPOINT;
  Object.assign(process.env, {
    TABLE_NAME: 'lookup-test',
    AWS_REGION: 'cn-north-1',
    LOG_LEVEL: 'SILENT',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    WORKER_ID_SECRET_FILE: secretFile,
  });
  (await import('../../../shared/config.js')).resetConfigForTests();
  lookup = (await import('./lookup-worker.js')).handler as unknown as Handler;
});
beforeEach(() => {
  dynamoMock.reset();
  dynamoMock.on(UpdateItemCommand).resolves({ Attributes: marshall({ attempts: 1 }) });
});

async function attempt(body: { badgeNo: string; code: string }) {
  const event = apiGatewayEvent(
    {
      method: 'POST',
      url: careRoutes.lookupWorker.path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    { ...careRoutes.lookupWorker, handler: 'test', access: [] },
    {},
  );
  const response = await lookup(event, lambdaContext('care.lookup-worker'));
  const { instance: _instance, ...problem } = JSON.parse(response.body);
  const calls = dynamoMock.calls().map((call) => call.args[0].constructor.name);
  return { status: response.statusCode, problem, calls };
}

test('wrong code, unknown badge and closed file: the same 404 after the same calls', async () => {
  dynamoMock.on(GetItemCommand).resolves({ Item: marshall(badge(true)) });
  const wrongCode = await attempt({ badgeNo: 'XH-0001', code: `${code.slice(0, -1)}X` });
  dynamoMock.reset();
  dynamoMock.on(UpdateItemCommand).resolves({ Attributes: marshall({ attempts: 1 }) });
  dynamoMock.on(GetItemCommand).resolves({});
  const unknownBadge = await attempt({ badgeNo: 'XH-0001', code });
  dynamoMock.reset();
  dynamoMock.on(UpdateItemCommand).resolves({ Attributes: marshall({ attempts: 1 }) });
  dynamoMock.on(GetItemCommand).resolves({ Item: marshall(badge(false)) });
  const closedFile = await attempt({ badgeNo: 'XH-0001', code });
  expect(wrongCode.status).toBe(404);
  expect(wrongCode.calls).toEqual(['UpdateItemCommand', 'UpdateItemCommand', 'GetItemCommand']);
  expect(unknownBadge).toEqual(wrongCode);
  expect(closedFile).toEqual(wrongCode);
});

test('the right code reads the agency and person and records the lookup; no address is stored', async () => {
  dynamoMock.on(GetItemCommand).resolves({ Item: marshall(badge(true)) });
  dynamoMock.on(BatchGetItemCommand).resolves({ Responses: {} });
  dynamoMock.on(PutItemCommand).resolves({});
  const found = await attempt({ badgeNo: 'XH-0001', code });
  expect(found.status).toBe(200);
  const written = JSON.stringify(dynamoMock.calls().map((call) => call.args[0].input));
  expect(written).not.toContain('127.0.0.1');
  expect(dynamoMock.commandCalls(PutItemCommand)).toHaveLength(1);
});

test('a lookup whose record cannot be stored is not answered', async () => {
  dynamoMock.on(GetItemCommand).resolves({ Item: marshall(badge(true)) });
  dynamoMock.on(BatchGetItemCommand).resolves({ Responses: {} });
  dynamoMock.on(PutItemCommand).rejects(new Error('throttled'));
  const failed = await attempt({ badgeNo: 'XH-0001', code });
  expect(failed.status).toBe(500);
});

test('past the limit the answer is 429 with Retry-After, whether or not the code is right', async () => {
  dynamoMock.on(UpdateItemCommand).resolves({ Attributes: marshall({ attempts: 21 }) });
  dynamoMock.on(GetItemCommand).resolves({ Item: marshall(badge(true)) });
  const event = apiGatewayEvent(
    {
      method: 'POST',
      url: careRoutes.lookupWorker.path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ badgeNo: 'XH-0001', code }),
    },
    { ...careRoutes.lookupWorker, handler: 'test', access: [] },
    {},
  );
  const response = await lookup(event, lambdaContext('care.lookup-worker'));
  expect(response.statusCode).toBe(429);
  expect(Number(response.headers?.['retry-after'])).toBeGreaterThan(0);
  expect(dynamoMock.commandCalls(BatchGetItemCommand)).toHaveLength(0);
  expect(dynamoMock.commandCalls(PutItemCommand)).toHaveLength(0);
});
