import { CURRENT_METHOD } from '../../functions/shopping/method/method.js';
import { currentPeriod } from '../../functions/shopping/method/period.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { buildUscc } from '../../shared/uscc.js';

/**
 * The scenario through the local API and the event pipeline only: districts submit, the scorer
 * and the re-scorer run on the bus, and the public reads show what they decided.
 */
let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let east: string;
let xujiahui: string;
let writer: string;

const period = currentPeriod(new Date());
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
const uscc = (n: number) => buildUscc({ orgCodeBody: `MA1HP${String(n).padStart(3, '0')}` });
const good = {
  licenceCoverage: 100,
  licenceDisplayed: 1,
  inspectionFindings: 0,
  samplingPassRate: 98,
  qualityComplaints: 2,
  afterSalesReturns: 76,
  digitalServices: 70,
  serviceProcess: 82,
  complaintRate: 4,
  complaintsResolvedInTime: 95,
  prepaidCardDisputes: 0,
};
const merchant = (n: number, indicators: Record<string, unknown> = good) => ({
  uscc: uscc(n),
  name: `上海测试商户${n}有限公司`,
  category: '零售',
  indicators,
});
const rosterUrl = (district: string, p = period) => `/v1/shopping/districts/${district}/periods/${p}/merchants`;
const put = (district: string, token: string, body: unknown) =>
  platform.call('PUT', rosterUrl(district), { token, body });
const ranking = async () => (await platform.call('GET', `/v1/shopping/periods/${period}/districts`)).json.items;
const merchantIndex = async (n: number) =>
  (await platform.call('GET', `/v1/shopping/merchants/${uscc(n)}`)).json.items.find(
    (item: { period: string }) => item.period === period,
  );
const districtIndex = async (id: string) =>
  (await ranking()).find((item: { districtId: string }) => item.districtId === id);

/** The district's figures recomputed from scratch from its listed merchants. */
async function recomputed(district: string) {
  const items: { index: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await platform.call(
      'GET',
      `/v1/shopping/periods/${period}/districts/${district}/merchants?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  const sum = items.reduce((total, item) => total + Math.round(item.index * 10), 0);
  return { merchants: items.length, index: items.length ? Math.round(sum / items.length) / 10 : 0 };
}

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  east = await platform.token({
    scopes: ['merchants:write'],
    clientId: 'district-east',
    district: 'nanjing-road-east',
  });
  xujiahui = await platform.token({ scopes: ['merchants:write'], clientId: 'district-xjh', district: 'xujiahui' });
  writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
});
afterAll(() => platform.stop());

test('two districts submit (JSON and CSV); a penalty lowers a merchant and its district through events; a repair restores them', async () => {
  const submitted = await put('nanjing-road-east', east, { merchants: [merchant(1), merchant(2)] });
  expect(submitted.status).toBe(202);
  const columns = ['uscc', 'name', 'category', ...CURRENT_METHOD.indicators.map((i) => i.id)];
  const row = (n: number, values: Record<string, number>) =>
    [uscc(n), `徐家汇商户${n}`, '餐饮', ...CURRENT_METHOD.indicators.map((i) => values[i.id])].join(',');
  const csv = `\uFEFF${columns.join(',')}\r\n${row(3, good)}\r\n${row(4, { ...good, afterSalesReturns: 50 })}\r\n`;
  const csvSubmitted = await platform.call('PUT', rosterUrl('xujiahui'), {
    token: xujiahui,
    rawBody: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });
  expect(csvSubmitted.status).toBe(202);
  await platform.deliverEvents();

  const progress = await platform.call('GET', `/v1/shopping/submissions/${submitted.json.submissionId}`, {
    token: east,
  });
  expect(progress.json).toMatchObject({ status: 'done', scored: 2, total: 2, errors: [] });
  expect(
    (await platform.call('GET', `/v1/shopping/submissions/${submitted.json.submissionId}`, { token: xujiahui })).status,
  ).toBe(404);

  const before = await ranking();
  expect(before.map((d: { districtId: string }) => d.districtId)).toEqual(['nanjing-road-east', 'xujiahui']);
  expect(before[0]).toMatchObject({ name: '南京东路', merchants: 2 });
  const merchantBefore = await merchantIndex(1);
  const districtBefore = await districtIndex('nanjing-road-east');

  const record = {
    recordId: 'SP-PEN-1',
    subject: { uscc: uscc(1), name: '上海测试商户1有限公司' },
    category: 'administrative-penalty',
    severity: 'general',
    authority: '上海市黄浦区市场监督管理局',
    decisionNumber: '沪市监黄处〔2026〕12号',
    decidedAt: today,
    validFrom: today,
    validTo: nextYear,
    penalty: { types: ['fine'], fineAmountCny: 50000 },
  };
  expect(
    (await platform.call('POST', '/v1/credit-records', { token: writer, body: { records: [record] } })).status,
  ).toBe(200);
  await platform.deliverEvents();
  const penalised = await merchantIndex(1);
  expect(penalised.index).toBeCloseTo(merchantBefore.index - 6, 5);
  expect(penalised.reasons[0]).toMatchObject({ effect: -6, recordId: 'SP-PEN-1' });
  expect(penalised.reasons[0].text).toContain('沪市监黄处〔2026〕12号 (上海市黄浦区市场监督管理局), fine ¥50,000');
  expect((await districtIndex('nanjing-road-east')).index).toBeCloseTo(districtBefore.index - 3, 5);
  expect((await districtIndex('xujiahui')).index).toBe(before[1].index);

  const repair = await platform.call('POST', '/v1/credit-records/SP-PEN-1/repair', {
    token: writer,
    body: { repairedAt: new Date().toISOString(), reason: '已整改并履行义务' },
  });
  expect(repair.status).toBe(200);
  await platform.deliverEvents();
  expect((await merchantIndex(1)).index).toBe(merchantBefore.index);
  expect(await districtIndex('nanjing-road-east')).toEqual(districtBefore);

  // A reply shows with the score and does not change it.
  const reply = await platform.call(
    'POST',
    `/v1/shopping/districts/nanjing-road-east/merchants/${uscc(1)}/periods/${period}/reply`,
    {
      token: east,
      body: { text: '处罚所涉问题已整改完毕。' },
    },
  );
  expect(reply.status).toBe(200);
  expect(await merchantIndex(1)).toMatchObject({
    index: merchantBefore.index,
    reply: { text: '处罚所涉问题已整改完毕。' },
  });

  // The weakest indicators of the district come first.
  const weakest = await platform.call('GET', `/v1/shopping/periods/${period}/districts/xujiahui/weakest-indicators`);
  expect(weakest.json.items[0].indicator).toBe('afterSalesReturns');
}, 60_000);

test('a resubmission replaces the roster: a dropped merchant leaves the ranking; the same body again changes nothing', async () => {
  const first = await put('nanjing-road-east', east, { merchants: [merchant(1), merchant(2), merchant(5)] });
  await platform.deliverEvents();
  expect((await districtIndex('nanjing-road-east')).merchants).toBe(3);
  const second = await put('nanjing-road-east', east, { merchants: [merchant(1), merchant(5)] });
  expect(second.json.submissionId).not.toBe(first.json.submissionId);
  await platform.deliverEvents();
  expect((await districtIndex('nanjing-road-east')).merchants).toBe(2);
  expect((await platform.call('GET', `/v1/shopping/merchants/${uscc(2)}`)).status).toBe(404);
  const again = await put('nanjing-road-east', east, { merchants: [merchant(1), merchant(5)] });
  expect(again.json).toEqual({ accepted: 2, submissionId: second.json.submissionId, status: 'unchanged' });
}, 60_000);

describe('bad input is refused naming the field, and nothing is stored', () => {
  const cases: [string, () => ReturnType<typeof platform.call>, number, string][] = [
    [
      'indicator out of range',
      () => put('yuyuan', east, { merchants: [merchant(9, { ...good, licenceCoverage: 120 })] }),
      400,
      'merchants.0.indicators.licenceCoverage',
    ],
    [
      'wrong unit',
      () =>
        put('yuyuan', east, {
          merchants: [merchant(9, { ...good, samplingPassRate: { value: 0.98, unit: 'ratio' } })],
        }),
      400,
      'merchants.0.indicators.samplingPassRate',
    ],
    [
      'unknown field',
      () => put('yuyuan', east, { merchants: [{ ...merchant(9), colour: 'red' }] }),
      400,
      'merchants.0.colour',
    ],
    [
      'unknown indicator',
      () => put('yuyuan', east, { merchants: [merchant(9, { ...good, smiles: 3 })] }),
      400,
      'merchants.0.indicators.smiles',
    ],
    [
      'invalid USCC',
      () => put('yuyuan', east, { merchants: [{ ...merchant(9), uscc: '91310000MA1HP00900' }] }),
      400,
      'merchants.0.uscc',
    ],
    [
      'duplicate merchant',
      () => put('yuyuan', east, { merchants: [merchant(9), merchant(9)] }),
      400,
      'merchants.1.uscc',
    ],
    ['no merchants', () => put('yuyuan', east, { merchants: [] }), 400, 'merchants'],
    [
      'period that does not exist',
      () =>
        platform.call('PUT', rosterUrl('nanjing-road-east', '2026H3'), {
          token: east,
          body: { merchants: [merchant(9)] },
        }),
      400,
      'path.period',
    ],
    [
      'future period',
      () =>
        platform.call('PUT', rosterUrl('nanjing-road-east', `${Number(period.slice(0, 4)) + 1}H1`), {
          token: east,
          body: { merchants: [merchant(9)] },
        }),
      400,
      'path.period',
    ],
    ['another district', () => put('xujiahui', east, { merchants: [merchant(9)] }), 403, ''],
    [
      'CSV cell out of range',
      () =>
        platform.call('PUT', rosterUrl('nanjing-road-east'), {
          token: east,
          rawBody: `uscc,name,category,${CURRENT_METHOD.indicators.map((i) => i.id).join(',')}\n${uscc(9)},某店,零售,${CURRENT_METHOD.indicators.map((i) => (i.id === 'digitalServices' ? 150 : 1)).join(',')}\n`,
          headers: { 'content-type': 'text/csv' },
        }),
      400,
      'line 2, column digitalServices',
    ],
  ];
  test.each(cases)('%s', async (_name, send, status, path) => {
    const before = await ranking();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    if (path) expect(response.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    await platform.deliverEvents();
    expect(await ranking()).toEqual(before);
  });
});

test('concurrent submissions and re-scores: every district aggregate equals a from-scratch recomputation', async () => {
  const chaotic = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { chaos: true });
  try {
    const ids = ['north-bund', 'wujiaochang', 'yuyuan'];
    const tokens = await Promise.all(
      ids.map((district) => chaotic.token({ scopes: ['merchants:write'], clientId: `c-${district}`, district })),
    );
    const records = await chaotic.token({ scopes: ['records:write'], clientId: 'credit-platform' });
    const roster = (d: number, size: number) =>
      Array.from({ length: size }, (_, i) =>
        merchant(100 + d * 100 + i, { ...good, digitalServices: 40 + ((i * 7) % 60) }),
      );
    const penalty = (n: number) => ({
      recordId: `SP-C-${n}`,
      subject: { uscc: uscc(n), name: `商户${n}` },
      category: 'administrative-penalty',
      severity: n % 2 ? 'serious' : 'general',
      authority: '上海市市场监督管理局',
      decisionNumber: `沪市监处〔2026〕C${n}号`,
      decidedAt: today,
      validFrom: today,
      validTo: nextYear,
    });
    const call = (url: string, token: string, body: unknown) => chaotic.call('PUT', url, { token, body });
    // Penalties land before, between and after the submissions, all delivered in one chaotic pass.
    await chaotic.call('POST', '/v1/credit-records', {
      token: records,
      body: { records: [penalty(100), penalty(201)] },
    });
    await Promise.all(
      ids.map((district, d) => call(rosterUrl(district), tokens[d] as string, { merchants: roster(d, 60) })),
    );
    await chaotic.call('POST', '/v1/credit-records', {
      token: records,
      body: { records: [penalty(102), penalty(305)] },
    });
    const delivering = chaotic.deliverEvents();
    await call(rosterUrl('yuyuan'), tokens[2] as string, { merchants: roster(2, 45) });
    await chaotic.call('POST', '/v1/credit-records', {
      token: records,
      body: { records: [penalty(103), penalty(210)] },
    });
    await delivering;
    await chaotic.deliverEvents();
    const items = (await chaotic.call('GET', `/v1/shopping/periods/${period}/districts`)).json.items;
    const previous = platform;
    platform = chaotic;
    try {
      for (const district of ids) {
        const aggregate = items.find((item: { districtId: string }) => item.districtId === district);
        expect({ district, merchants: aggregate.merchants, index: aggregate.index }).toEqual({
          district,
          ...(await recomputed(district)),
        });
      }
    } finally {
      platform = previous;
    }
    expect(items.find((item: { districtId: string }) => item.districtId === 'yuyuan').merchants).toBe(45);
  } finally {
    await chaotic.stop();
  }
}, 120_000);
