import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { penaltyInput } from '../../functions/platform/credit-records/test-records.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { buildUscc } from '../../shared/uscc.js';

/** Input that used to reach a 500 (or pass unchecked) through the local API: issue 10. */
let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let writer: string;
let buyer: string;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
  buyer = await platform.token({ scopes: ['procurement:check'], clientId: 'buyer' });
});
afterAll(() => platform.stop());

async function itemCount() {
  const { Count } = await platform.db.send(
    new ScanCommand({ TableName: platform.table, ConsistentRead: true, Select: 'COUNT' }),
  );
  return Count ?? 0;
}

/** Calls, and checks the answer is the given 4xx as problem+json and that nothing was written. */
async function refused(status: number, ...request: Parameters<typeof platform.call>) {
  const before = await itemCount();
  const response = await platform.call(...request);
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: 'application/problem+json',
  });
  expect(response.json.status).toBe(status);
  expect(await itemCount()).toBe(before);
  return response;
}

const ingest = (record: Record<string, unknown>) =>
  ['POST', '/v1/credit-records', { token: writer, body: { records: [record] } }] as const;
const errorPaths = (response: { json: { errors?: { path: string }[] } }) =>
  response.json.errors?.map((error) => error.path);

describe('money has at most two decimals and stays inside DynamoDB’s number range', () => {
  test.each([1e-131, 5e-324, 0.001])('a fine of %p yuan → 400 naming the field', async (amount) => {
    const response = await refused(
      400,
      ...ingest(penaltyInput('F-1', { penalty: { types: ['fine'], fineAmountCny: amount } })),
    );
    expect(errorPaths(response)).toEqual(['records.0.penalty.fineAmountCny']);
  });

  test('a fine in yuan and fen is stored as sent', async () => {
    const response = await platform.call(
      ...ingest(penaltyInput('F-2', { penalty: { types: ['fine'], fineAmountCny: 1234.56 } })),
    );
    expect(response.status).toBe(200);
  });
});

describe('query parameters named like object members are ordinary parameters', () => {
  test.each(['__proto__=1', 'constructor=', 'toString=x', '__proto__[polluted]=1&hasOwnProperty=2'])(
    '?%s on public and protected routes is served as without it',
    async (query) => {
      const health = await platform.call('GET', `/v1/health?${query}`);
      expect(health.status).toBe(200);
      const profile = await platform.call(
        'GET',
        `/v1/subjects/${buildUscc({ orgCodeBody: 'MA1FL8XQ' })}/credit-profile?${query}`,
      );
      expect(profile.status).toBe(200);
      await refused(401, 'POST', `/v1/credit-records?${query}`, { body: { records: [] } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe('malformed percent-encoding in a path', () => {
  test.each(['%ZZ', '%E0%A4%A', '%C0%AF', '%'])('%s → 400 before any route is chosen', async (segment) => {
    const response = await refused(400, 'GET', `/v1/subjects/${segment}/credit-profile`);
    expect(response.json.type).toMatch(/invalid-path$/);
    await refused(400, 'POST', `/v1/credit-records/${segment}/repair`, {
      token: writer,
      body: { repairedAt: '2026-07-01T10:00:00+08:00', reason: 'x' },
    });
  });

  test('a path is taken as sent: //v1/health is no route, and says so', async () => {
    const response = await refused(404, 'GET', '//v1/health');
    expect(response.json.instance).toBe('//v1/health');
    await refused(404, 'GET', '//localhost/v1/health');
  });
});

describe('free text refuses control and bidirectional formatting characters, naming the field', () => {
  test.each([
    [
      'NUL in a subject name',
      { subject: { uscc: buildUscc({ orgCodeBody: 'MA1FL8XQ' }), name: 'a\u0000b' } },
      'records.0.subject.name',
    ],
    ['ESC in an authority', { authority: '上海\u001b[31m' }, 'records.0.authority'],
    ['a right-to-left override in a decision number', { decisionNumber: '沪\u202e号' }, 'records.0.decisionNumber'],
    ['an isolate in a summary', { summary: '说明\u2066隐藏\u2069' }, 'records.0.summary'],
  ])('%s → 400', async (_what, overrides, path) => {
    const response = await refused(400, ...ingest(penaltyInput('T-1', overrides)));
    expect(errorPaths(response)).toEqual([path]);
  });

  test('in lifecycle reasons and procurement names too', async () => {
    const repair = await refused(400, 'POST', '/v1/credit-records/F-2/repair', {
      token: writer,
      body: { repairedAt: '2026-07-01T10:00:00+08:00', reason: '已整改\u0007' },
    });
    expect(errorPaths(repair)).toEqual(['reason']);
    const check = await refused(400, 'POST', '/v1/procurement/checks', {
      token: buyer,
      body: {
        projectId: 'P-1',
        purchaser: '上海市\u202e采购中心',
        suppliers: [{ uscc: buildUscc({ orgCodeBody: 'MA1FL8XQ' }), name: '供应商\u0000' }],
      },
    });
    expect(errorPaths(check)).toEqual(['purchaser', 'suppliers.0.name']);
  });

  test('a summary may have line breaks', async () => {
    const response = await platform.call(...ingest(penaltyInput('T-2', { summary: '第一项\n第二项' })));
    expect(response.status).toBe(200);
  });
});

describe('bodies are UTF-8 JSON', () => {
  const body = JSON.stringify({ records: [penaltyInput('E-1')] });

  test.each(['latin1', 'ISO-8859-1', 'utf-16', '"windows-1252"'])('charset=%s → 415', async (charset) => {
    await refused(415, 'POST', '/v1/credit-records', {
      token: writer,
      rawBody: body,
      headers: { 'content-type': `application/json; charset=${charset}` },
    });
  });

  test('charset=utf-8 in any spelling is fine', async () => {
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"', 'utf8']) {
      const response = await platform.call('POST', '/v1/credit-records', {
        token: writer,
        rawBody: body,
        headers: { 'content-type': `application/json; charset=${charset}` },
      });
      expect(response.status).toBe(200);
    }
  });

  test.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe4, 0xb8]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['Latin-1 text', [0xe9]],
  ])('%s in the body → 400, not patched with U+FFFD', async (_what, bytes) => {
    const [head, tail] = JSON.stringify({ records: [penaltyInput('E-2', { summary: '@' })] }).split('@');
    const raw = Buffer.concat([Buffer.from(head!), Buffer.from(bytes), Buffer.from(tail!)]);
    const response = await refused(400, 'POST', '/v1/credit-records', {
      token: writer,
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.json.type).toMatch(/invalid-encoding$/);
  });

  test('UTF-8 bytes are read as text', async () => {
    const raw = Buffer.from(JSON.stringify({ records: [penaltyInput('E-3', { summary: '已履行' })] }));
    const response = await platform.call('POST', '/v1/credit-records', {
      token: writer,
      rawBody: raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
  });
});
