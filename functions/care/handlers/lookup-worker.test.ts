import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { apiGatewayEvent, lambdaContext } from '../../../local/api-gateway.js';
import { careRoutes } from '../routes.js';
import { secretHash } from '../workers/lookup-code.js';
import { badgeKey } from '../workers/store.js';

/**
 * The handler's side of the lookup: the badge write's condition decides (DynamoDB Local proves
 * that a wrong code, an unknown badge and a closed file fail it alike: test/integration/care.test.ts),
 * and every failure then makes the same counting write. Checked on the calls the handler makes.
 */
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const dynamoMock = mockClient(DynamoDBClient);
const code = 'C0rrectC0deC0rrectC0de';
const agency = '91310104MA1KC2PD3R';
const badge = {
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
  open: true,
  openedAt: '2026-01-01T00:00:00.000Z',
  agencyName: '安心家政',
  agencyCreditWindows: [{ flag: 'seriousDishonesty', until: null }],
  agencyRevision: 2,
  ratingCount: 2,
  ratingSum: 9,
  rating4: 1,
  rating5: 1,
};
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const isAnswer = (input: UpdateItemCommandInput) => input.ConditionExpression?.includes('codeHash = :hash') ?? false;
const isCount = (input: UpdateItemCommandInput) => input.UpdateExpression?.startsWith('ADD attempts') ?? false;
const isLock = (input: UpdateItemCommandInput) => input.UpdateExpression?.includes('lockedUntil') ?? false;
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
  });
  (await import('../../../shared/config.js')).resetConfigForTests();
  lookup = (await import('./lookup-worker.js')).handler as unknown as Handler;
});

/** The badge write answers as given; counting reports `attempts` failures in the window. */
function database(answer: 'found' | 'condition-failed' | Error, attempts = 1) {
  dynamoMock.reset();
  dynamoMock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    if (isAnswer(input)) {
      if (answer === 'found') return { Attributes: marshall(badge) };
      throw answer === 'condition-failed' ? conditionFailed() : answer;
    }
    if (isCount(input)) return { Attributes: marshall({ attempts }) };
    return {};
  });
}

async function attempt(body: { badgeNo: string; code: string; source?: string }) {
  const event = apiGatewayEvent(
    {
      method: 'POST',
      url: careRoutes.lookupWorker.path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      sourceIp: '203.0.113.9',
    },
    { ...careRoutes.lookupWorker, handler: 'test', access: [] },
    {},
  );
  const response = await lookup(event, lambdaContext('care.lookup-worker'));
  const updates = dynamoMock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input);
  return { response, body: JSON.parse(response.body), updates };
}

test('the right code is answered by the one write that checks it and records the lookup with its event', async () => {
  database('found');
  const { response, body, updates } = await attempt({ badgeNo: 'XH-0001', code, source: 'typed-code' });
  expect(response.statusCode).toBe(200);
  // What the lookup shows of the agency and the ratings comes from the badge's copies: nothing else is read.
  expect(body).toMatchObject({
    badgeNo: 'XH-0001',
    maskedName: '张*明',
    agency: { uscc: agency, name: '安心家政', seriousDishonesty: true },
    rating: { count: 2, mean: 4.5 },
  });
  expect(dynamoMock.calls()).toHaveLength(1);
  const [write] = updates;
  const values = unmarshall(write?.ExpressionAttributeValues ?? {});
  // The code travels only as its hash, and the open-file and lock tests sit in the same condition.
  expect(values[':hash']).toBe(secretHash(code));
  expect(JSON.stringify(write)).not.toContain(code);
  expect(write?.ConditionExpression).toContain('#open = :open');
  expect(write?.ConditionExpression).toContain('lockedUntil');
  const [event] = values[':events'] as { detailType: string; detail: string }[];
  expect(event?.detailType).toBe('WorkerLookupAnswered');
  expect(JSON.parse(event?.detail ?? '{}')).toMatchObject({ badgeNo: 'XH-0001', source: 'typed-code' });
  // No address is written anywhere: the per-address limit is the gateway's.
  expect(JSON.stringify(dynamoMock.calls().map((call) => call.args[0].input))).not.toContain('203.0.113.9');
});

test('a failed lookup is counted against the badge and answered 404, reading nothing', async () => {
  database('condition-failed', 3);
  const { response, body, updates } = await attempt({ badgeNo: 'XH-0001', code: `${code.slice(0, -1)}X` });
  expect(response.statusCode).toBe(404);
  expect(body.detail).toBe('No worker matches this badge number and code.');
  expect(updates.map((input) => (isAnswer(input) ? 'answer' : isCount(input) ? 'count' : 'other'))).toEqual([
    'answer',
    'count',
  ]);
});

test('the failure that reaches the limit locks the badge; past it the answer is 429 with Retry-After', async () => {
  database('condition-failed', 20);
  const last = await attempt({ badgeNo: 'XH-0001', code });
  expect(last.response.statusCode).toBe(404);
  const lock = last.updates.find(isLock);
  expect(lock?.ConditionExpression).toBe('attribute_exists(codeHash)');
  database('condition-failed', 21);
  const refused = await attempt({ badgeNo: 'XH-0001', code });
  expect(refused.response.statusCode).toBe(429);
  expect(Number(refused.response.headers?.['retry-after'])).toBeGreaterThan(0);
  expect(refused.updates.some(isLock)).toBe(true);
});

test('a lookup whose record cannot be stored is not answered', async () => {
  database(new Error('throttled'));
  const { response } = await attempt({ badgeNo: 'XH-0001', code });
  expect(response.statusCode).toBe(500);
});
