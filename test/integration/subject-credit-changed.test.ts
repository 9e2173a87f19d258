import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { platformEvents } from '../../events/platform.js';
import { penaltyInput } from '../../functions/platform/testing.js';
import { startInProcessPlatform } from '../../local/in-process-platform.js';

const subject = penaltyInput('x').subject;

let platform: Awaited<ReturnType<typeof startInProcessPlatform>>;
let writer: string;

beforeAll(async () => {
  platform = await startInProcessPlatform(process.env.TEST_DYNAMODB_ENDPOINT!);
  writer = await platform.token({ scopes: ['records:write'], clientId: 'credit-platform' });
});
afterAll(() => platform.stop());

const streamedEvents = () => platform.streamedEvents();

async function summaryOf(uscc: string) {
  const { Items } = await platform.db.send(new ScanCommand({ TableName: platform.table, ConsistentRead: true }));
  return (Items ?? [])
    .map((item) => unmarshall(item))
    .find((item) => item.pk === `SUBJ#${uscc}` && item.sk === 'SUMMARY');
}

const changedEvents = async () =>
  (await streamedEvents()).filter(
    (event) => event.detailType === 'SubjectCreditChanged' && event.detail.uscc === subject.uscc,
  );

test('each real change of a summary is announced after it is written, with the summary version', async () => {
  const ingest = await platform.call('POST', '/v1/credit-records', {
    token: writer,
    body: { records: [penaltyInput('S-1'), penaltyInput('S-2')] },
  });
  expect(ingest.status).toBe(200);
  await platform.deliverEvents();
  const afterIngest = await changedEvents();
  expect(afterIngest.length).toBeGreaterThan(0);

  const repair = await platform.call('POST', '/v1/credit-records/S-1/repair', {
    token: writer,
    body: { repairedAt: new Date().toISOString(), reason: '已履行并整改' },
  });
  expect(repair.status).toBe(200);
  await platform.deliverEvents();

  const changed = await changedEvents();
  for (const event of changed) {
    expect(platformEvents.SubjectCreditChanged.schema.safeParse(event.detail).success).toBe(true);
  }
  const versions = changed.map((event) => event.detail.summaryVersion as number);
  expect(new Set(versions).size).toBe(versions.length);
  expect((await summaryOf(subject.uscc))?.version).toBe(Math.max(...versions));
  const last = changed.at(-1)!.detail;
  expect(last.changes).toEqual([{ recordId: 'S-1', category: 'administrative-penalty', change: 'updated' }]);
  expect(last.cause).toMatchObject({ detailType: 'CreditRecordRepaired' });
});

test('record events handled concurrently, reversed and twice converge to the same summary and announce nothing new', async () => {
  const { handler } = await import('../../functions/platform/handlers/maintain-subject-summary.js');
  const all = await streamedEvents();
  const recordEvents = all.filter((event) => event.detailType !== 'SubjectCreditChanged');
  const settled = await summaryOf(subject.uscc);
  let pending = [...recordEvents, ...recordEvents].reverse().map((event, index) => ({
    version: '0',
    id: `again-${index}`,
    'detail-type': event.detailType,
    source: event.source,
    account: '000000000000',
    time: event.detail.meta.occurredAt,
    region: 'local',
    resources: [],
    detail: event.detail,
  }));
  // A rebuild that lost a race throws and is retried, as the bus retries it.
  for (let round = 0; pending.length > 0 && round < 10; round++) {
    const results = await Promise.allSettled(pending.map((event) => handler(event)));
    pending = pending.filter((_event, index) => results[index]?.status === 'rejected');
  }
  expect(pending).toEqual([]);
  const after = await summaryOf(subject.uscc);
  expect(after?.records).toEqual(settled?.records);
  expect(after?.version).toBe(settled?.version);
  expect((await streamedEvents()).length).toBe(all.length);
});
