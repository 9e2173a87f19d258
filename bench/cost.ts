import { performance } from 'node:perf_hooks';
import { workerInput } from '../functions/care/testing.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { startInProcessPlatform } from '../local/in-process-platform.js';
import { buildUscc } from '../shared/uscc.js';
import { type CapacityTally, capacityCollector } from './capacity.js';
import { linearFit, median, round } from './stats.js';

export interface OperationCost {
  operation: string;
  per: string;
  requests: number;
  readUnits: number;
  writeUnits: number;
  note?: string;
}

export interface ScalingPoint {
  suppliers: number;
  medianMs: number;
  requests: number;
  readUnits: number;
  writeUnits: number;
}

const SUBJECTS = 500;
const subjectAt = (index: number) => ({
  uscc: buildUscc({ orgCodeBody: `MB${String(index).padStart(6, '0')}` }),
  name: `上海基准测试${index}号有限公司`,
});

const penalty = (index: number, suffix: string) => ({
  recordId: `BENCH-${suffix}-${index}`,
  subject: subjectAt(index),
  category: 'administrative-penalty',
  severity: index % 7 === 0 ? 'serious' : 'general',
  authority: '上海市市场监督管理局',
  decisionNumber: `沪市监处〔2026〕${index}号`,
  decidedAt: '2026-02-01',
  validFrom: '2026-02-02',
  validTo: '2029-02-01',
  penalty: { types: ['fine'], fineAmountCny: 10_000 + index },
  summary: '未按规定明码标价',
});

type Platform = Awaited<ReturnType<typeof startInProcessPlatform>>;
type Call = Awaited<ReturnType<Platform['call']>>;

/** The care scenario's operations, one at a time: registrations, a reviewed service, the public reads. */
async function careCosts(
  platform: Platform,
  counter: ReturnType<typeof capacityCollector>,
  expectOk: (response: Call) => Call,
  log: (line: string) => void,
): Promise<OperationCost[]> {
  log('cost: care agencies, workers, services and lookups');
  const uscc = subjectAt(7).uscc;
  const admin = await platform.token({ scopes: ['care:admin'] });
  const agency = await platform.token({ scopes: ['care:write'], clientId: 'bench-agency', agency: uscc });
  const costs: OperationCost[] = [];
  counter.take();
  const body = {
    name: subjectAt(7).name,
    kind: 'home-care-service',
    district: '徐汇区',
    address: '基准路 1 号',
    services: ['助浴'],
  };
  expectOk(await platform.call('PUT', `/v1/care/agencies/${uscc}`, { token: admin, body }));
  costs.push(perUnit('register a care agency', 'request', counter.take(), 1));
  const worker = workerInput(808, { certifications: [{ name: '证书', number: 'B-1', validTo: '2030-01-01' }] });
  const created = expectOk(
    await platform.call('PUT', `/v1/care/agencies/${uscc}/workers/BENCH-1`, { token: agency, body: worker }),
  );
  costs.push(perUnit('open a worker file', 'request', counter.take(), 1));
  const service = expectOk(
    await platform.call('POST', `/v1/care/agencies/${uscc}/services`, {
      token: agency,
      body: { badgeNo: 'BENCH-1', serviceDate: '2026-01-02', kind: '助浴' },
    }),
  );
  expectOk(
    await platform.call('POST', '/v1/care/reviews', { body: { reviewToken: service.json.reviewToken, rating: 5 } }),
  );
  await platform.deliverEvents();
  costs.push(
    perUnit(
      'record a service and review it',
      'service',
      counter.take(),
      1,
      'with the rating counters kept by the subscriber',
    ),
  );
  expectOk(
    await platform.call('POST', '/v1/care/worker-lookups', {
      body: { badgeNo: 'BENCH-1', code: created.json.lookupCode },
    }),
  );
  await platform.deliverEvents();
  costs.push(
    perUnit(
      'look a worker up (public)',
      'request',
      counter.take(),
      1,
      'the badge write that checks the code and carries the event, then the log entry its subscriber writes',
    ),
  );
  expectOk(await platform.call('GET', `/v1/care/agencies/${uscc}`));
  costs.push(perUnit('read a care agency profile (public)', 'request', counter.take(), 1));
  const search = '/v1/care/agencies?district=%E5%BE%90%E6%B1%87%E5%8C%BA';
  expectOk(await platform.call('GET', search));
  counter.take();
  expectOk(await platform.call('GET', search));
  costs.push(
    perUnit(
      'search care agencies in a district (public)',
      'request',
      counter.take(),
      1,
      "the directory heads and the page's agencies; an instance's first search reads the whole directory once",
    ),
  );
  return costs;
}

/**
 * Watchlists: starting a 500-supplier watch, and one watched supplier's verdict change, once with
 * no other watch and once with 1,000 watch entries on other suppliers (issue 14: the same cost).
 */
async function watchCosts(
  platform: Platform,
  counter: ReturnType<typeof capacityCollector>,
  expectOk: (response: Call) => Call,
  log: (line: string) => void,
): Promise<OperationCost[]> {
  log('cost: procurement watches and a watched supplier turning ineligible');
  const writer = await platform.token({ scopes: ['records:write'] });
  const buyer = await platform.token({ scopes: ['procurement:check'], clientId: 'bench-watcher' });
  const until = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const watch = (projectId: string, suppliers: { uscc: string; name: string }[]) =>
    platform.call('PUT', `/v1/procurement/projects/${projectId}/watch`, { token: buyer, body: { suppliers, until } });
  const listing = (index: number) => ({
    recordId: `BENCH-W-${index}`,
    subject: subjectAt(index),
    category: 'dishonest-judgment-debtor',
    severity: 'serious',
    authority: '上海市第一中级人民法院',
    decisionNumber: `(2026)沪01执${index}号`,
    decidedAt: '2026-02-01',
    validFrom: '2026-02-01',
    summary: '有履行能力而拒不履行生效法律文书确定义务',
  });
  const turnIneligible = async (index: number, label: string) => {
    expectOk(await watch(`BENCH-WATCH-${index}`, [subjectAt(index)]));
    expectOk(await platform.call('POST', '/v1/credit-records', { token: writer, body: { records: [listing(index)] } }));
    counter.take();
    await platform.deliverEvents();
    return perUnit(
      `alert a watch when its supplier's verdict changes (${label})`,
      'record',
      counter.take(),
      1,
      'summary rebuild, every SubjectCreditChanged subscriber, the watch entry, alert and event',
    );
  };
  const costs = [await turnIneligible(SUBJECTS + 1, 'no other watches')];

  const others = Array.from({ length: SUBJECTS }, (_, index) => subjectAt(index));
  counter.take();
  expectOk(await watch('BENCH-WATCH-OTHERS-A', others));
  costs.push(perUnit('start watching a supplier (watch of 500)', 'supplier', counter.take(), SUBJECTS));
  expectOk(await watch('BENCH-WATCH-OTHERS-B', others));
  counter.take();
  costs.push(await turnIneligible(SUBJECTS + 2, '1,000 watches on other suppliers'));
  return costs;
}

const perUnit = (
  operation: string,
  per: string,
  tally: CapacityTally,
  count: number,
  note?: string,
): OperationCost => ({
  operation,
  per,
  requests: round(tally.requests / count, 3),
  readUnits: round(tally.readUnits / count, 3),
  writeUnits: round(tally.writeUnits / count, 3),
  ...(note ? { note } : {}),
});

/**
 * Deterministic cost per operation (DynamoDB requests and capacity units, from
 * ReturnConsumedCapacity) and how a supplier check grows with its size, measured in process
 * through the same handlers and the real DynamoDB Local engine.
 */
export async function measureCost(log: (line: string) => void) {
  const engine = await startDynamoDbLocal();
  const counter = capacityCollector();
  const platform = await startInProcessPlatform(engine.endpoint, { onCapacity: counter.add });
  try {
    const writer = await platform.token({ scopes: ['records:write'] });
    const buyer = await platform.token({ scopes: ['procurement:check'] });
    const expectOk = <Response extends { status: number; raw: string }>(response: Response) => {
      if (response.status >= 300) throw new Error(`benchmark request failed: ${response.status} ${response.raw}`);
      return response;
    };
    const costs: OperationCost[] = [];

    log('cost: ingesting 5 × 100 records');
    const firstBatch = Array.from({ length: 100 }, (_, index) => penalty(index, 'A'));
    counter.take();
    expectOk(await platform.call('POST', '/v1/credit-records', { token: writer, body: { records: firstBatch } }));
    costs.push(perUnit('ingest a new record (batch of 100)', 'record', counter.take(), 100));
    await platform.deliverEvents();
    costs.push(
      perUnit(
        'keep the subject summary current',
        'record event',
        counter.take(),
        100,
        'the subscriber rebuilding one subject summary per event',
      ),
    );
    expectOk(await platform.call('POST', '/v1/credit-records', { token: writer, body: { records: firstBatch } }));
    costs.push(perUnit('re-send an unchanged record (batch of 100)', 'record', counter.take(), 100));
    for (let batch = 1; batch < SUBJECTS / 100; batch++) {
      const records = Array.from({ length: 100 }, (_, offset) => penalty(batch * 100 + offset, 'A'));
      expectOk(await platform.call('POST', '/v1/credit-records', { token: writer, body: { records } }));
    }
    await platform.deliverEvents();
    counter.take();

    expectOk(await platform.call('GET', `/v1/subjects/${subjectAt(3).uscc}/credit-profile`));
    costs.push(perUnit('read a public credit profile', 'request', counter.take(), 1));

    expectOk(
      await platform.call('POST', '/v1/credit-records/BENCH-A-5/repair', {
        token: writer,
        body: { repairedAt: '2026-06-01T10:00:00+08:00', reason: '已整改' },
      }),
    );
    costs.push(perUnit('repair a record', 'request', counter.take(), 1));
    await platform.deliverEvents();
    counter.take();

    log('cost: scoring a 1,000-merchant shopping submission, then one re-score');
    const district = await platform.token({
      scopes: ['merchants:write'],
      clientId: 'bench-district',
      district: 'xujiahui',
    });
    const indicators = { licenceCoverage: 95, licenceDisplayed: 1, inspectionFindings: 1, samplingPassRate: 97 };
    const merchants = Array.from({ length: 1000 }, (_, index) => ({
      ...subjectAt(index),
      category: '零售',
      indicators: {
        ...indicators,
        qualityComplaints: index % 9,
        afterSalesReturns: 60 + (index % 40),
        digitalServices: 55 + (index % 45),
        serviceProcess: 65 + (index % 35),
        complaintRate: index % 12,
        complaintsResolvedInTime: 80 + (index % 20),
        prepaidCardDisputes: index % 3,
      },
    }));
    const submitStarted = performance.now();
    expectOk(
      await platform.call('PUT', '/v1/shopping/districts/xujiahui/periods/2026H1/merchants', {
        token: district,
        body: { merchants },
      }),
    );
    await platform.deliverEvents();
    const submitMs = round(performance.now() - submitStarted, 0);
    costs.push(
      perUnit(
        'score a merchant (submission of 1,000, end to end)',
        'merchant',
        counter.take(),
        1000,
        `submit → every MerchantScored → district updated in ${submitMs} ms locally`,
      ),
    );
    expectOk(
      await platform.call('POST', '/v1/credit-records', { token: writer, body: { records: [penalty(7, 'S')] } }),
    );
    counter.take();
    await platform.deliverEvents();
    costs.push(
      perUnit(
        're-score a merchant after one credit record (district of 1,000)',
        'record',
        counter.take(),
        1,
        'summary rebuild + SubjectCreditChanged re-score of its entries + district counters; independent of district size',
      ),
    );
    costs.push(...(await careCosts(platform, counter, expectOk, log)));
    costs.push(...(await watchCosts(platform, counter, expectOk, log)));

    log('scaling: supplier checks of 1 to 500 suppliers');
    const scaling: ScalingPoint[] = [];
    for (const size of [1, 10, 50, 100, 250, 500]) {
      const suppliers = Array.from({ length: size }, (_, index) => subjectAt(index));
      const body = { projectId: `BENCH-${size}`, purchaser: '基准测试采购人', suppliers };
      const timings: number[] = [];
      let tally: CapacityTally | undefined;
      for (let run = 0; run < 5; run++) {
        counter.take();
        const started = performance.now();
        expectOk(await platform.call('POST', '/v1/procurement/checks', { token: buyer, body }));
        timings.push(performance.now() - started);
        tally ??= counter.take();
      }
      scaling.push({
        suppliers: size,
        medianMs: round(median(timings), 1),
        requests: tally!.requests,
        readUnits: tally!.readUnits,
        writeUnits: tally!.writeUnits,
      });
      if (size === 500) costs.push(perUnit('check a supplier (check of 500)', 'supplier', tally!, 500));
      if (size === 1) costs.push(perUnit('check a supplier (check of 1)', 'supplier', tally!, 1));
    }
    const trend = (key: 'medianMs' | 'requests' | 'readUnits') =>
      linearFit(scaling.map((point) => ({ x: point.suppliers, y: point[key] })));
    return {
      costs,
      scaling: {
        points: scaling,
        msPerSupplier: {
          ...trend('medianMs'),
          slope: round(trend('medianMs').slope, 3),
          r2: round(trend('medianMs').r2, 3),
        },
        requestsPerSupplier: round(trend('requests').slope, 4),
        readUnitsPerSupplier: round(trend('readUnits').slope, 4),
      },
    };
  } finally {
    await platform.stop();
    await engine.stop();
  }
}
