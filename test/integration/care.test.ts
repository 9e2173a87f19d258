import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { jest } from '@jest/globals';
import QRCode from 'qrcode';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { buildResidentId, residentIdCheckCharacter } from '../../shared/resident-id.js';
import { buildUscc } from '../../shared/uscc.js';
import { atLeastAMinuteOfTheWindowLeft, WINDOW_WAIT_MS } from '../limit-window.js';

/**
 * The care scenario through the local API, as the issue's "Done when" asks: the whole flow
 * (agency, worker, service, review, lookups, rotation, move, lookup log), the bad-input list,
 * and afterwards a scan of every table item and every log line for raw ID numbers and names.
 */
jest.setTimeout(60_000);

type Platform = Awaited<ReturnType<typeof startInProcessPlatform>>;
let platform: Platform;
const logLines: string[] = [];
const writeStdout = process.stdout.write.bind(process.stdout);

const agencyA = buildUscc({ division: '310104', orgCodeBody: 'MA1CARE1' });
const agencyB = buildUscc({ division: '310115', orgCodeBody: 'MA1CARE2' });
const stranger = buildUscc({ division: '310106', orgCodeBody: 'MA1CARE3' });
// ID numbers are generated, never written down: no real person's number can be in the repository.
const idNumber = buildResidentId({ division: '310104', birthDate: '1972-03-15', sequence: 482 });
const otherIdNumber = buildResidentId({ division: '320102', birthDate: '1985-11-02', sequence: 37 });
const lockedIdNumber = buildResidentId({ division: '310104', birthDate: '1990-06-01', sequence: 77 });
const idNumberC = buildResidentId({ division: '310151', birthDate: '1979-08-08', sequence: 5 });
const fullNames = ['王秀英', '李建华'];
const papers = {
  role: '养老护理员',
  certifications: [{ name: '养老护理员职业技能等级证书', number: 'YLHL-2024-0042', validTo: '2029-06-30' }],
  healthCheckValidTo: '2027-05-31',
  insuranceValidTo: '2027-12-31',
};
const worker = { name: fullNames[0], idNumber, ...papers };
const agencyBody = (name: string, district: string) => ({
  name,
  kind: 'home-care-service',
  district,
  address: `上海市${district}漕溪北路 88 号`,
  licences: [{ name: '养老服务机构备案', number: `备-${name.length}` }],
  services: ['居家照护', '助浴'],
});

let admin: string;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  // The functions' JSON log lines are kept for the scan (and kept out of the test output).
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    logLines.push(text);
    return text.startsWith('{"level"') ? true : writeStdout(chunk, ...(rest as []));
  }) as typeof process.stdout.write;
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { logLevel: 'DEBUG' });
  admin = await platform.token({ scopes: ['care:admin'], clientId: 'care-regulator' });
  tokenA = await platform.token({ scopes: ['care:write'], clientId: 'care-agency-a', agency: agencyA });
  tokenB = await platform.token({ scopes: ['care:write'], clientId: 'care-agency-b', agency: agencyB });
});
afterAll(async () => {
  await platform.stop();
  process.stdout.write = writeStdout;
});

const put = (path: string, body: unknown, token: string) => platform.call('PUT', path, { token, body });
const post = (path: string, body: unknown, token?: string) =>
  platform.call('POST', path, { ...(token ? { token } : {}), body });
/** Each lookup from its own address unless one is given: the gateway limits lookups per address. */
let nextAddress = 1;
const lookup = (badgeNo: string, code: string, address = `198.51.100.${nextAddress++}`) =>
  platform.call('POST', '/v1/care/worker-lookups', { body: { badgeNo, code }, headers: { 'x-viewer-ip': address } });

async function tableItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await platform.db.send(
      new ScanCommand({ TableName: platform.table, ConsistentRead: true, ExclusiveStartKey: start as never }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Everything but the rate-limit counters, which count refused attempts too. */
async function stateSnapshot(): Promise<string> {
  return (await tableItems())
    .filter((item) => !String(item.pk).startsWith('RATE#'))
    .map((item) => JSON.stringify(item, Object.keys(item).sort()))
    .sort()
    .join('\n');
}

let codeA: string;
let rotatedCode: string;
let reviewToken: string;

test('the regulator registers agencies; a credit record flags one', async () => {
  const writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
  const listing = await post(
    '/v1/credit-records',
    {
      records: [
        {
          recordId: 'CARE-DJD-1',
          subject: { uscc: agencyB, name: '上海浦东安心家政服务有限公司' },
          category: 'dishonest-judgment-debtor',
          severity: 'serious',
          authority: '上海市浦东新区人民法院',
          decisionNumber: '(2026)沪0115执1234号',
          decidedAt: '2026-01-10',
          validFrom: '2026-01-12',
        },
      ],
    },
    writer,
  );
  expect(listing.status).toBe(200);
  const first = await put(`/v1/care/agencies/${agencyA}`, agencyBody('上海徐汇康乐居家养老服务社', '徐汇区'), admin);
  expect(first.status).toBe(201);
  expect(first.json.flags).toEqual({ seriousDishonesty: false, recentPenalty: false });
  const again = await put(`/v1/care/agencies/${agencyA}`, agencyBody('上海徐汇康乐居家养老服务社', '徐汇区'), admin);
  expect(again.status).toBe(200);
  expect(
    (await put(`/v1/care/agencies/${agencyB}`, agencyBody('上海浦东安心家政服务有限公司', '浦东新区'), admin)).status,
  ).toBe(201);
  await platform.deliverEvents();
  const profile = await platform.call('GET', `/v1/care/agencies/${agencyB}`);
  expect(profile.status).toBe(200);
  expect(profile.json.flags.seriousDishonesty).toBe(true);
  expect(profile.json.creditRecords.map((record: { recordId: string }) => record.recordId)).toEqual(['CARE-DJD-1']);
  const search = await platform.call('GET', '/v1/care/agencies?q=%E5%AE%B6%E6%94%BF'); // q=家政
  expect(search.json.items.map((agency: { uscc: string }) => agency.uscc)).toEqual([agencyB]);
  // The subscriber has put the flag on the stored agency, which the search list shows.
  expect(search.json.items[0].flags.seriousDishonesty).toBe(true);
  const byDistrict = await platform.call('GET', `/v1/care/agencies?district=${encodeURIComponent('徐汇区')}&limit=1`);
  expect(byDistrict.json).toEqual({
    items: [expect.objectContaining({ uscc: agencyA, name: '上海徐汇康乐居家养老服务社' })],
  });
});

test('an agency opens a worker file: only a keyed hash and masked forms are kept, the code is shown once', async () => {
  const created = await put(`/v1/care/agencies/${agencyA}/workers/XH-0001`, worker, tokenA);
  expect(created.status).toBe(201);
  expect(created.json.lookupCode).toMatch(/^[A-Za-z0-9_-]{22}$/);
  codeA = created.json.lookupCode;
  const updated = await put(`/v1/care/agencies/${agencyA}/workers/XH-0001`, worker, tokenA);
  expect(updated).toMatchObject({ status: 200, json: { badgeNo: 'XH-0001' } });
  const person = (await tableItems()).find((item) => String(item.pk).startsWith('CARE#WORKER#'));
  expect(person).toMatchObject({
    maskedName: '王*英',
    maskedIdNumber: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`,
  });
  expect(String(person?.workerKey)).toMatch(/^[0-9a-f]{64}$/);
});

test('bad input is refused naming the field, and nothing is stored', async () => {
  const before = await stateSnapshot();
  const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
  const impossibleBirth = (() => {
    const first17 = `31010419720230${idNumber.slice(14, 17)}`;
    return first17 + residentIdCheckCharacter(first17);
  })();
  const expectFields = async (response: Awaited<ReturnType<Platform['call']>>, paths: string[]) => {
    expect(response.status).toBe(400);
    expect(response.json.errors.map((error: { path: string }) => error.path)).toEqual(paths);
  };
  const badgePath = `/v1/care/agencies/${agencyA}/workers/XH-0002`;
  await expectFields(await put(badgePath, { ...worker, idNumber: wrongCheck }, tokenA), ['idNumber']);
  await expectFields(await put(badgePath, { ...worker, idNumber: impossibleBirth }, tokenA), ['idNumber']);
  await expectFields(
    await put(
      badgePath,
      { ...worker, idNumber: otherIdNumber, healthCheckValidTo: '2020-01-01', insuranceValidTo: '2021-01-01' },
      tokenA,
    ),
    ['healthCheckValidTo', 'insuranceValidTo'],
  );
  await expectFields(await put(`/v1/care/agencies/${agencyA.slice(0, 17)}Y/workers/XH-0002`, worker, tokenA), [
    'path.uscc',
  ]);
  await expectFields(
    await put(`/v1/care/agencies/${stranger}`, { ...agencyBody('某机构', '静安区'), starRating: 4 }, admin),
    ['starRating'],
  );
  await expectFields(await post('/v1/care/reviews', { reviewToken: 'A'.repeat(22), rating: 0 }), ['rating']);
  await expectFields(await post('/v1/care/reviews', { reviewToken: 'A'.repeat(22), rating: 6 }), ['rating']);
  await expectFields(await post('/v1/care/reviews', { reviewToken: 'A'.repeat(22), rating: 5, comment: '好\u0007' }), [
    'comment',
  ]);
  // Another agency's worker, and a badge number another agency uses.
  expect((await put(`/v1/care/agencies/${agencyA}/workers/XH-0001`, worker, tokenB)).status).toBe(403);
  expect(
    (await put(`/v1/care/agencies/${agencyB}/workers/XH-0001`, { ...worker, idNumber: otherIdNumber }, tokenB)).status,
  ).toBe(409);
  // The raw numbers never come back, not even in an error.
  expect(JSON.stringify(await put(badgePath, { ...worker, idNumber: wrongCheck }, tokenA))).not.toContain(wrongCheck);
  expect(await stateSnapshot()).toBe(before);
});

test('a service is recorded and reviewed once; the rating reaches the lookup', async () => {
  const service = await post(
    `/v1/care/agencies/${agencyA}/services`,
    { badgeNo: 'XH-0001', serviceDate: '2026-11-01', kind: '居家照护' },
    tokenA,
  );
  expect(service.status).toBe(201);
  reviewToken = service.json.reviewToken;
  expect((await post('/v1/care/reviews', { reviewToken, rating: 4, comment: '准时细心' })).status).toBe(201);
  expect((await post('/v1/care/reviews', { reviewToken, rating: 5 })).status).toBe(409);
  await platform.deliverEvents();
  const found = await lookup('XH-0001', codeA);
  expect(found.status).toBe(200);
  expect(found.json).toMatchObject({
    badgeNo: 'XH-0001',
    maskedName: '王*英',
    role: '养老护理员',
    agency: { uscc: agencyA, name: '上海徐汇康乐居家养老服务社', seriousDishonesty: false },
    certificationsValid: true,
    healthCheckValid: true,
    insuranceValid: true,
    rating: { count: 1, mean: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } },
  });
  const agency = await platform.call('GET', `/v1/care/agencies/${agencyA}`);
  expect(agency.json.rating).toMatchObject({ count: 1, mean: 4 });
});

test('a wrong code and an unknown badge get the same 404; rotation kills the old code at once', async () => {
  const wrong = await lookup('XH-0001', `${codeA.slice(0, -1)}${codeA.endsWith('A') ? 'B' : 'A'}`);
  const unknown = await lookup('XH-9999', codeA);
  expect(wrong.status).toBe(404);
  expect(unknown.json).toEqual(wrong.json);
  const rotated = await post(`/v1/care/agencies/${agencyA}/workers/XH-0001/lookup-code`, {}, tokenA);
  expect(rotated.status).toBe(200);
  rotatedCode = rotated.json.lookupCode;
  expect((await lookup('XH-0001', codeA)).json).toEqual(wrong.json);
  expect((await lookup('XH-0001', rotatedCode)).status).toBe(200);
  const svg = await platform.call('GET', `/v1/care/agencies/${agencyA}/workers/XH-0001/badge.svg?code=${rotatedCode}`, {
    token: tokenA,
  });
  expect(svg.status).toBe(200);
  expect(svg.headers['content-type']).toBe('image/svg+xml');
  const expected = await QRCode.toString(`${platform.publicOrigin}/w/XH-0001#c=${rotatedCode}`, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
  });
  expect(svg.raw).toBe(expected);
  const stale = `/v1/care/agencies/${agencyA}/workers/XH-0001/badge.svg?code=${codeA}`;
  expect((await platform.call('GET', stale, { token: tokenA })).status).toBe(404);
});

test("a lookup shows the agency's name and credit flags as they are now, not as when the file opened", async () => {
  const agencyC = buildUscc({ division: '310151', orgCodeBody: 'MA1CARE4' });
  const tokenC = await platform.token({ scopes: ['care:write'], clientId: 'care-agency-c', agency: agencyC });
  expect((await put(`/v1/care/agencies/${agencyC}`, agencyBody('崇明瀛洲助老服务社', '崇明区'), admin)).status).toBe(
    201,
  );
  const opened = await put(`/v1/care/agencies/${agencyC}/workers/JS-0001`, { ...worker, idNumber: idNumberC }, tokenC);
  expect(opened.status).toBe(201);
  const shown = async () => (await lookup('JS-0001', opened.json.lookupCode)).json.agency;
  expect(await shown()).toEqual({ uscc: agencyC, name: '崇明瀛洲助老服务社', seriousDishonesty: false });
  const writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
  const record = {
    recordId: 'CARE-DJD-C',
    subject: { uscc: agencyC, name: '崇明瀛洲助老服务社' },
    category: 'dishonest-judgment-debtor',
    severity: 'serious',
    authority: '上海市崇明区人民法院',
    decisionNumber: '(2026)沪0151执77号',
    decidedAt: '2026-03-10',
    validFrom: '2026-03-12',
  };
  expect((await post('/v1/credit-records', { records: [record] }, writer)).status).toBe(200);
  expect((await put(`/v1/care/agencies/${agencyC}`, agencyBody('崇明瀛洲乐龄服务社', '崇明区'), admin)).status).toBe(
    200,
  );
  await platform.deliverEvents();
  expect(await shown()).toEqual({ uscc: agencyC, name: '崇明瀛洲乐龄服务社', seriousDishonesty: true });
});

test('a worker registered by another agency moves there with their ratings; the old file is closed', async () => {
  const moved = await put(`/v1/care/agencies/${agencyB}/workers/PD-0042`, worker, tokenB);
  expect(moved.status).toBe(201);
  expect(moved.json.movedFrom).toBe(agencyA);
  const closed = await lookup('XH-0001', rotatedCode);
  expect(closed.status).toBe(404);
  expect(closed.json).toEqual((await lookup('XH-9999', rotatedCode)).json);
  const found = await lookup('PD-0042', moved.json.lookupCode);
  expect(found.json).toMatchObject({
    agency: { uscc: agencyB, seriousDishonesty: true },
    rating: { count: 1, mean: 4 },
  });
  // The old agency keeps its closed file: it can no longer write it.
  const rewrite = await put(`/v1/care/agencies/${agencyA}/workers/XH-0001`, worker, tokenA);
  expect(rewrite.status).toBe(409);
});

test('the agency reads who looked its worker up, page by page, with no data of the looker', async () => {
  // The log is written from the lookups' events.
  await platform.deliverEvents();
  const path = `/v1/care/agencies/${agencyA}/workers/XH-0001/lookups`;
  const first = await platform.call('GET', `${path}?limit=1`, { token: tokenA });
  expect(first.status).toBe(200);
  expect(first.json.items).toEqual([{ at: expect.any(String), source: 'badge-qr' }]);
  const second = await platform.call('GET', `${path}?limit=5&cursor=${first.json.nextCursor}`, { token: tokenA });
  expect(second.json.items).toHaveLength(1);
  expect(second.json.nextCursor).toBeUndefined();
  expect((await platform.call('GET', path, { token: tokenB })).status).toBe(403);
});

test(
  'failed lookups are limited per badge, known or not; a locked badge refuses the right code too',
  async () => {
    await atLeastAMinuteOfTheWindowLeft();
    const opened = await put(
      `/v1/care/agencies/${agencyA}/workers/XH-0077`,
      { ...worker, idNumber: lockedIdNumber },
      tokenA,
    );
    expect(opened.status).toBe(201);
    const wrongCode = (attempt: number) => `${'Z'.repeat(20)}${String(attempt).padStart(2, '0')}`;
    for (const badgeNo of ['XH-0077', 'PD-0099']) {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 20; attempt++) statuses.push((await lookup(badgeNo, wrongCode(attempt))).status);
      expect(statuses).toEqual(Array(20).fill(404));
    }
    const known = await lookup('XH-0077', opened.json.lookupCode);
    const unknown = await lookup('PD-0099', 'Q'.repeat(22));
    expect(known.status).toBe(429);
    expect(Number(known.headers['retry-after'])).toBeGreaterThan(0);
    const { instance: _known, ...knownProblem } = known.json;
    const { instance: _unknown, ...unknownProblem } = unknown.json;
    expect(knownProblem).toEqual(unknownProblem);
  },
  WINDOW_WAIT_MS,
);

test(
  "lookups are limited per viewer address at the gateway, from the route's manifest declaration",
  async () => {
    await atLeastAMinuteOfTheWindowLeft();
    const from = (viewer: string, attempt: number) =>
      platform.call('POST', '/v1/care/worker-lookups', {
        headers: { 'x-viewer-ip': viewer },
        body: { badgeNo: `NB-${String(attempt).padStart(4, '0')}`, code: 'Z'.repeat(22) },
      });
    // Each attempt names another badge, so only the per-address limit (30 per 10 minutes) applies.
    for (let attempt = 0; attempt < 30; attempt++) expect((await from('203.0.113.50', attempt)).status).toBe(404);
    const refused = await from('203.0.113.50', 30);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json).toMatchObject({
      title: 'Too many requests',
      detail: expect.stringMatching(/from this address/),
    });
    expect((await from('203.0.113.51', 31)).status).toBe(404);
  },
  WINDOW_WAIT_MS,
);

test('search pages by name fragment are full, disjoint and complete', async () => {
  const usccs = Array.from({ length: 30 }, (_, index) =>
    buildUscc({ division: '310112', orgCodeBody: `MA1P${String(index).padStart(4, '0')}` }),
  );
  for (const [index, uscc] of usccs.entries()) {
    const name = index % 3 === 0 ? `闵行乐龄助老服务站${index}` : `闵行家庭服务社${index}`;
    expect(
      (await put(`/v1/care/agencies/${uscc}`, { ...agencyBody(name, '闵行区'), kind: 'domestic-service' }, admin))
        .status,
    ).toBe(201);
  }
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const query = `district=${encodeURIComponent('闵行区')}&kind=domestic-service&q=${encodeURIComponent('乐龄')}&limit=3`;
    const page = await platform.call('GET', `/v1/care/agencies?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    if (page.json.nextCursor) expect(page.json.items).toHaveLength(3);
    seen.push(...page.json.items.map((agency: { uscc: string }) => agency.uscc));
    cursor = page.json.nextCursor;
  } while (cursor);
  expect(seen.sort()).toEqual(usccs.filter((_, index) => index % 3 === 0).sort());
  const foreign = Buffer.from(`徐汇区#home-care-service#${agencyA}`).toString('base64url');
  const refused = await platform.call(
    'GET',
    `/v1/care/agencies?district=${encodeURIComponent('闵行区')}&cursor=${foreign}`,
  );
  expect(refused.status).toBe(400);
});

test('a search sees every registration, rename and move made since the one before', async () => {
  const first = buildUscc({ division: '310116', orgCodeBody: 'MA1R0001' });
  const second = buildUscc({ division: '310116', orgCodeBody: 'MA1R0002' });
  const search = async (query: string) =>
    (await platform.call('GET', `/v1/care/agencies?${query}`)).json.items.map(
      (agency: { uscc: string; name: string; district: string }) => `${agency.uscc} ${agency.name} ${agency.district}`,
    );
  const fragment = `q=${encodeURIComponent('颐乐')}`;
  expect((await put(`/v1/care/agencies/${first}`, agencyBody('金山颐乐养老服务社', '金山区'), admin)).status).toBe(201);
  expect(await search(fragment)).toEqual([`${first} 金山颐乐养老服务社 金山区`]);
  // Into the directory item the last search has just read: the next search must not miss it.
  expect((await put(`/v1/care/agencies/${second}`, agencyBody('金山颐乐护理站', '金山区'), admin)).status).toBe(201);
  expect(await search(fragment)).toEqual([`${first} 金山颐乐养老服务社 金山区`, `${second} 金山颐乐护理站 金山区`]);
  expect((await put(`/v1/care/agencies/${first}`, agencyBody('奉贤康宁养老服务社', '奉贤区'), admin)).status).toBe(200);
  expect(await search(fragment)).toEqual([`${second} 金山颐乐护理站 金山区`]);
  expect(await search(`q=${encodeURIComponent('康宁')}`)).toEqual([`${first} 奉贤康宁养老服务社 奉贤区`]);
  expect(await search(`district=${encodeURIComponent('金山区')}`)).toEqual([`${second} 金山颐乐护理站 金山区`]);
});

test('no table item and no log line holds a raw ID number, an unmasked name or a client address', async () => {
  const items = JSON.stringify(await tableItems());
  const logs = logLines.join('');
  expect(logLines.length).toBeGreaterThan(20);
  for (const secret of [
    idNumber,
    otherIdNumber,
    lockedIdNumber,
    idNumberC,
    ...fullNames,
    idNumber.slice(6, 14),
    otherIdNumber.slice(6, 14),
  ]) {
    expect({ secret, inTable: items.includes(secret), inLogs: logs.includes(secret) }).toEqual({
      secret,
      inTable: false,
      inLogs: false,
    });
  }
  expect(items).not.toContain('127.0.0.1');
});
