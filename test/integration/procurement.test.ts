import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { procurementEvents } from '../../events/procurement.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { repositoryRoot } from '../../local/settings.js';
import { verifyDocument } from '../../shared/signing/signed-document.js';
import { buildUscc } from '../../shared/uscc.js';

const supplier = (body: string, name: string) => ({ uscc: buildUscc({ orgCodeBody: body }), name });
const clean = supplier('MA1PC001', '上海清白建设有限公司');
const debtor = supplier('MA1PC002', '上海失信工程有限公司');
const bigFine = supplier('MA1PC003', '上海重罚材料有限公司');
const disputed = supplier('MA1PC004', '上海异议科技有限公司');
const repaired = supplier('MA1PC005', '上海修复物业有限公司');
const unknown = supplier('MA1PC006', '上海新设服务有限公司');

const base = {
  severity: 'serious',
  authority: '上海市市场监督管理局',
  decidedAt: '2025-06-02',
  validFrom: '2025-06-03',
};
const records = [
  {
    ...base,
    recordId: 'PC-1',
    subject: debtor,
    category: 'dishonest-judgment-debtor',
    authority: '上海市第一中级人民法院',
    decisionNumber: '(2025)沪01执1号',
  },
  {
    ...base,
    recordId: 'PC-2',
    subject: bigFine,
    category: 'administrative-penalty',
    decisionNumber: '沪市监处〔2025〕2号',
    penalty: { types: ['fine'], fineAmountCny: 2_000_000 },
  },
  {
    ...base,
    recordId: 'PC-3',
    subject: disputed,
    category: 'major-tax-violation',
    authority: '国家税务总局上海市税务局',
    decisionNumber: '沪税稽罚〔2025〕3号',
  },
  {
    ...base,
    recordId: 'PC-4',
    subject: repaired,
    category: 'administrative-penalty',
    decisionNumber: '沪市监处〔2025〕4号',
    penalty: { types: ['suspension-of-business'] },
  },
  {
    ...base,
    recordId: 'PC-5',
    subject: clean,
    category: 'commendation',
    severity: 'general',
    authority: '上海市商务委员会',
    decisionNumber: '沪商〔2025〕5号',
  },
];
const suppliers = [clean, debtor, bigFine, disputed, repaired, unknown];
const asOf = '2026-11-20T09:30:00+08:00';

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let buyer: string;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  buyer = await platform.token({ scopes: ['procurement:check'], clientId: 'portal-a' });
  const writer = await platform.token({ scopes: ['records:write'] });
  const post = (path: string, body: unknown) => platform.call('POST', path, { token: writer, body });
  expect((await post('/v1/credit-records', { records })).status).toBe(200);
  expect(
    (await post('/v1/credit-records/PC-3/objection', { raisedAt: '2026-10-01T10:00:00+08:00', reason: '已全额补缴' }))
      .status,
  ).toBe(200);
  expect(
    (await post('/v1/credit-records/PC-4/repair', { repairedAt: '2026-11-20T09:29:59+08:00', reason: '整改完毕' }))
      .status,
  ).toBe(200);
  await platform.deliverEvents();
  // Each function's first request starts its worker (a cold start): allow for several.
}, 60_000);
afterAll(() => platform.stop());

const allItems = async () => {
  const { Items } = await platform.db.send(new ScanCommand({ TableName: platform.table, ConsistentRead: true }));
  return (Items ?? []).map((item) => unmarshall(item));
};

const check = (body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) =>
  platform.call('POST', '/v1/procurement/checks', { token: options.token ?? buyer, body, ...options });

describe('a procurement check through the local API', () => {
  let created: Awaited<ReturnType<typeof check>>;

  beforeAll(async () => {
    created = await check({ projectId: 'SHZC-2026-0451', purchaser: '上海市某区教育局', asOf, suppliers });
  });

  test('judges every supplier as of the deadline, with every reason', () => {
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/procurement/checks/${created.json.checkId}`);
    const verdicts = Object.fromEntries(
      created.json.results.map((result: { name: string; verdict: string }) => [result.name, result.verdict]),
    );
    expect(verdicts).toEqual({
      [clean.name]: 'eligible',
      [debtor.name]: 'ineligible',
      [bigFine.name]: 'ineligible',
      [disputed.name]: 'ineligible',
      [repaired.name]: 'review',
      [unknown.name]: 'eligible',
    });
    expect(created.json.summary).toEqual({ eligible: 2, ineligible: 3, review: 1 });
    expect(created.json.rulesVersion).toBe('procurement-rules/2026.2');
    const debtorResult = created.json.results[1];
    expect(debtorResult.reasons).toEqual([
      expect.objectContaining({
        rule: 'dishonesty-list',
        recordId: 'PC-1',
        decisionNumber: '(2025)沪01执1号',
        authority: '上海市第一中级人民法院',
      }),
    ]);
    expect(created.json.results[2].reasons[0]).toMatchObject({ rule: 'major-illegal-record', recordId: 'PC-2' });
    expect(created.json.results[3].reasons[0]).toMatchObject({
      rule: 'dishonesty-list',
      effect: 'ineligible',
      recordId: 'PC-3',
      disputed: true,
    });
    expect(created.json.results[4].reasons[0]).toMatchObject({
      rule: 'major-illegal-record-not-counting',
      effect: 'review',
      recordId: 'PC-4',
      repairedAt: '2026-11-20T09:29:59+08:00',
      citations: expect.arrayContaining([
        { document: '信用修复管理办法（国家发展改革委令第36号）', article: '第三条' },
      ]),
    });
    expect(created.json.results[4].reasons[0].explanation).toEqual({
      zh: expect.stringContaining('已完成信用修复'),
      en: expect.stringContaining('it was repaired'),
    });
    expect(debtorResult.dataFreshness.recordsAsOf).toEqual(expect.any(String));
    expect(debtorResult.dataFreshness.categoriesLastFed['dishonest-judgment-debtor']).toEqual(expect.any(String));
    expect(created.json.results[5].dataFreshness.recordsAsOf).toBeNull();
  });

  test('reads back byte for byte, only for the client that made it', async () => {
    const again = await platform.call('GET', `/v1/procurement/checks/${created.json.checkId}`, { token: buyer });
    expect(again.status).toBe(200);
    expect(again.raw).toBe(created.raw);
    const otherClient = await platform.token({ scopes: ['procurement:check'], clientId: 'portal-b' });
    const foreign = await platform.call('GET', `/v1/procurement/checks/${created.json.checkId}`, {
      token: otherClient,
    });
    expect(foreign.status).toBe(404);
    expect((await platform.call('GET', '/v1/procurement/checks/01NOSUCHCHECK', { token: buyer })).status).toBe(404);
  });

  test('its signature verifies offline against the published keys, and any change breaks it', async () => {
    const jwks = (await platform.call('GET', '/v1/.well-known/jwks.json')).json;
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0].d).toBeUndefined();
    await expect(verifyDocument(created.json, jwks, created.json.checkId)).resolves.toMatchObject({ valid: true });
    const tampered = structuredClone(created.json);
    tampered.results[1].verdict = 'eligible';
    await expect(verifyDocument(tampered, jwks, created.json.checkId)).resolves.toMatchObject({ valid: false });

    const folder = mkdtempSync(join(tmpdir(), 'verify-'));
    writeFileSync(join(folder, 'check.json'), created.raw);
    writeFileSync(join(folder, 'jwks.json'), JSON.stringify(jwks));
    writeFileSync(join(folder, 'tampered.json'), JSON.stringify(tampered));
    const verify = (file: string) =>
      execFileSync(
        join(repositoryRoot, 'node_modules/.bin/tsx'),
        ['scripts/verify-check.ts', join(folder, file), '--jwks', join(folder, 'jwks.json')],
        {
          cwd: repositoryRoot,
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    expect(verify('check.json')).toContain('VALID');
    expect(() => verify('tampered.json')).toThrow(/INVALID: the content does not match its digest/);
  });

  test('is listed under its project for its client only, and announced without supplier details', async () => {
    const listed = await platform.call('GET', '/v1/procurement/projects/SHZC-2026-0451/checks', { token: buyer });
    expect(listed.json).toEqual({
      items: [
        expect.objectContaining({ checkId: created.json.checkId, summary: { eligible: 2, ineligible: 3, review: 1 } }),
      ],
    });
    const otherClient = await platform.token({ scopes: ['procurement:check'], clientId: 'portal-b' });
    const foreign = await platform.call('GET', '/v1/procurement/projects/SHZC-2026-0451/checks', {
      token: otherClient,
    });
    expect(foreign.json).toEqual({ items: [] });

    const events = await platform.streamedEvents();
    const completed = events.find((event) => event.detailType === 'SupplierCheckCompleted');
    expect(completed?.detail).toMatchObject({
      checkId: created.json.checkId,
      supplierCount: 6,
      summary: created.json.summary,
    });
    expect(procurementEvents.SupplierCheckCompleted.schema.safeParse(completed?.detail).success).toBe(true);
    expect(JSON.stringify(completed?.detail)).not.toContain(debtor.uscc);
  });

  test('a consortium takes the worst verdict of its members, signed with the rest', async () => {
    const response = await check({
      projectId: 'SHZC-2026-0460',
      purchaser: '上海市某区教育局',
      asOf,
      suppliers: [clean, repaired, unknown, debtor],
      consortia: [
        { consortiumId: 'LT-A', members: [clean.uscc, repaired.uscc.toLowerCase()] },
        { consortiumId: 'LT-B', members: [unknown.uscc, debtor.uscc] },
      ],
    });
    expect(response.status).toBe(201);
    expect(
      response.json.consortia.map((c: { consortiumId: string; verdict: string; members: unknown[] }) => [
        c.consortiumId,
        c.verdict,
        c.members,
      ]),
    ).toEqual([
      [
        'LT-A',
        'review',
        [
          { uscc: clean.uscc, verdict: 'eligible' },
          { uscc: repaired.uscc, verdict: 'review' },
        ],
      ],
      [
        'LT-B',
        'ineligible',
        [
          { uscc: unknown.uscc, verdict: 'eligible' },
          { uscc: debtor.uscc, verdict: 'ineligible' },
        ],
      ],
    ]);
    const jwks = (await platform.call('GET', '/v1/.well-known/jwks.json')).json;
    const tampered = structuredClone(response.json);
    tampered.consortia[1].verdict = 'eligible';
    await expect(verifyDocument(response.json, jwks, response.json.checkId)).resolves.toMatchObject({ valid: true });
    await expect(verifyDocument(tampered, jwks, response.json.checkId)).resolves.toMatchObject({ valid: false });
  });

  test('a retry with the same Idempotency-Key returns the same check', async () => {
    const body = { projectId: 'SHZC-2026-0452', purchaser: '上海市某区卫健委', asOf, suppliers: [clean] };
    const headers = { 'idempotency-key': 'check-0452-1' };
    const first = await check(body, { headers });
    const second = await check(body, { headers });
    expect(second.json.checkId).toBe(first.json.checkId);
    expect(second.raw).toBe(first.raw);
  });

  test('500 suppliers in one check', async () => {
    const many = Array.from({ length: 500 }, (_, index) =>
      supplier(`MB${String(index).padStart(6, '0')}`, `供应商${index}`),
    );
    const response = await check({ projectId: 'SHZC-2026-0500', purchaser: '上海市政府采购中心', suppliers: many });
    expect(response.status).toBe(201);
    expect(response.json.summary).toEqual({ eligible: 500, ineligible: 0, review: 0 });
    const again = await platform.call('GET', `/v1/procurement/checks/${response.json.checkId}`, { token: buyer });
    expect(again.raw).toBe(response.raw);
  });
});

describe("a project's checks are listed a page at a time", () => {
  const projectId = 'SHZC-2026-PAGES';
  const list = (query: string, token = buyer, project = projectId) =>
    platform.call('GET', `/v1/procurement/projects/${project}/checks${query}`, { token });
  let made: string[];

  beforeAll(async () => {
    made = [];
    for (let n = 0; n < 5; n++) {
      const response = await check({ projectId, purchaser: '上海市某区教育局', asOf, suppliers: [clean] });
      expect(response.status).toBe(201);
      made.push(response.json.checkId);
    }
  });

  test('pages of 2 cover every check exactly once, newest first, and the last page has no cursor', async () => {
    const pages: { items: { checkId: string }[]; nextCursor?: string }[] = [];
    let query = '?limit=2';
    for (;;) {
      const page = await list(query);
      expect(page.status).toBe(200);
      pages.push(page.json);
      if (!page.json.nextCursor) break;
      query = `?limit=2&cursor=${page.json.nextCursor}`;
    }
    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((page) => page.items.map((item) => item.checkId))).toEqual([...made].reverse());
  });

  test('without a limit a page holds 20; with limit 5 it holds all five and no cursor', async () => {
    expect((await list('')).json.items).toHaveLength(5);
    expect((await list('?limit=5')).json).toEqual({ items: expect.any(Array) });
  });

  test.each([
    ['101', 'must be at most 100'],
    ['0', 'Too small: expected number to be >=1'],
    ['2.5', 'must be a whole number'],
    ['many', 'Invalid input: expected number, received NaN'],
  ])('limit=%s is 400 naming query.limit', async (limit, message) => {
    const response = await list(`?limit=${limit}`);
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ path: 'query.limit', message }]);
  });

  test('a tampered cursor, one of another project and one of another client are 400 naming query.cursor', async () => {
    const { nextCursor } = (await list('?limit=1')).json;
    const key = JSON.parse(Buffer.from(nextCursor, 'base64url').toString('utf8'));
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const otherClient = await platform.token({ scopes: ['procurement:check'], clientId: 'portal-b' });
    const refused = [
      await list(`?cursor=${forged({ ...key, sk: 'REC#x' })}`),
      await list(`?cursor=${forged({ ...key, extra: 1 })}`),
      await list(`?cursor=${nextCursor.slice(0, -3)}`),
      await list('?cursor=not%20base64url'),
      await list(`?cursor=${nextCursor}`, buyer, 'SHZC-2026-0451'),
      await list(`?cursor=${nextCursor}`, otherClient),
    ];
    for (const response of refused) {
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([{ path: 'query.cursor', message: expect.any(String) }]);
    }
  });
});

describe('bad checks are refused and store nothing', () => {
  const valid = { projectId: 'SHZC-2026-0999', purchaser: '上海市某局', asOf, suppliers: [clean, debtor] };
  const cases: [string, unknown, string[]][] = [
    [
      'an invalid USCC at index 3',
      { ...valid, suppliers: [clean, debtor, bigFine, { uscc: '91310000MA1PC00XXX', name: 'x' }] },
      ['suppliers.3.uscc'],
    ],
    ['a duplicate supplier', { ...valid, suppliers: [clean, debtor, { ...clean }] }, ['suppliers.2.uscc']],
    [
      'more than 500 suppliers',
      { ...valid, suppliers: Array.from({ length: 501 }, (_, i) => supplier(`MC${String(i).padStart(6, '0')}`, 'x')) },
      ['suppliers'],
    ],
    ['no projectId', { purchaser: '上海市某局', suppliers: [clean] }, ['projectId']],
    ['asOf not a timestamp', { ...valid, asOf: '2026-13-01' }, ['asOf']],
    ['asOf in the future', { ...valid, asOf: '2099-01-01T00:00:00+08:00' }, ['asOf']],
    ['no suppliers', { ...valid, suppliers: [] }, ['suppliers']],
    [
      'a consortium member that is not a supplier',
      { ...valid, consortia: [{ consortiumId: 'LT-1', members: [clean.uscc, bigFine.uscc] }] },
      ['consortia.0.members.1'],
    ],
    [
      'a supplier in two consortia',
      {
        ...valid,
        suppliers: [clean, debtor, bigFine],
        consortia: [
          { consortiumId: 'LT-1', members: [clean.uscc, debtor.uscc] },
          { consortiumId: 'LT-2', members: [bigFine.uscc, debtor.uscc] },
        ],
      },
      ['consortia.1.members.1'],
    ],
    [
      'a consortium of one',
      { ...valid, consortia: [{ consortiumId: 'LT-1', members: [clean.uscc] }] },
      ['consortia.0.members'],
    ],
    [
      'a repeated consortium id',
      {
        ...valid,
        suppliers: [clean, debtor, bigFine, repaired],
        consortia: [
          { consortiumId: 'LT-1', members: [clean.uscc, debtor.uscc] },
          { consortiumId: 'LT-1', members: [bigFine.uscc, repaired.uscc] },
        ],
      },
      ['consortia.1.consortiumId'],
    ],
  ];
  test.each(cases)('%s → 400', async (_name, body, paths) => {
    const before = await allItems();
    const response = await check(body);
    expect(response.status).toBe(400);
    expect(response.json.errors.map((error: { path: string }) => error.path)).toEqual(expect.arrayContaining(paths));
    expect(await allItems()).toEqual(before);
  });

  test('a token without the procurement scope is 403', async () => {
    const writer = await platform.token({ scopes: ['records:write'] });
    expect((await check(valid, { token: writer })).status).toBe(403);
  });
});
