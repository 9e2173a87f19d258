import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { careEvents } from '../../../events/care.js';
import { busDelivery, mockedAwsEnvironment } from '../../../shared/testing.js';
import { agencyKey } from '../agencies/store.js';
import { badgeKey } from '../workers/store.js';

mockedAwsEnvironment();
const db = mockClient(DynamoDBClient);
const { handler } = await import('./copy-agency-to-badges.js');

const uscc = '91310104MA1KC2PD3R';
const agency = {
  ...agencyKey(uscc),
  uscc,
  name: '上海徐汇悦家家政服务有限公司',
  creditWindows: [{ flag: 'seriousDishonesty', until: null }],
  creditSummaryVersion: 4,
  revision: 7,
};
const busEvent = (event: { source: string; detailType: string; example: unknown }, overrides = {}) =>
  busDelivery(event.source, event.detailType, { ...(event.example as object), uscc, ...overrides });

beforeEach(() => {
  db.reset();
  db.on(GetItemCommand).resolves({ Item: marshall(agency) });
  db.on(QueryCommand).resolves({
    Items: ['XH-0001', 'XH-0002', 'XH-0003'].map((badgeNo) =>
      marshall({ ...agencyKey(uscc), sk: `BADGE#${badgeNo}`, badgeNo }),
    ),
  });
});

test("an agency's new revision goes to each open badge, past a badge that already holds a newer one", async () => {
  db.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    if (unmarshall(input.Key ?? {}).pk === badgeKey('XH-0002').pk) {
      throw new ConditionalCheckFailedException({ message: 'newer revision held', $metadata: {} });
    }
    return {};
  });
  await handler(busEvent(careEvents.AgencyCreditChanged));
  const updates = db.commandCalls(UpdateItemCommand).map((call) => call.args[0].input);
  expect(updates.map((input) => unmarshall(input.Key ?? {}).pk)).toEqual(
    ['XH-0001', 'XH-0002', 'XH-0003'].map((badgeNo) => badgeKey(badgeNo).pk),
  );
  for (const input of updates) {
    const values = unmarshall(input.ExpressionAttributeValues ?? {});
    expect(Object.values(values)).toEqual(
      expect.arrayContaining(['上海徐汇悦家家政服务有限公司', agency.creditWindows, 7, uscc]),
    );
    // Only an older copy of this agency's, on a file still open, is replaced; the last lookup's event is dropped.
    expect(input.ConditionExpression).toContain('agencyRevision < :revision');
    expect(input.ConditionExpression).toContain('agency = :agency');
    expect(input.UpdateExpression).toContain('REMOVE outboxEvents');
  }
});

test("an agency's first registration has no badges to copy to", async () => {
  await handler(busEvent(careEvents.AgencyRegistered, { firstRegistration: true }));
  expect(db.calls()).toHaveLength(0);
});
