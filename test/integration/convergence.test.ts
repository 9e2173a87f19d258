import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { workerInput } from '../../functions/care/testing.js';
import { penaltyInput } from '../../functions/platform/credit-records/test-records.js';
import { CURRENT_METHOD } from '../../functions/shopping/method/method.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';
import { scenarios } from '../../scenarios.js';
import { buildUscc } from '../../shared/uscc.js';

type Item = Record<string, unknown>;
type Platform = Awaited<ReturnType<typeof startInProcessPlatform>>;

/**
 * What each subscriber maintains, with the fields that only say when it ran left out. A new
 * subscriber must add its entry here (the first test fails otherwise), so its convergence under
 * duplicated and reordered delivery is checked like the others.
 */
const maintainedBy: Record<string, (items: Item[]) => Item[]> = {
  'platform.maintain-subject-summary': (items) =>
    items.filter((item) => item.sk === 'SUMMARY').map(({ updatedAt: _ranAt, ...summary }) => summary),
  // Scores and district sums; how many writes it took (revision) and generated ids may differ, the outcome may not.
  'shopping.score-submission': (items) => shoppingState(items),
  'shopping.rescore-on-credit-changed': (items) => shoppingState(items).filter((item) => item.summaryVersion),
  'care.track-agency-credit': (items) =>
    items
      .filter((item) => item.sk === 'AGENCY')
      .map(({ pk, creditWindows, creditSummaryVersion }) => ({ pk, creditWindows, creditSummaryVersion })),
  // The verdict each watch holds; when a change was seen (its summary version) and the alert
  // history depend on delivery order: a flip and flip back between two deliveries may be one.
  'procurement.alert-watchers': (items) =>
    items
      .filter((item) => String(item.pk).startsWith('WATCHED#'))
      .map(({ pk, sk, verdict, until }) => ({ pk, sk, verdict, until })),
  // The revision counts the agency's writes, which reordered credit events may make fewer.
  'care.copy-agency-to-badges': (items) =>
    items
      .filter((item) => item.sk === 'BADGE')
      .map(({ pk, agencyName, agencyCreditWindows }) => ({ pk, agencyName, agencyCreditWindows })),
  // One log entry per answered lookup; when and under which event id differ between runs.
  'care.record-lookups': (items) =>
    items.filter((item) => String(item.sk).startsWith('LOOKUP#')).map(({ pk, source }) => ({ pk, source })),
  'care.summarise-ratings': (items) =>
    items
      .filter((item) => item.sk === 'AGENCY' || item.sk === 'PERSON' || item.sk === 'BADGE')
      .map(({ pk, sk, ratingCount, ratingSum, rating1, rating2, rating3, rating4, rating5 }) => ({
        // Each platform keys workers with its own secret: the one worker is known by its kind of item.
        pk: sk === 'PERSON' ? 'the worker' : pk,
        sk,
        ratings: [ratingCount, ratingSum, rating1, rating2, rating3, rating4, rating5],
      })),
};

/** A scan returns items in hash order, and each platform hashes its own worker keys: compare as sets. */
const inKeyOrder = (items: Item[]) =>
  items
    .map((item) => [JSON.stringify(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);

const shoppingState = (items: Item[]) =>
  items
    .filter((item) => String(item.pk).startsWith('SHOP#MERCH#') || String(item.pk).startsWith('SHOP#PERIOD#'))
    .map(({ updatedAt: _ranAt, revision: _writes, submissionId: _generated, ...state }) => state);

/** A care agency for the penalised subject, with a worker and two reviewed services. */
async function careFlow(platform: Platform): Promise<void> {
  const { uscc } = penaltyInput('CV-1').subject;
  const admin = await platform.token({ scopes: ['care:admin'], clientId: 'care-admin' });
  const agency = await platform.token({ scopes: ['care:write'], clientId: 'care-agency', agency: uscc });
  const registered = await platform.call('PUT', `/v1/care/agencies/${uscc}`, {
    token: admin,
    body: {
      name: '收敛测试养老院',
      kind: 'elderly-care-institution',
      district: '长宁区',
      address: '长宁路 1 号',
      services: ['照护'],
    },
  });
  expect(registered.status).toBe(201);
  const worker = workerInput(70);
  const opened = await platform.call('PUT', `/v1/care/agencies/${uscc}/workers/CV-0001`, {
    token: agency,
    body: worker,
  });
  expect(opened.status).toBe(201);
  const lookup = { badgeNo: 'CV-0001', code: opened.json.lookupCode };
  expect((await platform.call('POST', '/v1/care/worker-lookups', { body: lookup })).status).toBe(200);
  for (const rating of [5, 3]) {
    const service = await platform.call('POST', `/v1/care/agencies/${uscc}/services`, {
      token: agency,
      body: { badgeNo: 'CV-0001', serviceDate: '2026-02-02', kind: '照护' },
    });
    const review = await platform.call('POST', '/v1/care/reviews', {
      body: { reviewToken: service.json.reviewToken, rating },
    });
    expect(review.status).toBe(201);
  }
}

/** One instant for both platforms, so their watch entries compare equal. */
const WATCH_UNTIL = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const otherSubject = { uscc: buildUscc({ orgCodeBody: 'MA1G5C3L' }), name: '上海收敛测试有限公司' };

/** The same writes, with the pipeline run between them, as the credit-records flow makes them. */
async function runFlow(platform: Platform): Promise<Item[]> {
  await careFlow(platform);
  const buyer = await platform.token({ scopes: ['procurement:check'], clientId: 'cv-buyer' });
  const watched = await platform.call('PUT', '/v1/procurement/projects/CV-P/watch', {
    token: buyer,
    body: { suppliers: [penaltyInput('x').subject, otherSubject], until: WATCH_UNTIL },
  });
  expect(watched.status).toBe(200);
  const writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
  const post = async (path: string, body: unknown) => {
    const response = await platform.call('POST', path, { token: writer, body });
    expect(response.status).toBe(200);
  };
  await post('/v1/credit-records', {
    records: [penaltyInput('CV-1'), penaltyInput('CV-2'), { ...penaltyInput('CV-3'), subject: otherSubject }],
  });
  const district = await platform.token({ scopes: ['merchants:write'], clientId: 'cv-district', district: 'yuyuan' });
  const indicators = Object.fromEntries(CURRENT_METHOD.indicators.map((indicator) => [indicator.id, indicator.best]));
  const roster = [penaltyInput('x').subject, otherSubject].map((subject) => ({
    ...subject,
    category: '零售',
    indicators,
  }));
  const submitted = await platform.call('PUT', '/v1/shopping/districts/yuyuan/periods/2026H1/merchants', {
    token: district,
    body: { merchants: roster },
  });
  expect(submitted.status).toBe(202);
  await platform.deliverEvents();
  await post('/v1/credit-records', {
    records: [penaltyInput('CV-1', { penalty: { types: ['fine'], fineAmountCny: 2_000_000 } })],
  });
  await post('/v1/credit-records/CV-2/objection', {
    raisedAt: '2026-06-01T09:00:00+08:00',
    reason: '处罚对象认定有误',
  });
  await post('/v1/credit-records/CV-3/repair', {
    repairedAt: '2026-07-01T10:00:00+08:00',
    reason: '已履行处罚并完成整改',
  });
  await platform.deliverEvents();
  await post('/v1/credit-records/CV-2/objection/resolve', {
    resolvedAt: '2026-06-20T09:00:00+08:00',
    outcome: 'upheld',
  });
  await post('/v1/credit-records/CV-1/revoke', { revokedAt: '2026-08-01T10:00:00+08:00', reason: '决定被依法撤销' });
  await platform.deliverEvents();
  const { Items } = await platform.db.send(new ScanCommand({ TableName: platform.table, ConsistentRead: true }));
  return (Items ?? []).map((item) => unmarshall(item));
}

test('every registered subscriber has a convergence check', () => {
  const subscribers = scenarios.flatMap((scenario) => scenario.subscriptions.map((subscription) => subscription.id));
  expect(Object.keys(maintainedBy).sort()).toEqual(subscribers.sort());
});

test('with duplicated and reordered deliveries, every subscriber ends in the same state as without', async () => {
  const calm = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { chaos: false });
  const chaotic = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!, { chaos: true });
  try {
    const [expected, actual] = await Promise.all([runFlow(calm), runFlow(chaotic)]);
    for (const [subscriber, maintained] of Object.entries(maintainedBy)) {
      const state = inKeyOrder(maintained(expected));
      expect({ subscriber, state: inKeyOrder(maintained(actual)) }).toEqual({ subscriber, state });
      expect(state.length).toBeGreaterThan(0);
    }
  } finally {
    await Promise.all([calm.stop(), chaotic.stop()]);
  }
}, 120_000);
