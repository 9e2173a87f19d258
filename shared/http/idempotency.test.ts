import { gzipSync } from 'node:zlib';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  findReplay,
  type IdempotencyClaim,
  idempotencyClaim,
  idempotencyRecordWrite,
  type StoredResponse,
} from './idempotency.js';
import { HttpProblem } from './problem.js';

describe('idempotencyClaim', () => {
  const base = {
    key: 'retry-0001',
    clientId: 'credit-platform',
    routeId: 'platform.ingest-credit-records',
    path: '/v1/credit-records',
    body: { records: [{ recordId: 'R-1', subject: { uscc: 'X', name: 'n' } }] },
  };

  test('the same request gives the same claim', () => {
    expect(idempotencyClaim(base)).toEqual(idempotencyClaim({ ...base }));
    expect(idempotencyClaim(base).pk).toMatch(/^IDEM#[0-9a-f]{64}$/);
  });

  test('the key is scoped to the client and the route', () => {
    const claim = idempotencyClaim(base);
    expect(idempotencyClaim({ ...base, clientId: 'another-client' }).pk).not.toBe(claim.pk);
    expect(idempotencyClaim({ ...base, routeId: 'platform.repair-credit-record' }).pk).not.toBe(claim.pk);
    expect(idempotencyClaim({ ...base, key: 'retry-0002' }).pk).not.toBe(claim.pk);
    // The parts are separated, so shifting characters between client and route changes the key.
    expect(idempotencyClaim({ ...base, clientId: 'ab', routeId: 'c' }).pk).not.toBe(
      idempotencyClaim({ ...base, clientId: 'a', routeId: 'bc' }).pk,
    );
  });

  test('the request hash ignores key order but not content or path', () => {
    const claim = idempotencyClaim(base);
    const reordered = idempotencyClaim({
      ...base,
      body: { records: [{ subject: { name: 'n', uscc: 'X' }, recordId: 'R-1' }] },
    });
    expect(reordered.requestHash).toBe(claim.requestHash);
    expect(reordered.pk).toBe(claim.pk);
    expect(
      idempotencyClaim({ ...base, body: { records: [{ recordId: 'R-2', subject: { uscc: 'X', name: 'n' } }] } })
        .requestHash,
    ).not.toBe(claim.requestHash);
    expect(idempotencyClaim({ ...base, path: '/v1/credit-records/R-1/repair' }).requestHash).not.toBe(
      claim.requestHash,
    );
  });

  test.each([
    ['empty', ''],
    ['a space', 'two words'],
    ['non-ASCII', 'schlüssel'],
    ['a control character', 'key\u0007'],
    ['too long', 'k'.repeat(256)],
  ])('an invalid key (%s) is a 400 naming Idempotency-Key', (_why, key) => {
    let thrown: unknown;
    try {
      idempotencyClaim({ ...base, key });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpProblem);
    const problem = (thrown as HttpProblem).toProblem();
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
  });

  test('keys of 1 and 255 visible ASCII characters are accepted', () => {
    expect(() => idempotencyClaim({ ...base, key: '!' })).not.toThrow();
    expect(() => idempotencyClaim({ ...base, key: '~'.repeat(255) })).not.toThrow();
  });
});

describe('findReplay', () => {
  const TABLE = 'idem-test';
  const now = new Date('2026-05-01T08:00:00.000Z');
  const dynamoMock = mockClient(DynamoDBClient);
  const db = new DynamoDBClient({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const claim: IdempotencyClaim = idempotencyClaim({
    key: 'k-1',
    clientId: 'c',
    routeId: 'r',
    path: '/v1/x',
    body: { a: 1 },
  });
  const response: StoredResponse = {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: '{"created":1}',
  };
  /** The item exactly as the route would have stored it, `at` some instant. */
  const storedItem = (stored: IdempotencyClaim, at: Date) =>
    idempotencyRecordWrite(TABLE, stored, response, at).Put!.Item!;

  beforeEach(() => dynamoMock.reset());
  afterAll(() => {
    dynamoMock.restore();
    db.destroy();
  });

  test('no record → undefined; the lookup is a consistent read of the claim key', async () => {
    dynamoMock.on(GetItemCommand).resolves({});
    await expect(findReplay(db, TABLE, claim, now)).resolves.toBeUndefined();
    const [call] = dynamoMock.commandCalls(GetItemCommand);
    expect(call!.args[0].input).toMatchObject({ TableName: TABLE, ConsistentRead: true });
    expect(unmarshall(call!.args[0].input.Key!)).toEqual({ pk: claim.pk, sk: 'IDEM' });
  });

  test('the same request → the stored response, marked as replayed', async () => {
    dynamoMock.on(GetItemCommand).resolves({ Item: storedItem(claim, new Date(now.getTime() - 60_000)) });
    await expect(findReplay(db, TABLE, claim, now)).resolves.toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
      body: '{"created":1}',
    });
  });

  test('the same key with a different request → 422', async () => {
    const other = idempotencyClaim({ key: 'k-1', clientId: 'c', routeId: 'r', path: '/v1/x', body: { a: 2 } });
    expect(other.pk).toBe(claim.pk);
    dynamoMock.on(GetItemCommand).resolves({ Item: storedItem(claim, now) });
    const error = await findReplay(db, TABLE, other, now).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpProblem);
    expect((error as HttpProblem).status).toBe(422);
    expect((error as HttpProblem).type).toMatch(/idempotency-key-reused$/);
  });

  test('an expired record (TTL passed, not yet deleted) → undefined, even for a different request', async () => {
    const dayAndASecondAgo = new Date(now.getTime() - (24 * 3600 + 1) * 1000);
    dynamoMock.on(GetItemCommand).resolves({ Item: storedItem(claim, dayAndASecondAgo) });
    await expect(findReplay(db, TABLE, claim, now)).resolves.toBeUndefined();
    const other = idempotencyClaim({ key: 'k-1', clientId: 'c', routeId: 'r', path: '/v1/x', body: { a: 2 } });
    await expect(findReplay(db, TABLE, other, now)).resolves.toBeUndefined();
  });

  test('a record stored by hand with a ttl just in the future still replays', async () => {
    dynamoMock.on(GetItemCommand).resolves({
      Item: marshall({
        pk: claim.pk,
        sk: 'IDEM',
        requestHash: claim.requestHash,
        response: { ...response, body: gzipSync(response.body) },
        ttl: Math.floor(now.getTime() / 1000) + 1,
      }),
    });
    await expect(findReplay(db, TABLE, claim, now)).resolves.toMatchObject({ statusCode: 201 });
  });
});

describe('idempotencyRecordWrite', () => {
  test('stores the response for a day and may replace only a missing or expired record', () => {
    const now = new Date('2026-05-01T08:00:00.000Z');
    const claim = idempotencyClaim({ key: 'k', clientId: 'c', routeId: 'r', path: '/p', body: null });
    const write = idempotencyRecordWrite('t', claim, { statusCode: 200, headers: {}, body: '{}' }, now).Put!;
    const item = unmarshall(write.Item!);
    expect(item).toMatchObject({ pk: claim.pk, sk: 'IDEM', requestHash: claim.requestHash });
    expect(item.ttl).toBe(now.getTime() / 1000 + 24 * 3600);
    expect(write.ConditionExpression).toBe('attribute_not_exists(pk) OR #ttl <= :now');
    expect(unmarshall(write.ExpressionAttributeValues!)).toEqual({ ':now': now.getTime() / 1000 });
  });
});
