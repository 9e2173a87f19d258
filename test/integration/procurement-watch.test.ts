import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { procurementEvents } from '../../events/procurement.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { buildUscc } from '../../shared/uscc.js';

// Each function's first request starts its worker (a cold start): allow for several.
jest.setTimeout(60_000);

const supplier = (body: string, name: string) => ({ uscc: buildUscc({ orgCodeBody: body }), name });
const watched = supplier('MA1WT001', '上海监视建设有限公司');
const partner = supplier('MA1WT002', '上海伙伴材料有限公司');
const bystander = supplier('MA1WT003', '上海路人科技有限公司');
const project = 'SHZC-2026-WATCH';
const watchPath = `/v1/procurement/projects/${project}/watch`;
const alertsPath = `/v1/procurement/projects/${project}/alerts`;

const DAY_MS = 24 * 3600 * 1000;
const listing = (recordId: string, subject: { uscc: string; name: string }) => ({
  recordId,
  subject,
  category: 'dishonest-judgment-debtor',
  severity: 'serious',
  authority: '上海市第一中级人民法院',
  decisionNumber: `(2026)沪01执${recordId}号`,
  decidedAt: '2026-01-05',
  validFrom: '2026-01-05',
});

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let buyer: string;
let writer: string;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  buyer = await platform.token({ scopes: ['procurement:check'], clientId: 'watch-portal' });
  writer = await platform.token({ scopes: ['records:write'] });
}, 60_000);
afterAll(() => platform.stop());

const allItems = async () => {
  const { Items } = await platform.db.send(new ScanCommand({ TableName: platform.table, ConsistentRead: true }));
  return (Items ?? []).map((item) => unmarshall(item));
};
const post = (path: string, body: unknown) => platform.call('POST', path, { token: writer, body });
const alerts = async (token = buyer) => (await platform.call('GET', alertsPath, { token })).json;
const watchEvents = async () =>
  (await platform.streamedEvents()).filter((event) => event.detailType === 'WatchedSupplierVerdictChanged');

describe('a watched project hears of its suppliers’ verdict changes', () => {
  const until = new Date(Date.now() + 30 * DAY_MS).toISOString();

  test('the watch starts from each supplier’s verdict now, with its consortium', async () => {
    const response = await platform.call('PUT', watchPath, {
      token: buyer,
      body: {
        suppliers: [watched, partner],
        consortia: [{ consortiumId: 'LT-W', members: [watched.uscc, partner.uscc] }],
        until,
      },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      projectId: project,
      until,
      rulesVersion: 'procurement-rules/2026.2',
      suppliers: [
        { uscc: watched.uscc, verdict: 'eligible' },
        { uscc: partner.uscc, verdict: 'eligible' },
      ],
      consortia: [{ consortiumId: 'LT-W', verdict: 'eligible' }],
    });
    expect((await alerts()).items).toEqual([]);
  });

  test('a listing of a watched supplier records an alert and publishes WatchedSupplierVerdictChanged', async () => {
    expect((await post('/v1/credit-records', { records: [listing('W-1', watched)] })).status).toBe(200);
    await platform.deliverEvents();
    const { items } = await alerts();
    expect(items).toEqual([
      expect.objectContaining({
        projectId: project,
        uscc: watched.uscc,
        consortiumId: 'LT-W',
        previousVerdict: 'eligible',
        verdict: 'ineligible',
        reasons: [expect.objectContaining({ rule: 'dishonesty-list', recordId: 'W-1' })],
      }),
    ]);
    const [event] = await watchEvents();
    expect(procurementEvents.WatchedSupplierVerdictChanged.schema.safeParse(event?.detail).success).toBe(true);
    expect(event?.detail).toMatchObject({
      alertId: items[0].alertId,
      clientId: 'watch-portal',
      projectId: project,
      uscc: watched.uscc,
      consortiumId: 'LT-W',
      previousVerdict: 'eligible',
      verdict: 'ineligible',
    });
  });

  test('a record of an unwatched supplier and a change that keeps the verdict raise nothing', async () => {
    await post('/v1/credit-records', {
      records: [listing('W-2', bystander), { ...listing('W-3', watched), decisionNumber: '(2026)沪01执另案号' }],
    });
    await platform.deliverEvents();
    expect((await alerts()).items).toHaveLength(1);
    expect(await watchEvents()).toHaveLength(1);
  });

  test('repairing both listings brings the verdict back, with a second alert', async () => {
    const repairedAt = new Date(Date.now() - 60_000).toISOString();
    for (const recordId of ['W-1', 'W-3']) {
      expect((await post(`/v1/credit-records/${recordId}/repair`, { repairedAt, reason: '已履行' })).status).toBe(200);
    }
    await platform.deliverEvents();
    const { items } = await alerts();
    expect(
      items.map((alert: { previousVerdict: string; verdict: string }) => [alert.previousVerdict, alert.verdict]),
    ).toEqual([
      ['ineligible', 'eligible'],
      ['eligible', 'ineligible'],
    ]);
    expect(await watchEvents()).toHaveLength(2);
  });

  test('alerts are the owner’s only, a page at a time', async () => {
    const other = await platform.token({ scopes: ['procurement:check'], clientId: 'watch-other' });
    expect((await alerts(other)).items).toEqual([]);
    const first = await platform.call('GET', `${alertsPath}?limit=1`, { token: buyer });
    expect(first.json.items).toHaveLength(1);
    const second = await platform.call('GET', `${alertsPath}?limit=1&cursor=${first.json.nextCursor}`, {
      token: buyer,
    });
    expect(second.json.items[0].verdict).toBe('ineligible');
    expect(second.json.nextCursor).toBeUndefined();
  });

  test('once the watch is deleted nothing more is raised; a second delete is 404', async () => {
    expect((await platform.call('DELETE', watchPath, { token: buyer })).json).toEqual({
      projectId: project,
      watching: false,
      suppliers: 2,
    });
    expect((await platform.call('DELETE', watchPath, { token: buyer })).status).toBe(404);
    await post('/v1/credit-records', { records: [listing('W-4', partner)] });
    await platform.deliverEvents();
    expect((await alerts()).items).toHaveLength(2);
    const entries = (await allItems()).filter((item) => String(item.pk).startsWith('WATCHED#'));
    expect(entries).toEqual([]);
  });
});

describe('bad watches are refused and store nothing', () => {
  const later = (ms: number) => new Date(Date.now() + ms).toISOString();
  test.each<[string, Record<string, unknown>, string[]]>([
    ['until in the past', { suppliers: [watched], until: later(-DAY_MS) }, ['until']],
    ['until more than a year ahead', { suppliers: [watched], until: later(367 * DAY_MS) }, ['until']],
    ['no until', { suppliers: [watched] }, ['until']],
    [
      'a consortium member that is not a supplier',
      {
        suppliers: [watched],
        consortia: [{ consortiumId: 'X', members: [watched.uscc, partner.uscc] }],
        until: later(DAY_MS),
      },
      ['consortia.0.members.1'],
    ],
    ['a repeated supplier', { suppliers: [watched, watched], until: later(DAY_MS) }, ['suppliers.1.uscc']],
  ])('%s → 400', async (_name, body, paths) => {
    const before = await allItems();
    const response = await platform.call('PUT', '/v1/procurement/projects/SHZC-BAD/watch', { token: buyer, body });
    expect(response.status).toBe(400);
    expect(response.json.errors.map((error: { path: string }) => error.path)).toEqual(paths);
    expect(await allItems()).toEqual(before);
  });
});

describe('a check as CSV for the procurement file', () => {
  test('Accept: text/csv gives the table with a BOM and a file name; JSON stays the signed original', async () => {
    const created = await platform.call('POST', '/v1/procurement/checks', {
      token: buyer,
      body: { projectId: 'SHZC-CSV', purchaser: '上海市某局', suppliers: [{ ...bystander, name: '=1+1' }, partner] },
    });
    expect(created.status).toBe(201);
    const path = `/v1/procurement/checks/${created.json.checkId}`;
    const csv = await platform.call('GET', path, { token: buyer, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="procurement-check-SHZC-CSV-${created.json.checkId}.csv"`,
    );
    expect(csv.headers.vary).toBe('Accept');
    expect(csv.raw.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(csv.raw, { bom: true });
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[8], row[9]])).toEqual([
      ["'=1+1", bystander.uscc, '拒绝参加 ineligible', created.json.checkId, created.json.digest],
      [partner.name, partner.uscc, '拒绝参加 ineligible', created.json.checkId, created.json.digest],
    ]);
    const openapi = (await platform.call('GET', '/v1/openapi.json')).json;
    expect(Object.keys(openapi.paths['/v1/procurement/checks/{checkId}'].get.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
    ]);
    for (const accept of [undefined, 'application/json', 'text/html', 'text/csv;q=0.5, application/json']) {
      const json = await platform.call('GET', path, { token: buyer, headers: accept ? { accept } : {} });
      expect(json.headers['content-type']).toBe('application/json');
      expect(json.raw).toBe(created.raw);
    }
  });
});
