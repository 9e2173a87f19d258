import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { platformEvents } from '../../events/platform.js';
import { penaltyInput } from '../../functions/platform/credit-records/test-records.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { buildUscc } from '../../shared/uscc.js';

const penalty = penaltyInput;
const subject = penaltyInput('x').subject;
const otherSubject = { uscc: buildUscc({ orgCodeBody: 'MA1G5B2K' }), name: '上海另一家服务有限公司' };

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let writer: string;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
});
afterAll(() => platform.stop());

async function allItems() {
  const { Items } = await platform.db.send(new ScanCommand({ TableName: platform.table, ConsistentRead: true }));
  return (Items ?? []).map((item) => unmarshall(item));
}

const streamedEvents = () => platform.streamedEvents();

describe('public credit records through the local API and DynamoDB Local', () => {
  test('ingest publishes records, their versions and one event each, through the outbox and the stream', async () => {
    const response = await platform.call('POST', '/v1/credit-records', {
      token: writer,
      body: { records: [penalty('P-1'), { ...penalty('P-2'), subject: otherSubject }] },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ received: 2, created: 2, updated: 0, unchanged: 0 });

    const events = (await streamedEvents()).filter((event) => event.detailType === 'CreditRecordPublished');
    expect(
      events.map((event) => (event.detail as unknown as { record: { recordId: string } }).record.recordId).sort(),
    ).toEqual(['P-1', 'P-2']);
    for (const event of events) {
      expect(event.source).toBe('credit-plus.platform');
      expect(platformEvents.CreditRecordPublished.schema.safeParse(event.detail).success).toBe(true);
      expect(event.detail.meta.correlationId).toBe(response.headers['x-correlation-id']);
    }
  });

  test('re-sending identical records changes nothing and emits nothing, but counts as a feed', async () => {
    const isFeed = (item: Record<string, unknown>) => String(item.pk).startsWith('FEED#');
    const fedAt = (items: Record<string, unknown>[]) =>
      items.find((item) => item.pk === 'FEED#administrative-penalty')?.lastFedAt as string;
    const before = await allItems();
    const eventsBefore = (await streamedEvents()).length;
    const response = await platform.call('POST', '/v1/credit-records', {
      token: writer,
      body: { records: [penalty('P-1')] },
    });
    expect(response.json).toMatchObject({
      unchanged: 1,
      records: [{ recordId: 'P-1', outcome: 'unchanged', version: 1 }],
    });
    const after = await allItems();
    expect(after.filter((item) => !isFeed(item))).toEqual(before.filter((item) => !isFeed(item)));
    expect(fedAt(after) > fedAt(before)).toBe(true);
    expect((await streamedEvents()).length).toBe(eventsBefore);
  });

  test('a changed record becomes version 2 and both versions are kept', async () => {
    const changed = penalty('P-1', { penalty: { types: ['fine'], fineAmountCny: 1_500_000 } });
    const response = await platform.call('POST', '/v1/credit-records', { token: writer, body: { records: [changed] } });
    expect(response.json).toMatchObject({ updated: 1, records: [{ recordId: 'P-1', outcome: 'updated', version: 2 }] });
    const versions = (await allItems()).filter((item) => item.pk === 'REC#P-1' && String(item.sk).startsWith('V#'));
    expect(versions.map((item) => item.version)).toEqual([1, 2]);
    const published = (await streamedEvents()).filter((event) => event.detailType === 'CreditRecordPublished');
    expect(published.at(-1)?.detail).toMatchObject({ change: 'updated', record: { recordId: 'P-1', version: 2 } });
  });

  test('the public profile shows active records, objections and repairs as of now', async () => {
    await platform.call('POST', '/v1/credit-records', {
      token: writer,
      body: {
        records: [
          penalty('P-3', { decisionNumber: '沪市监处〔2026〕300号', decidedAt: '2026-04-01', validFrom: '2026-04-01' }),
          penalty('C-1', {
            category: 'commendation',
            severity: 'general',
            authority: '上海市商务委员会',
            penalty: undefined,
            validTo: undefined,
          }),
        ],
      },
    });
    const raised = await platform.call('POST', '/v1/credit-records/P-1/objection', {
      token: writer,
      body: { raisedAt: '2026-06-01T09:00:00+08:00', reason: '处罚对象认定有误' },
    });
    expect(raised.status).toBe(200);
    const repaired = await platform.call('POST', '/v1/credit-records/P-3/repair', {
      token: writer,
      body: { repairedAt: '2026-07-01T10:00:00+08:00', reason: '已履行处罚并完成整改' },
    });
    expect(repaired.status).toBe(200);

    const profile = await platform.call('GET', `/v1/subjects/${subject.uscc.toLowerCase()}/credit-profile`);
    expect(profile.status).toBe(200);
    expect(profile.json).toMatchObject({
      uscc: subject.uscc,
      counts: { 'administrative-penalty': 1 },
      flags: { underObjection: true, repaired: true, onDishonestyList: false },
      repairedCount: 1,
    });
    expect(profile.json.activeRecords['administrative-penalty'][0]).toMatchObject({
      recordId: 'P-1',
      underObjection: true,
    });
    expect(profile.json.commendations.map((record: { recordId: string }) => record.recordId)).toEqual(['C-1']);

    const types = (await streamedEvents()).map((event) => event.detailType);
    expect(types).toEqual(expect.arrayContaining(['CreditObjectionRaised', 'CreditRecordRepaired']));
  });

  test('objection resolution and revocation take effect and are announced', async () => {
    const resolved = await platform.call('POST', '/v1/credit-records/P-1/objection/resolve', {
      token: writer,
      body: { resolvedAt: '2026-06-20T09:00:00+08:00', outcome: 'rejected' },
    });
    expect(resolved.status).toBe(200);
    const revoked = await platform.call('POST', '/v1/credit-records/P-2/revoke', {
      token: writer,
      body: { revokedAt: '2026-05-01T09:00:00+08:00', reason: '行政复议撤销' },
    });
    expect(revoked.status).toBe(200);
    const other = await platform.call('GET', `/v1/subjects/${otherSubject.uscc}/credit-profile`);
    expect(other.json).toMatchObject({ counts: {}, flags: { underObjection: false } });
    const mine = await platform.call('GET', `/v1/subjects/${subject.uscc}/credit-profile`);
    expect(mine.json.flags.underObjection).toBe(false);

    const types = (await streamedEvents()).map((event) => event.detailType);
    expect(types).toEqual(expect.arrayContaining(['CreditObjectionResolved', 'CreditRecordRevoked']));
  });

  test('a retry with the same Idempotency-Key replays the first response; another body under it is 422', async () => {
    const headers = { 'idempotency-key': 'batch-2026-11-29-001' };
    const body = { records: [penalty('P-10')] };
    const first = await platform.call('POST', '/v1/credit-records', { token: writer, body, headers });
    const again = await platform.call('POST', '/v1/credit-records', { token: writer, body, headers });
    expect(first.json).toMatchObject({ created: 1 });
    expect(again.raw).toBe(first.raw);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await platform.call('POST', '/v1/credit-records', {
      token: writer,
      body: { records: [penalty('P-11')] },
      headers,
    });
    expect(other.status).toBe(422);
    expect((await allItems()).some((item) => item.pk === 'REC#P-11')).toBe(false);
  });

  test('a batch of 100 records commits in several transactions, each with its events', async () => {
    const records = Array.from({ length: 100 }, (_, index) => penalty(`BULK-${index}`));
    const response = await platform.call('POST', '/v1/credit-records', { token: writer, body: { records } });
    expect(response.json).toMatchObject({ created: 100 });
    const bulk = (await streamedEvents()).filter((event) =>
      String((event.detail as { record?: { recordId: string } }).record?.recordId).startsWith('BULK-'),
    );
    expect(bulk).toHaveLength(100);
  });
});

describe('bad requests change nothing', () => {
  const bad: [string, string, string, () => Record<string, unknown>, number, string[]][] = [
    [
      'not JSON',
      'POST',
      '/v1/credit-records',
      () => ({ rawBody: '{"records": [', headers: { 'content-type': 'application/json' } }),
      400,
      [],
    ],
    [
      'not application/json',
      'POST',
      '/v1/credit-records',
      () => ({ rawBody: 'records', headers: { 'content-type': 'text/plain' } }),
      415,
      [],
    ],
    ['missing records', 'POST', '/v1/credit-records', () => ({ body: {} }), 400, ['records']],
    [
      'an extra field',
      'POST',
      '/v1/credit-records',
      () => ({ body: { records: [penalty('X-1')], extra: 1 } }),
      400,
      ['extra'],
    ],
    ['an empty batch', 'POST', '/v1/credit-records', () => ({ body: { records: [] } }), 400, ['records']],
    [
      'an oversized batch',
      'POST',
      '/v1/credit-records',
      () => ({ body: { records: Array.from({ length: 101 }, (_, i) => penalty(`X-${i}`)) } }),
      400,
      ['records'],
    ],
    [
      'a bad USCC, an unknown category and a wrong type in one batch',
      'POST',
      '/v1/credit-records',
      () => ({
        body: {
          records: [
            penalty('X-1'),
            penalty('X-2', { subject: { uscc: '91310000MA1FL8XQ12', name: 'x' } }),
            penalty('X-3', { category: 'parking-ticket' }),
            penalty('X-4', { decidedAt: 20260302 }),
          ],
        },
      }),
      400,
      ['records.1.subject.uscc', 'records.2.category', 'records.3.decidedAt'],
    ],
    [
      'dates out of order',
      'POST',
      '/v1/credit-records',
      () => ({ body: { records: [penalty('X-5', { validTo: '2026-03-01' })] } }),
      400,
      ['records.0.validTo'],
    ],
    [
      'a duplicated record id',
      'POST',
      '/v1/credit-records',
      () => ({ body: { records: [penalty('X-6'), penalty('X-6')] } }),
      400,
      ['records.1.recordId'],
    ],
    [
      'repair of an unknown record',
      'POST',
      '/v1/credit-records/NOPE/repair',
      () => ({ body: { repairedAt: '2026-07-01T10:00:00+08:00', reason: 'x' } }),
      404,
      [],
    ],
    [
      'repair before the decision',
      'POST',
      '/v1/credit-records/P-10/repair',
      () => ({ body: { repairedAt: '2025-01-01T10:00:00+08:00', reason: 'x' } }),
      400,
      ['repairedAt'],
    ],
    [
      'repair without an offset',
      'POST',
      '/v1/credit-records/P-10/repair',
      () => ({ body: { repairedAt: '2026-07-01T10:00:00', reason: 'x' } }),
      400,
      ['repairedAt'],
    ],
    [
      'resolve without an open objection',
      'POST',
      '/v1/credit-records/P-10/objection/resolve',
      () => ({ body: { resolvedAt: '2026-07-01T10:00:00+08:00', outcome: 'upheld' } }),
      409,
      [],
    ],
    ['an unknown route', 'GET', '/v1/nothing-here', () => ({}), 404, []],
    ['a wrong method', 'DELETE', '/v1/credit-records', () => ({}), 405, []],
    [
      'a profile of an invalid USCC',
      'GET',
      '/v1/subjects/91310000MA1FL8XQ12/credit-profile',
      () => ({}),
      400,
      ['path.uscc'],
    ],
  ];

  test.each(bad)('%s', async (_name, method, url, options, status, paths) => {
    const before = await allItems();
    const response = await platform.call(method, url, { token: writer, ...options() });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
    const named = (response.json.errors ?? []).map((error: { path: string }) => error.path);
    expect(named).toEqual(expect.arrayContaining(paths));
    expect(await allItems()).toEqual(before);
  });

  test('no token is 401, a token without the scope is 403, and neither writes', async () => {
    const before = await allItems();
    const body = { records: [penalty('X-9')] };
    expect((await platform.call('POST', '/v1/credit-records', { body })).status).toBe(401);
    const buyer = await platform.token({ scopes: ['procurement:check'] });
    expect((await platform.call('POST', '/v1/credit-records', { body, token: buyer })).status).toBe(403);
    expect((await platform.call('POST', '/v1/credit-records', { body, token: `${writer}x` })).status).toBe(401);
    expect(await allItems()).toEqual(before);
  });
});

describe('the subject-summary subscriber', () => {
  test('builds the summary from streamed events and ignores a redelivery', async () => {
    const { handler } = await import('../../functions/platform/handlers/maintain-subject-summary.js');
    const published = (await streamedEvents()).find(
      (event) => (event.detail as unknown as { record?: { recordId: string } }).record?.recordId === 'P-1',
    );
    expect(published).toBeDefined();
    const busEvent = {
      version: '0',
      id: 'bus-1',
      'detail-type': published!.detailType,
      source: published!.source,
      account: '000000000000',
      time: published!.detail.meta.occurredAt,
      region: 'local',
      resources: [],
      detail: published!.detail,
    };
    await handler(busEvent);
    const summary = (await allItems()).find((item) => item.pk === `SUBJ#${subject.uscc}` && item.sk === 'SUMMARY');
    expect(summary?.records.map((record: { recordId: string }) => record.recordId)).toEqual(
      expect.arrayContaining(['P-1', 'P-3', 'C-1']),
    );
    const itemsAfterFirst = await allItems();
    await handler(busEvent);
    const markers = (await allItems()).filter((item) => String(item.pk).startsWith('HANDLED#'));
    expect(markers).toHaveLength(1);
    expect((await allItems()).length).toBe(itemsAfterFirst.length);
  });
});

test('GET /v1/openapi.json describes every route with its schemas and scopes', async () => {
  const response = await platform.call('GET', '/v1/openapi.json');
  expect(response.status).toBe(200);
  const ingest = response.json.paths['/v1/credit-records'].post;
  expect(ingest.security).toEqual([{ bearer: ['records:write'] }]);
  expect(ingest.requestBody.content['application/json'].schema.properties.records.maxItems).toBe(100);
  expect(response.json.paths['/v1/subjects/{uscc}/credit-profile'].get.parameters[0]).toMatchObject({
    name: 'uscc',
    in: 'path',
  });
});
