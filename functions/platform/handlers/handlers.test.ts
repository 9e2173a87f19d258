import { gunzipSync } from 'node:zlib';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  QueryCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { platformEvents } from '../../../events/platform.js';
import { apiGatewayEvent, lambdaContext } from '../../../local/api-gateway.js';
import { ephemeralIssuer, type LocalIssuer } from '../../../local/issuer.js';
import { scopes } from '../../../shared/auth/scopes.js';
import { clientKey } from '../../../shared/clients/store.js';
import type { RouteContract } from '../../../shared/scenario.js';
import { OUTBOX_PREFIX } from '../../../shared/storage/outbox.js';
import type { StoredCreditRecord } from '../credit-records/store.js';
import { penaltyInput } from '../credit-records/test-records.js';
import { platformRoutes } from '../routes.js';

/** The handlers as Lambda calls them (their middy type narrows the context to the route's own). */
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const TABLE = 'handlers-test';
const dynamoMock = mockClient(DynamoDBClient);
const savedEnv = { ...process.env };

let issuer: LocalIssuer;
let writerToken: string;
let ingest: Handler;
let repair: Handler;
let profile: Handler;

beforeAll(async () => {
  issuer = await ephemeralIssuer();
  // Module state (config cache, DynamoDB client, key set) is built on first use: set everything first.
  delete process.env.DYNAMODB_ENDPOINT;
  delete process.env.AUTH_JWKS_URL;
  delete process.env.AUTH_SCOPE_PREFIX;
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    AWS_REGION: 'cn-north-1',
    AUTH_ISSUER: issuer.issuer,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    LOG_LEVEL: 'SILENT',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
  });
  const { resetConfigForTests } = await import('../../../shared/config.js');
  const { resetAuthForTests } = await import('../../../shared/http/auth.js');
  resetConfigForTests();
  resetAuthForTests();
  ingest = (await import('./ingest-credit-records.js')).handler as unknown as Handler;
  repair = (await import('./repair-credit-record.js')).handler as unknown as Handler;
  profile = (await import('./get-credit-profile.js')).handler as unknown as Handler;
  writerToken = await issuer.mint({ scopes: ['records:write'], clientId: 'credit-platform' });
});

beforeEach(() => {
  dynamoMock.reset();
  // Unconfigured commands resolve to undefined in aws-sdk-client-mock; answer like an empty table.
  dynamoMock.on(GetItemCommand).resolves({});
  dynamoMock.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });
  dynamoMock.on(QueryCommand).resolves({ Items: [] });
  dynamoMock.on(TransactWriteItemsCommand).resolves({});
  // The client registry knows the clients these tests mint tokens for.
  for (const clientId of ['credit-platform', 'buyer', 'another-platform']) {
    dynamoMock
      .on(GetItemCommand, { Key: marshall(clientKey(clientId)) })
      .resolves({ Item: marshall({ ...clientKey(clientId), clientId, scopes: [...scopes] }) });
  }
});

/** Client registry lookups are the kernel's (cached, at most one per client per minute), not the route's. */
const isClientLookup = (call: { args: unknown[] }) =>
  ((call.args[0] as { input: { Key?: { pk?: { S?: string } } } }).input.Key?.pk?.S ?? '').startsWith('CLIENT#');
const dataCalls = () => dynamoMock.calls().filter((call) => !isClientLookup(call));
const dataGetItems = () => dynamoMock.commandCalls(GetItemCommand).filter((call) => !isClientLookup(call));

afterAll(() => {
  dynamoMock.restore();
  process.env = savedEnv;
});

interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
}

/** Calls a handler with the event API Gateway would build for this route. */
async function call(handler: Handler, route: RouteContract, options: CallOptions = {}) {
  const params = options.params ?? {};
  const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? writerToken : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const event = apiGatewayEvent(
    {
      method: route.method,
      url: path,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    },
    { ...route, handler: 'test', access: [] },
    params,
  );
  const response = await handler(event, lambdaContext('x'));
  const responseHeaders = (response.headers ?? {}) as Record<string, string>;
  return {
    status: response.statusCode,
    headers: responseHeaders,
    raw: response.body,
    json: JSON.parse(response.body) as Record<string, unknown> & {
      errors?: { path: string; message: string }[];
      detail?: string;
    },
  };
}

const penaltyRecord = penaltyInput;
const subject = penaltyInput('x').subject;

/** A valid code with a wrong check character. */
const badUscc = `${subject.uscc.slice(0, 17)}${subject.uscc.endsWith('0') ? '1' : '0'}`;

const transactions = () => dynamoMock.commandCalls(TransactWriteItemsCommand);
const itemsOf = (index = 0) => transactions()[index]!.args[0].input.TransactItems ?? [];
const putItem = (write: TransactWriteItem) => unmarshall(write.Put!.Item!);
const isOutbox = (write: TransactWriteItem) => String(putItem(write).pk).startsWith(OUTBOX_PREFIX);

interface StoredOutboxItem {
  pk: string;
  events: { source: string; detailType: string; detail: string }[];
}

/** A record as the store keeps it: content, lifecycle, revision lock, plus the table's keys. */
function storedRecordItem(record: StoredCreditRecord) {
  return marshall(
    {
      pk: `REC#${record.recordId}`,
      sk: 'RECORD',
      kind: 'credit-record',
      gsi1pk: `SUBJ#${record.subject.uscc}`,
      gsi1sk: `REC#${record.category}#${record.recordId}`,
      ...record,
    },
    { removeUndefinedValues: true },
  );
}

function storedRecord(overrides: Partial<StoredCreditRecord> = {}): StoredCreditRecord {
  return {
    ...(penaltyRecord('P-1') as unknown as StoredCreditRecord),
    version: 2,
    revision: 3,
    contentHash: 'f'.repeat(64),
    updatedAt: '2026-03-06T01:00:00.000Z',
    objections: [],
    ...overrides,
  };
}

describe('POST /v1/credit-records (ingest)', () => {
  const route = platformRoutes.ingestCreditRecords;

  test('a new record → one transaction: conditional record put, version 1, one outbox item', async () => {
    const response = await call(ingest, route, {
      body: { records: [penaltyRecord('P-1')] },
      headers: { 'X-Correlation-Id': 'corr-ingest-1' },
    });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-correlation-id']).toBe('corr-ingest-1');
    expect(response.json).toEqual({
      received: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      records: [{ recordId: 'P-1', outcome: 'created', version: 1 }],
    });

    // The existing state was read consistently, by key.
    const [read] = dynamoMock.commandCalls(BatchGetItemCommand);
    const request = read!.args[0].input.RequestItems?.[TABLE];
    expect(request?.ConsistentRead).toBe(true);
    expect(request?.Keys?.map((key) => unmarshall(key))).toEqual([{ pk: 'REC#P-1', sk: 'RECORD' }]);

    expect(transactions()).toHaveLength(1);
    const items = itemsOf();
    expect(items).toHaveLength(4);

    const recordPut = items.find((item) => putItem(item).sk === 'RECORD')!;
    expect(recordPut.Put).toMatchObject({ TableName: TABLE, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(putItem(recordPut)).toMatchObject({
      pk: 'REC#P-1',
      sk: 'RECORD',
      gsi1pk: `SUBJ#${subject.uscc}`,
      gsi1sk: 'REC#administrative-penalty#P-1',
      version: 1,
      revision: 1,
      objections: [],
      subject,
    });

    const versionPut = items.find((item) => putItem(item).sk === 'V#000001')!;
    expect(versionPut.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(putItem(versionPut)).toMatchObject({ pk: 'REC#P-1', version: 1, content: { recordId: 'P-1' } });

    // 两书同达: the penalty's repair-rights notice is written once, in the same transaction.
    const noticePut = items.find((item) => putItem(item).sk === 'NOTICE#000001')!;
    expect(noticePut.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(putItem(noticePut)).toMatchObject({ pk: 'REC#P-1', kind: 'repair-notice', title: '信用修复权益告知书' });

    const outboxes = items.filter(isOutbox);
    expect(outboxes).toHaveLength(1);
    const outbox = putItem(outboxes[0]!) as StoredOutboxItem;
    expect(outbox.events).toHaveLength(1);
    expect(outbox.events[0]).toMatchObject({ source: 'credit-plus.platform', detailType: 'CreditRecordPublished' });
    const detail = platformEvents.CreditRecordPublished.schema.parse(JSON.parse(outbox.events[0]!.detail));
    expect(detail).toMatchObject({
      change: 'created',
      record: { recordId: 'P-1', version: 1 },
      meta: { correlationId: 'corr-ingest-1', schemaVersion: 1 },
    });
  });

  test('an identical re-send changes nothing: no transaction at all', async () => {
    const { contentHash } = await import('../credit-records/content.js');
    const content = penaltyRecord('P-1');
    const existing = storedRecord({
      version: 1,
      contentHash: contentHash(content as unknown as StoredCreditRecord),
    });
    dynamoMock.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [storedRecordItem(existing)] } });

    const response = await call(ingest, route, { body: { records: [content] } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ created: 0, unchanged: 1, records: [{ outcome: 'unchanged', version: 1 }] });
    expect(transactions()).toHaveLength(0);
  });

  test('a bad body → 400 problem+json naming every bad field, and nothing is read or written', async () => {
    const response = await call(ingest, route, {
      body: {
        records: [
          { ...penaltyRecord('P-1'), colour: 'red' },
          penaltyRecord('P-2', { subject: { uscc: badUscc, name: '另一家公司' } }),
        ],
        dryRun: true,
      },
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({ status: 400, title: 'Bad request', instance: '/v1/credit-records' });
    const paths = response.json.errors?.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['records.0.colour', 'records.1.subject.uscc', 'dryRun']));
    expect(response.json.errors?.find((error) => error.path === 'records.1.subject.uscc')?.message).toMatch(
      /check-digit/,
    );
    expect(dynamoMock.commandCalls(TransactWriteItemsCommand).length).toBe(0);
    expect(dataCalls()).toHaveLength(0);
  });

  test.each([
    ['an empty batch', 'records', { records: [] }],
    ['more than 100 records', 'records', { records: Array.from({ length: 101 }, (_, i) => penaltyRecord(`P-${i}`)) }],
    ['a repeated record id', 'records.1.recordId', { records: [penaltyRecord('P-1'), penaltyRecord('P-1')] }],
  ])('%s → 400 naming %s, no transaction', async (_why, path, body) => {
    const response = await call(ingest, route, { body });
    expect(response.status).toBe(400);
    expect(response.json.errors?.map((error) => error.path)).toContain(path);
    expect(transactions()).toHaveLength(0);
  });

  test('not JSON → 400 and the wrong media type → 415, never 500', async () => {
    const event = (body: string, contentType: string) =>
      apiGatewayEvent(
        {
          method: 'POST',
          url: route.path,
          headers: { authorization: `Bearer ${writerToken}`, 'content-type': contentType },
          body,
        },
        { ...route, handler: 'test', access: [] },
        {},
      );
    const notJson = await ingest(event('{"records": [', 'application/json'), lambdaContext('x'));
    expect(notJson.statusCode).toBe(400);
    const wrongType = await ingest(event('records=1', 'application/x-www-form-urlencoded'), lambdaContext('x'));
    expect(wrongType.statusCode).toBe(415);
    expect(dataCalls()).toHaveLength(0);
  });

  test('no token → 401 with a challenge, and no DynamoDB call at all', async () => {
    const response = await call(ingest, route, { token: null, body: { records: [penaltyRecord('P-1')] } });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(dynamoMock.calls()).toHaveLength(0);
  });

  test('a token without records:write → 403, and no DynamoDB call at all', async () => {
    const token = await issuer.mint({ scopes: ['procurement:check'], clientId: 'buyer' });
    const response = await call(ingest, route, { token, body: { records: [penaltyRecord('P-1')] } });
    expect(response.status).toBe(403);
    expect(response.json.detail).toContain('records:write');
    expect(dynamoMock.calls()).toHaveLength(0);
  });

  test('auth is checked before the body: a bad body without a token is 401, not 400', async () => {
    const response = await call(ingest, route, { token: null, body: { nonsense: true } });
    expect(response.status).toBe(401);
  });

  describe('Idempotency-Key', () => {
    const body = { records: [penaltyRecord('P-1')] };
    const headers = { 'Idempotency-Key': 'batch-2026-11-29-001' };

    /** The first use: the idempotency record rides in the same transaction as the state. */
    async function firstUse() {
      const first = await call(ingest, route, { body, headers });
      expect(first.status).toBe(200);
      expect(transactions()).toHaveLength(1);
      const items = itemsOf();
      const idem = items.find((item) => putItem(item).sk === 'IDEM');
      expect(idem).toBeDefined();
      expect(items.map((item) => putItem(item).sk)).toEqual(['RECORD', 'V#000001', 'NOTICE#000001', 'IDEM', 'OUTBOX']);
      return { first, idem: idem! };
    }

    test('first use stores the response with the state; a retry replays it without a transaction', async () => {
      const { first, idem } = await firstUse();
      const stored = putItem(idem) as { pk: string; response: { statusCode: number; body: Uint8Array } };
      expect(stored.pk).toMatch(/^IDEM#/);
      expect(stored.response.statusCode).toBe(200);
      expect(gunzipSync(stored.response.body).toString('utf8')).toBe(first.raw);
      expect(idem.Put?.ConditionExpression).toBe('attribute_not_exists(pk) OR #ttl <= :now');

      dynamoMock.resetHistory();
      dynamoMock.on(GetItemCommand).resolves({ Item: idem.Put!.Item! });
      const retry = await call(ingest, route, { body, headers });

      expect(retry.status).toBe(200);
      expect(retry.raw).toBe(first.raw);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers['content-type']).toBe('application/json');
      expect(transactions()).toHaveLength(0);
      expect(dynamoMock.commandCalls(BatchGetItemCommand)).toHaveLength(0);
      const [lookup] = dataGetItems();
      expect(unmarshall(lookup!.args[0].input.Key!)).toEqual({ pk: stored.pk, sk: 'IDEM' });
    });

    test('the same key with a different body → 422, nothing written', async () => {
      const { idem } = await firstUse();
      dynamoMock.resetHistory();
      dynamoMock.on(GetItemCommand).resolves({ Item: idem.Put!.Item! });
      const response = await call(ingest, route, {
        body: { records: [penaltyRecord('P-1', { summary: 'changed' })] },
        headers,
      });
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(transactions()).toHaveLength(0);
    });

    test('the same body with its keys reordered is the same request', async () => {
      const { idem } = await firstUse();
      dynamoMock.resetHistory();
      dynamoMock.on(GetItemCommand).resolves({ Item: idem.Put!.Item! });
      const reordered = Object.fromEntries(Object.entries(penaltyRecord('P-1')).reverse());
      const retry = await call(ingest, route, { body: { records: [reordered] }, headers });
      expect(retry.status).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });

    test('another client using the same key is not answered with the first client’s response', async () => {
      const { idem } = await firstUse();
      dynamoMock.resetHistory();
      const otherToken = await issuer.mint({ scopes: ['records:write'], clientId: 'another-platform' });
      await call(ingest, route, { body, headers, token: otherToken });
      const [lookup] = dataGetItems();
      expect(unmarshall(lookup!.args[0].input.Key!).pk).not.toBe(putItem(idem).pk);
    });

    test('losing the race to a concurrent retry answers with the winner’s response, not 409', async () => {
      const { first, idem } = await firstUse();
      dynamoMock.reset();
      dynamoMock.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });
      // The lookup before the work finds nothing; the one after the failed commit finds the winner's record.
      dynamoMock.on(GetItemCommand).resolvesOnce({}).resolves({ Item: idem.Put!.Item! });
      dynamoMock.on(TransactWriteItemsCommand).rejects(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          // Record, version, notice and idempotency record all exist already; the outbox item is new.
          CancellationReasons: [
            { Code: 'ConditionalCheckFailed' },
            { Code: 'ConditionalCheckFailed' },
            { Code: 'ConditionalCheckFailed' },
            { Code: 'ConditionalCheckFailed' },
            { Code: 'None' },
          ],
        }),
      );
      const retry = await call(ingest, route, { body, headers });
      expect(retry.status).toBe(200);
      expect(retry.raw).toBe(first.raw);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });

    test('an invalid key → 400 naming Idempotency-Key, nothing read', async () => {
      const response = await call(ingest, route, { body, headers: { 'Idempotency-Key': 'has spaces in it' } });
      expect(response.status).toBe(400);
      expect(response.json.errors?.map((error) => error.path)).toEqual(['Idempotency-Key']);
      expect(dataCalls()).toHaveLength(0);
    });

    // Known gap: middy skips `after` middlewares when a `before` middleware answers early, so the
    // replay misses observability's x-correlation-id header (and its request log line).
    test('a replayed response still carries the x-correlation-id of the retry', async () => {
      const { idem } = await firstUse();
      dynamoMock.on(GetItemCommand).resolves({ Item: idem.Put!.Item! });
      const retry = await call(ingest, route, { body, headers: { ...headers, 'x-correlation-id': 'corr-retry' } });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers['x-correlation-id']).toBe('corr-retry');
    });
  });

  test('a conditional check failure on the record write (a concurrent writer) → 409 problem+json', async () => {
    dynamoMock.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    const response = await call(ingest, route, { body: { records: [penaltyRecord('P-1')] } });
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({ status: 409, type: expect.stringMatching(/write-conflict$/) });
  });

  test('an unexpected SDK error → opaque 500 quoting the correlation id, not the error message', async () => {
    dynamoMock
      .on(TransactWriteItemsCommand)
      .rejects(new InternalServerError({ message: 'secret-internal-detail at partition 7', $metadata: {} }));
    const response = await call(ingest, route, {
      body: { records: [penaltyRecord('P-1')] },
      headers: { 'x-correlation-id': 'corr-500-abc' },
    });
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['x-correlation-id']).toBe('corr-500-abc');
    expect(response.json.detail).toContain('corr-500-abc');
    expect(response.raw).not.toContain('secret-internal-detail');
    expect(response.raw).not.toContain('InternalServerError');
  });

  test('an unusable x-correlation-id is replaced by the request id', async () => {
    const response = await call(ingest, route, {
      body: { records: [penaltyRecord('P-1')] },
      headers: { 'x-correlation-id': 'has spaces <script>' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-correlation-id']).toMatch(/^[\w.:-]{1,128}$/);
    expect(response.headers['x-correlation-id']).not.toContain(' ');
  });
});

describe('POST /v1/credit-records/{recordId}/repair', () => {
  const route = platformRoutes.repairCreditRecord;
  const repairedAt = () => new Date(Date.now() - 60 * 60 * 1000).toISOString();

  test('a stored record → the repair is written against its revision, with a CreditRecordRepaired event', async () => {
    const current = storedRecord();
    dynamoMock.on(GetItemCommand).resolves({ Item: storedRecordItem(current) });
    const at = repairedAt();

    const response = await call(repair, route, {
      params: { recordId: 'P-1' },
      body: { repairedAt: at, reason: '已完成信用修复' },
      headers: { 'x-correlation-id': 'corr-repair' },
    });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      changed: true,
      record: { recordId: 'P-1', version: 2, repair: { repairedAt: at, reason: '已完成信用修复' } },
    });
    const [read] = dataGetItems();
    expect(read!.args[0].input.ConsistentRead).toBe(true);
    expect(unmarshall(read!.args[0].input.Key!)).toEqual({ pk: 'REC#P-1', sk: 'RECORD' });

    expect(transactions()).toHaveLength(1);
    const items = itemsOf();
    expect(items).toHaveLength(2);
    const recordPut = items.find((item) => !isOutbox(item))!;
    expect(recordPut.Put?.ConditionExpression).toBe('revision = :revision');
    expect(unmarshall(recordPut.Put!.ExpressionAttributeValues!)).toEqual({ ':revision': 3 });
    expect(putItem(recordPut)).toMatchObject({
      pk: 'REC#P-1',
      sk: 'RECORD',
      revision: 4,
      version: 2,
      repair: { repairedAt: at, reason: '已完成信用修复' },
    });

    const outbox = putItem(items.find(isOutbox)!) as StoredOutboxItem;
    expect(outbox.events.map((event) => event.detailType)).toEqual(['CreditRecordRepaired']);
    const detail = platformEvents.CreditRecordRepaired.schema.parse(JSON.parse(outbox.events[0]!.detail));
    expect(detail).toMatchObject({
      recordId: 'P-1',
      subject: { uscc: subject.uscc },
      category: 'administrative-penalty',
      repairedAt: at,
      reason: '已完成信用修复',
      meta: { correlationId: 'corr-repair' },
    });
  });

  test('repeating the same repair changes nothing and writes nothing', async () => {
    const at = repairedAt();
    dynamoMock
      .on(GetItemCommand)
      .resolves({ Item: storedRecordItem(storedRecord({ repair: { repairedAt: at, reason: '已完成信用修复' } })) });
    const response = await call(repair, route, {
      params: { recordId: 'P-1' },
      body: { repairedAt: at, reason: '已完成信用修复' },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ changed: false });
    expect(transactions()).toHaveLength(0);
  });

  test('no such record → 404, nothing written', async () => {
    const response = await call(repair, route, {
      params: { recordId: 'NOPE-1' },
      body: { repairedAt: repairedAt(), reason: 'x' },
    });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(transactions()).toHaveLength(0);
  });

  test('a repair in the future → 400 naming repairedAt', async () => {
    dynamoMock.on(GetItemCommand).resolves({ Item: storedRecordItem(storedRecord()) });
    const response = await call(repair, route, {
      params: { recordId: 'P-1' },
      body: { repairedAt: new Date(Date.now() + 24 * 3600 * 1000).toISOString(), reason: 'x' },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors?.map((error) => error.path)).toEqual(['repairedAt']);
    expect(transactions()).toHaveLength(0);
  });

  test('a record changed by someone else in between → 409', async () => {
    dynamoMock.on(GetItemCommand).resolves({ Item: storedRecordItem(storedRecord()) });
    dynamoMock.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    const response = await call(repair, route, {
      params: { recordId: 'P-1' },
      body: { repairedAt: repairedAt(), reason: 'x' },
    });
    expect(response.status).toBe(409);
  });

  test('an invalid record id in the path → 400 naming path.recordId, nothing read', async () => {
    const response = await call(repair, route, {
      params: { recordId: '-bad id' },
      body: { repairedAt: repairedAt(), reason: 'x' },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors?.map((error) => error.path)).toEqual(['path.recordId']);
    expect(dataCalls()).toHaveLength(0);
  });
});

describe('GET /v1/subjects/{uscc}/credit-profile', () => {
  const route = platformRoutes.getCreditProfile;

  test('the subject’s records → 200 with counts per category and flags; public, no token needed', async () => {
    dynamoMock.on(QueryCommand).resolves({
      Items: [
        storedRecordItem(storedRecord()),
        storedRecordItem(
          storedRecord({
            ...(penaltyRecord('D-1', {
              category: 'dishonest-judgment-debtor',
              decisionNumber: '(2026)沪0101执1号',
              validTo: undefined,
              penalty: undefined,
            }) as unknown as StoredCreditRecord),
            version: 1,
            revision: 1,
          }),
        ),
        storedRecordItem(
          storedRecord({
            ...(penaltyRecord('P-2') as unknown as StoredCreditRecord),
            repair: { repairedAt: '2026-06-01T00:00:00+08:00', reason: '修复' },
          }),
        ),
      ],
    });

    const response = await call(profile, route, { params: { uscc: subject.uscc }, token: null });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['cache-control']).toMatch(/public/);
    expect(response.json).toMatchObject({
      uscc: subject.uscc,
      name: subject.name,
      counts: { 'administrative-penalty': 1, 'dishonest-judgment-debtor': 1 },
      flags: { onDishonestyList: true, repaired: true, underObjection: false },
      repairedCount: 1,
    });
    const [query] = dynamoMock.commandCalls(QueryCommand);
    expect(query!.args[0].input).toMatchObject({ TableName: TABLE, IndexName: 'gsi1' });
    expect(unmarshall(query!.args[0].input.ExpressionAttributeValues!)).toEqual({
      ':subject': `SUBJ#${subject.uscc}`,
      ':records': 'REC#',
    });
  });

  test('follows pagination until the last page', async () => {
    dynamoMock
      .on(QueryCommand)
      .resolvesOnce({
        Items: [storedRecordItem(storedRecord())],
        LastEvaluatedKey: marshall({ pk: 'REC#P-1', sk: 'RECORD', gsi1pk: 'x', gsi1sk: 'y' }),
      })
      .resolves({ Items: [storedRecordItem(storedRecord({ recordId: 'P-9' }))] });
    const response = await call(profile, route, { params: { uscc: subject.uscc }, token: null });
    expect(response.json).toMatchObject({ counts: { 'administrative-penalty': 2 } });
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(2);
  });

  test('no records → 200 with empty counts', async () => {
    const response = await call(profile, route, { params: { uscc: subject.uscc }, token: null });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ counts: {}, flags: { onDishonestyList: false } });
  });

  test('an invalid USCC in the path → 400 naming path.uscc, nothing read', async () => {
    const response = await call(profile, route, { params: { uscc: badUscc }, token: null });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const errors = response.json.errors ?? [];
    expect(errors.map((error) => error.path)).toEqual(['path.uscc']);
    expect(errors[0]!.message).toMatch(/check-digit/);
    expect(dataCalls()).toHaveLength(0);
  });

  test('a lower-case USCC is accepted and normalised', async () => {
    const response = await call(profile, route, { params: { uscc: subject.uscc.toLowerCase() }, token: null });
    expect(response.status).toBe(200);
    expect(response.json.uscc).toBe(subject.uscc);
    const [query] = dynamoMock.commandCalls(QueryCommand);
    expect(unmarshall(query!.args[0].input.ExpressionAttributeValues!)[':subject']).toBe(`SUBJ#${subject.uscc}`);
  });

  test('a token is not needed but does no harm', async () => {
    const response = await call(profile, route, { params: { uscc: subject.uscc } });
    expect(response.status).toBe(200);
  });
});
