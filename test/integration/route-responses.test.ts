import * as z from 'zod/mini';
import { workerInput } from '../../functions/care/testing.js';
import { CURRENT_METHOD } from '../../functions/shopping/method/method.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { scenarios } from '../../scenarios.js';
import { buildUscc } from '../../shared/uscc.js';

/**
 * One representative successful call per route, through the local API: the status it answers
 * is one its contract (and so the OpenAPI document) declares, and its body fits that
 * status's response schema. A new route without a call here fails the first test.
 */
let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let writer: string;
let buyer: string;

const subject = { uscc: buildUscc({ orgCodeBody: 'MA1RR001' }), name: '上海响应测试有限公司' };
const record = (recordId: string) => ({
  recordId,
  subject,
  category: 'administrative-penalty',
  severity: 'general',
  authority: '上海市市场监督管理局',
  decisionNumber: `沪市监处〔2026〕${recordId}号`,
  decidedAt: '2026-03-02',
  validFrom: '2026-03-05',
  penalty: { types: ['warning'] },
});
const at = '2026-04-01T10:00:00+08:00';

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  writer = await platform.token({ scopes: ['records:write'] });
  buyer = await platform.token({ scopes: ['procurement:check'], clientId: 'portal-r' });
});
afterAll(() => platform.stop());

let checkId: string;
const careAgency = buildUscc({ orgCodeBody: 'MA1RR002' });
const care: { admin?: string; agency?: string; code?: string; reviewToken?: string } = {};
const careWorkerPath = `/v1/care/agencies/${careAgency}/workers/RR-0001`;
const post = (path: string, body: unknown, token = writer) => platform.call('POST', path, { token, body });
const calls: Record<string, () => ReturnType<typeof platform.call>> = {
  'system.health': () => platform.call('GET', '/v1/health'),
  'system.openapi': () => platform.call('GET', '/v1/openapi.json'),
  'system.jwks': () => platform.call('GET', '/v1/.well-known/jwks.json'),
  'platform.ingest-credit-records': () => post('/v1/credit-records', { records: ['RR-1', 'RR-2', 'RR-3'].map(record) }),
  'platform.repair-credit-record': () => post('/v1/credit-records/RR-1/repair', { repairedAt: at, reason: '已整改' }),
  'platform.revoke-credit-record': () => post('/v1/credit-records/RR-2/revoke', { revokedAt: at, reason: '撤销' }),
  'platform.raise-objection': () => post('/v1/credit-records/RR-3/objection', { raisedAt: at, reason: '有误' }),
  'platform.resolve-objection': () =>
    post('/v1/credit-records/RR-3/objection/resolve', { resolvedAt: '2026-04-02T10:00:00+08:00', outcome: 'rejected' }),
  'platform.get-credit-profile': () => platform.call('GET', `/v1/subjects/${subject.uscc}/credit-profile`),
  'platform.get-repair-eligibility': () =>
    platform.call('GET', '/v1/credit-records/RR-3/repair-eligibility?asOf=2026-06-30T16:00:00Z'),
  'platform.get-repair-notice': () => platform.call('GET', '/v1/credit-records/RR-3/repair-notice'),
  'procurement.create-check': async () => {
    await platform.deliverEvents();
    const created = await post(
      '/v1/procurement/checks',
      { projectId: 'RR-P', purchaser: '某局', suppliers: [subject] },
      buyer,
    );
    checkId = created.json?.checkId;
    return created;
  },
  'procurement.get-check': () => platform.call('GET', `/v1/procurement/checks/${checkId}`, { token: buyer }),
  'procurement.list-project-checks': () =>
    platform.call('GET', '/v1/procurement/projects/RR-P/checks?limit=1', { token: buyer }),
  'procurement.put-watch': () =>
    platform.call('PUT', '/v1/procurement/projects/RR-P/watch', {
      token: buyer,
      body: { suppliers: [subject], until: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString() },
    }),
  'procurement.list-alerts': () =>
    platform.call('GET', '/v1/procurement/projects/RR-P/alerts?limit=1', { token: buyer }),
  'procurement.delete-watch': () => platform.call('DELETE', '/v1/procurement/projects/RR-P/watch', { token: buyer }),
  'shopping.get-method': () => platform.call('GET', '/v1/shopping/method'),
  'shopping.get-method-version': () => platform.call('GET', '/v1/shopping/method/2026.1'),
  'shopping.submit-merchants': async () => {
    const indicators = Object.fromEntries(CURRENT_METHOD.indicators.map((indicator) => [indicator.id, indicator.best]));
    district = await platform.token({ scopes: ['merchants:write'], clientId: 'district-r', district: 'yuyuan' });
    const submitted = await platform.call('PUT', '/v1/shopping/districts/yuyuan/periods/2026H1/merchants', {
      token: district,
      body: { merchants: [{ ...subject, category: '零售', indicators }] },
    });
    submissionId = submitted.json?.submissionId;
    await platform.deliverEvents();
    return submitted;
  },
  'shopping.get-submission': () =>
    platform.call('GET', `/v1/shopping/submissions/${submissionId}`, { token: district }),
  'shopping.reply': () =>
    post(`/v1/shopping/districts/yuyuan/merchants/${subject.uscc}/periods/2026H1/reply`, { text: '已整改' }, district),
  'shopping.ranking': () => platform.call('GET', '/v1/shopping/periods/2026H1/districts'),
  'shopping.district-merchants': () => platform.call('GET', '/v1/shopping/periods/2026H1/districts/yuyuan/merchants'),
  'shopping.weakest-indicators': () =>
    platform.call('GET', '/v1/shopping/periods/2026H1/districts/yuyuan/weakest-indicators'),
  'shopping.merchant': () => platform.call('GET', `/v1/shopping/merchants/${subject.uscc}`),
  'care.put-agency': async () => {
    care.admin = await platform.token({ scopes: ['care:admin'], clientId: 'care-admin-r' });
    care.agency = await platform.token({ scopes: ['care:write'], clientId: 'care-agency-r', agency: careAgency });
    const agency = {
      name: '上海响应测试家政服务社',
      kind: 'domestic-service',
      district: '黄浦区',
      address: '上海市黄浦区',
      services: ['保洁'],
    };
    // Registered, then updated: the update's 200 is the status listed first.
    await platform.call('PUT', `/v1/care/agencies/${careAgency}`, { token: care.admin, body: agency });
    return platform.call('PUT', `/v1/care/agencies/${careAgency}`, { token: care.admin, body: agency });
  },
  'care.search-agencies': () => platform.call('GET', '/v1/care/agencies?kind=domestic-service'),
  'care.get-agency': () => platform.call('GET', `/v1/care/agencies/${careAgency}`),
  'care.put-worker': async () => {
    const worker = workerInput(1);
    // Opened (201, with the code), then updated: the update's 200 is the status listed first.
    const created = await platform.call('PUT', careWorkerPath, { token: care.agency!, body: worker });
    care.code = created.json?.lookupCode;
    return platform.call('PUT', careWorkerPath, { token: care.agency!, body: worker });
  },
  'care.rotate-lookup-code': async () => {
    const rotated = await post(`${careWorkerPath}/lookup-code`, {}, care.agency!);
    care.code = rotated.json?.lookupCode;
    return rotated;
  },
  'care.badge-svg': () =>
    platform.call('GET', `${careWorkerPath}/badge.svg?code=${care.code}`, { token: care.agency! }),
  'care.lookup-worker': () => post('/v1/care/worker-lookups', { badgeNo: 'RR-0001', code: care.code }),
  'care.list-lookups': () => platform.call('GET', `${careWorkerPath}/lookups`, { token: care.agency! }),
  'care.record-service': async () => {
    const service = await post(
      `/v1/care/agencies/${careAgency}/services`,
      { badgeNo: 'RR-0001', serviceDate: '2026-01-05', kind: '保洁' },
      care.agency!,
    );
    care.reviewToken = service.json?.reviewToken;
    return service;
  },
  'care.review': () => post('/v1/care/reviews', { reviewToken: care.reviewToken, rating: 5 }),
};
let district: string;
let submissionId: string;

// Not JSON: a CSV file for spreadsheets, checked here for its status, type and header row.
test('shopping.method-template answers the CSV header row', async () => {
  const response = await platform.call('GET', '/v1/shopping/method/template.csv');
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.raw.startsWith('\uFEFFuscc,name,category,')).toBe(true);
});

// The local-only token endpoint answers OAuth JSON, not a documented contract (its own tests cover it).
const routes = scenarios.flatMap((scenario) => scenario.routes).filter((route) => !route.localOnly);

test('every route has a representative call', () => {
  expect([...Object.keys(calls), 'shopping.method-template'].sort()).toEqual(routes.map((route) => route.id).sort());
});

// In the order above: later calls use what earlier ones made.
test.each(Object.keys(calls).map((id) => [id, routes.find((route) => route.id === id)!] as const))(
  '%s answers a status its contract declares, with a body that fits its schema',
  async (id, route) => {
    const response = await calls[id]!();
    expect({ id, status: response.status }).toEqual({ id, status: Number(Object.keys(route.responses)[0]) });
    const parsed = z.safeParse(route.responses[response.status]!, route.mediaType ? response.raw : response.json);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(response.headers['content-type']).toBe(route.mediaType ?? 'application/json');
  },
);
