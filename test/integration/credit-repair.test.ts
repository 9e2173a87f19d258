import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { penaltyInput } from '../../functions/platform/credit-records/test-records.js';
import { readCreditData, whyNotCounting } from '../../functions/platform/public.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';

/** Repair eligibility and the repair-rights notice (issue 14) through the local API and DynamoDB Local. */

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let writer: string;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
});
afterAll(() => platform.stop());

const publish = (...records: unknown[]) =>
  platform.call('POST', '/v1/credit-records', { token: writer, body: { records } });
const fine = (recordId: string, overrides: Record<string, unknown> = {}) =>
  penaltyInput(recordId, {
    severity: 'general',
    decidedAt: '2026-10-12',
    validFrom: '2026-10-15',
    validTo: '2027-10-12',
    penalty: { types: ['fine'], fineAmountCny: 80_000 },
    ...overrides,
  });

async function noticeItems(recordId: string) {
  const { Items } = await platform.db.send(
    new QueryCommand({
      TableName: platform.table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notice)',
      ExpressionAttributeValues: marshall({ ':pk': `REC#${recordId}`, ':notice': 'NOTICE#' }),
    }),
  );
  return (Items ?? []).map((item) => unmarshall(item));
}

describe('the repair-rights notice (两书同达)', () => {
  test('publishing a penalty issues its notice with the version; a re-send changes nothing; a new version a new notice', async () => {
    expect((await publish(fine('RP-1'))).status).toBe(200);
    const first = await platform.call('GET', '/v1/credit-records/RP-1/repair-notice');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      title: '信用修复权益告知书',
      recordId: 'RP-1',
      version: 1,
      regime: { id: 'ndrc-order-36' },
      failureClass: { value: 'general' },
      earliestApplicationDate: '2027-01-13',
    });
    expect(first.json.paragraphs.join('')).toContain('自2027-01-13起可申请信用修复');

    expect((await publish(fine('RP-1'))).json).toMatchObject({ unchanged: 1 });
    expect(await noticeItems('RP-1')).toHaveLength(1);
    expect((await platform.call('GET', '/v1/credit-records/RP-1/repair-notice')).raw).toBe(first.raw);

    expect((await publish(fine('RP-1', { failureClass: 'serious' }))).json).toMatchObject({ updated: 1 });
    const second = await platform.call('GET', '/v1/credit-records/RP-1/repair-notice');
    expect(second.json).toMatchObject({ version: 2, failureClass: { value: 'serious', source: 'authority' } });
    expect(second.json.earliestApplicationDate).toBe('2027-10-13');
    expect((await noticeItems('RP-1')).map((item) => item.version)).toEqual([1, 2]);
  });

  test('records that are not penalties, unknown and revoked records have no notice: 404 problem+json', async () => {
    await publish({ ...fine('RP-2'), category: 'commendation', penalty: undefined }, fine('RP-3'));
    await platform.call('POST', '/v1/credit-records/RP-3/revoke', {
      token: writer,
      body: { revokedAt: '2026-10-20T10:00:00+08:00', reason: '撤销' },
    });
    for (const recordId of ['RP-2', 'RP-3', 'RP-404']) {
      const response = await platform.call('GET', `/v1/credit-records/${recordId}/repair-notice`);
      expect({ recordId, status: response.status }).toEqual({ recordId, status: 404 });
      expect(response.headers['content-type']).toBe('application/problem+json');
    }
    expect(await noticeItems('RP-2')).toHaveLength(0);
  });
});

describe('GET /v1/credit-records/{recordId}/repair-eligibility', () => {
  const path = '/v1/credit-records/RP-4/repair-eligibility';
  beforeAll(() => publish(fine('RP-4', { decidedAt: '2025-12-20', validFrom: '2025-12-22', severity: 'serious' })));

  test('asOf picks the regime: 58号令 on 2026-03-31, 36号令 on 2026-04-01', async () => {
    const before = await platform.call('GET', `${path}?asOf=2026-03-31T15:59:59Z`);
    expect(before.json).toMatchObject({ regime: { id: 'ndrc-order-58' }, status: 'repairable', repairable: true });
    const after = await platform.call('GET', `${path}?asOf=2026-03-31T16:00:00Z`);
    expect(after.json).toMatchObject({
      regime: { id: 'ndrc-order-36' },
      status: 'waiting',
      earliestApplicationDate: '2026-12-21',
      failureClass: { value: 'serious', source: 'derived' },
    });
  });

  test('without asOf it judges now; it is a public read with an ETag, HEAD and 304', async () => {
    const now = await platform.call('GET', path);
    expect(now.status).toBe(200);
    expect(Date.now() - Date.parse(now.json.asOf)).toBeLessThan(120_000);
    expect(now.headers['cache-control']).toContain('max-age=60');
    const etag = now.headers.etag!;
    const again = await platform.call('GET', `${path}?asOf=${encodeURIComponent(now.json.asOf)}`);
    expect(again.headers.etag).toBe(etag);
    expect((await platform.call('GET', path, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const head = await platform.call('HEAD', path);
    expect(head.status).toBe(200);
    expect(head.raw).toBe('');
  });

  test('a bad or too early asOf → 400 naming query.asOf; an unknown record → 404', async () => {
    for (const asOf of ['yesterday', '2026-04-01', '2023-04-30T15:59:59Z']) {
      const response = await platform.call('GET', `${path}?asOf=${asOf}`);
      expect({ asOf, status: response.status }).toEqual({ asOf, status: 400 });
      expect(response.json.errors.map((error: { path: string }) => error.path)).toEqual(['query.asOf']);
    }
    expect((await platform.call('GET', `${path}?asOf=2023-04-30T16:00:00Z`)).status).toBe(200);
    const unknown = await platform.call('GET', '/v1/credit-records/RP-404/repair-eligibility');
    expect(unknown.status).toBe(404);
  });

  test('a revoked record answers 200 with status revoked and no details', async () => {
    const response = await platform.call('GET', '/v1/credit-records/RP-3/repair-eligibility');
    expect(response.json).toMatchObject({ status: 'revoked', repairable: false, conditions: [] });
    expect(response.json.failureClass).toBeUndefined();
  });
});

test('a repaired and a publicity-ended major penalty stay in the summary other scenarios read (readCreditData)', async () => {
  const subject = penaltyInput('x', {}).subject;
  await publish(
    fine('RP-5', {
      decidedAt: '2024-06-03',
      validFrom: '2024-06-05',
      validTo: '2025-06-04',
      penalty: { types: ['closure'] },
    }),
    fine('RP-6', {
      decidedAt: '2025-09-01',
      validFrom: '2025-09-03',
      validTo: '2028-08-31',
      penalty: { types: ['licence-revocation'] },
    }),
  );
  const repaired = await platform.call('POST', '/v1/credit-records/RP-6/repair', {
    token: writer,
    body: { repairedAt: '2026-10-01T10:00:00+08:00', reason: '已整改并作出信用承诺' },
  });
  expect(repaired.status).toBe(200);
  await platform.deliverEvents();

  const { summaries } = await readCreditData(platform.db, platform.table, { usccs: [subject.uscc] });
  const kept = summaries.get(subject.uscc)?.records.filter((record) => ['RP-5', 'RP-6'].includes(record.recordId));
  expect(kept?.map((record) => [record.recordId, record.decidedAt, record.penalty?.types])).toEqual([
    ['RP-5', '2024-06-03', ['closure']],
    ['RP-6', '2025-09-01', ['licence-revocation']],
  ]);
  expect(kept?.map((record) => whyNotCounting(record, subject.uscc, Date.now()))).toEqual([
    'publicity-ended',
    'repaired',
  ]);
});
