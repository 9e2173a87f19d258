import { type DynamoDBClient, GetItemCommand, PutItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { newId } from '../../../shared/ids.js';
import { type Page, type PageRequest, queryPage } from '../../../shared/storage/query-page.js';
import { setExpression } from '../set-expression.js';
import type { Badge, Person } from './worker.js';

export const badgeKey = (badgeNo: string) => ({ pk: `CARE#BADGE#${badgeNo}`, sk: 'BADGE' });
export const personKey = (workerKey: string) => ({ pk: `CARE#WORKER#${workerKey}`, sk: 'PERSON' });
const LOOKUP_PREFIX = 'LOOKUP#';
/** The agency sees a year of lookups; older records expire. */
const LOOKUP_RETENTION_SECONDS = 365 * 24 * 3600;

const withoutKeys = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest;

async function getItem(db: DynamoDBClient, table: string, key: { pk: string; sk: string }, consistent: boolean) {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: consistent }),
  );
  return Item ? withoutKeys(unmarshall(Item)) : undefined;
}

/** Read consistently: a rotated code or a closed file must take effect at once. */
export const readBadge = async (db: DynamoDBClient, table: string, badgeNo: string) =>
  (await getItem(db, table, badgeKey(badgeNo), true)) as Badge | undefined;

export const readPerson = async (db: DynamoDBClient, table: string, workerKey: string, consistent = true) =>
  (await getItem(db, table, personKey(workerKey), consistent)) as Person | undefined;

const put = (
  table: string,
  key: { pk: string; sk: string },
  value: object,
  condition: string,
  values?: object,
): TransactWriteItem => ({
  Put: {
    TableName: table,
    Item: marshall({ ...key, ...value }, { removeUndefinedValues: true }),
    ConditionExpression: condition,
    ...(values ? { ExpressionAttributeValues: marshall(values), ExpressionAttributeNames: { '#open': 'open' } } : {}),
  },
});

export const newBadgeWrite = (table: string, badge: Badge): TransactWriteItem =>
  put(table, badgeKey(badge.badgeNo), badge, 'attribute_not_exists(pk)');

/** Only over the same open file of the same agency, so a concurrent close or move wins. */
export const updatedBadgeWrite = (table: string, badge: Badge): TransactWriteItem =>
  put(table, badgeKey(badge.badgeNo), badge, 'agency = :agency AND #open = :open', {
    ':agency': badge.agency,
    ':open': true,
  });

/** An update of a badge that is still open at this agency; a moved or closed badge fails the write. */
function openBadgeUpdate(
  table: string,
  badge: { agency: string; badgeNo: string },
  set: string,
  values: Record<string, unknown>,
): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: marshall(badgeKey(badge.badgeNo)),
      UpdateExpression: `SET ${set}`,
      ConditionExpression: 'agency = :agency AND #open = :open',
      ExpressionAttributeNames: { '#open': 'open' },
      ExpressionAttributeValues: marshall({ ...values, ':agency': badge.agency, ':open': true }),
    },
  };
}

export const closeBadgeWrite = (table: string, from: { agency: string; badgeNo: string }, now: Date) =>
  openBadgeUpdate(table, from, '#open = :closed, closedAt = :now', { ':closed': false, ':now': now.toISOString() });

/** A person is written over the version it was read at, so two agencies racing for one person cannot both win. */
export function personWrite(table: string, person: Person): TransactWriteItem {
  const {
    ratingCount: _c,
    ratingSum: _s,
    rating1: _1,
    rating2: _2,
    rating3: _3,
    rating4: _4,
    rating5: _5,
    ...fields
  } = person;
  const set = setExpression(fields);
  return {
    Update: {
      TableName: table,
      Key: marshall(personKey(person.workerKey)),
      UpdateExpression: `SET ${set.expression}`,
      ConditionExpression: person.version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
      ExpressionAttributeNames: set.names,
      ExpressionAttributeValues: marshall(
        { ...set.values, ...(person.version === 1 ? {} : { ':previous': person.version - 1 }) },
        { removeUndefinedValues: true },
      ),
    },
  };
}

/** The new code's hash replaces the old one in the same write, so the old code is dead once this commits. */
export const codeHashWrite = (table: string, badge: { agency: string; badgeNo: string }, codeHash: string, now: Date) =>
  openBadgeUpdate(table, badge, 'codeHash = :hash, codeIssuedAt = :now', {
    ':hash': codeHash,
    ':now': now.toISOString(),
  });

export type LookupSource = 'badge-qr' | 'typed-code';

/**
 * Records a successful lookup: when and how, nothing about who. A plain conditional put rather
 * than a transaction: no event goes with it, and the lookup answers only once it is stored.
 */
export async function recordLookup(
  db: DynamoDBClient,
  table: string,
  lookup: { badgeNo: string; source: LookupSource; now: Date },
): Promise<void> {
  await db.send(
    new PutItemCommand({
      TableName: table,
      Item: marshall({
        pk: badgeKey(lookup.badgeNo).pk,
        sk: `${LOOKUP_PREFIX}${newId()}`,
        at: lookup.now.toISOString(),
        source: lookup.source,
        ttl: Math.floor(lookup.now.getTime() / 1000) + LOOKUP_RETENTION_SECONDS,
      }),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function listLookups(
  db: DynamoDBClient,
  table: string,
  badgeNo: string,
  page: PageRequest,
): Promise<Page<{ at: string; source: LookupSource }>> {
  const found = await queryPage(
    db,
    { table, pk: badgeKey(badgeNo).pk, skPrefix: LOOKUP_PREFIX, newestFirst: true },
    page,
  );
  return {
    items: found.items.map((item) => ({ at: String(item.at), source: item.source as LookupSource })),
    ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}),
  };
}
