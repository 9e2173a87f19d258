import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboxEvent } from '../../../shared/outbox-event.js';
import { EMBEDDED_EVENTS_ATTRIBUTE, embeddedEvents, removingEmbeddedEvents } from '../../../shared/storage/outbox.js';
import { type Page, type PageRequest, queryPage } from '../../../shared/storage/query-page.js';
import { countAttempt, type RateDecision } from '../../../shared/storage/rate-limit.js';
import type { AgencyCopy } from '../agencies/agency.js';
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

export const newBadgeWrite = (table: string, badge: Badge): TransactWriteItem => ({
  Put: {
    TableName: table,
    Item: marshall({ ...badgeKey(badge.badgeNo), ...badge }, { removeUndefinedValues: true }),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * The agency's own fields of the file (papers, name) only, so the copies events keep current are
 * left as they are; only over the same open file of the same agency, so a concurrent close or move wins.
 */
export function updatedBadgeWrite(table: string, badge: Badge): TransactWriteItem {
  const { role, certifications, healthCheckValidTo, insuranceValidTo, maskedName } = badge;
  const set = setExpression({ role, certifications, healthCheckValidTo, insuranceValidTo, maskedName });
  return openBadgeUpdate(table, badge, set.expression, set.values, set.names);
}

/**
 * An update of a badge that is still open at this agency; a moved or closed badge fails the write.
 * It drops the last lookup's event, which the stream has already carried, so it is not published again.
 */
function openBadgeUpdate(
  table: string,
  badge: { agency: string; badgeNo: string },
  set: string,
  values: Record<string, unknown>,
  names: Record<string, string> = {},
): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: marshall(badgeKey(badge.badgeNo)),
      UpdateExpression: removingEmbeddedEvents(`SET ${set}`),
      ConditionExpression: 'agency = :agency AND #open = :open',
      ExpressionAttributeNames: { ...names, '#open': 'open' },
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

/**
 * Copies what lookups show of the agency onto one of its open badges, unless the badge already
 * holds this revision or a newer one (copies run concurrently and in any order). Returns whether it wrote.
 */
export async function copyAgencyToBadge(
  db: DynamoDBClient,
  table: string,
  badge: { agency: string; badgeNo: string },
  copy: AgencyCopy,
): Promise<boolean> {
  const set = setExpression({ ...copy });
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall(badgeKey(badge.badgeNo)),
        UpdateExpression: removingEmbeddedEvents(`SET ${set.expression}`),
        ConditionExpression:
          'agency = :agency AND #open = :open AND (attribute_not_exists(agencyRevision) OR agencyRevision < :revision)',
        ExpressionAttributeNames: { ...set.names, '#open': 'open' },
        ExpressionAttributeValues: marshall({
          ...set.values,
          ':agency': badge.agency,
          ':open': true,
          ':revision': copy.agencyRevision,
        }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export type LookupSource = 'badge-qr' | 'typed-code';

/**
 * Failed lookups a badge takes in a window; the last one locks the badge, so until the window ends
 * every attempt is refused, a right code too: guessing stops there. Successful lookups do not count.
 */
const FAILED_LOOKUPS = { limit: 20, windowSeconds: 600 };

/**
 * The answered lookup in one write: only the right code on an open, unlocked badge passes the
 * condition, and the write carries the `WorkerLookupAnswered` event on the badge item itself (see
 * `embeddedEvents`), so the lookup is recorded before it is answered with no transaction. Returns
 * the badge as it stands, or undefined for a wrong code, an unknown badge, a closed file or a lock.
 */
export async function answeredLookup(
  db: DynamoDBClient,
  table: string,
  attempt: { badgeNo: string; codeHash: string; now: Date; event: OutboxEvent },
): Promise<Badge | undefined> {
  try {
    const { Attributes } = await db.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall(badgeKey(attempt.badgeNo)),
        UpdateExpression: 'SET #events = :events',
        ConditionExpression:
          'codeHash = :hash AND #open = :open AND (attribute_not_exists(lockedUntil) OR lockedUntil <= :now)',
        ExpressionAttributeNames: { '#events': EMBEDDED_EVENTS_ATTRIBUTE, '#open': 'open' },
        ExpressionAttributeValues: marshall({
          ':events': embeddedEvents([attempt.event]),
          ':hash': attempt.codeHash,
          ':open': true,
          ':now': attempt.now.toISOString(),
        }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys(unmarshall(Attributes ?? {})) as unknown as Badge;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/**
 * Counts a failed lookup against its badge number, known or not (the counter is its own item, so an
 * unknown badge locks up just as a real one does), and from the limit on locks the badge. The
 * lock's condition fails quietly on a badge that does not exist, after the same one write.
 */
export async function countFailedLookup(
  db: DynamoDBClient,
  table: string,
  badgeNo: string,
  now: Date,
): Promise<RateDecision> {
  const decision = await countAttempt(db, table, { bucket: `care-lookup-badge#${badgeNo}`, ...FAILED_LOOKUPS }, now);
  if (decision.attempts < FAILED_LOOKUPS.limit) return decision;
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall(badgeKey(badgeNo)),
        UpdateExpression: removingEmbeddedEvents('SET lockedUntil = :until'),
        ConditionExpression: 'attribute_exists(codeHash)',
        ExpressionAttributeValues: marshall({
          ':until': new Date(now.getTime() + decision.retryAfterSeconds * 1000).toISOString(),
        }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return decision;
}

/** The agency's log entry of one answered lookup, keyed by its event so a repeated delivery writes the same item. */
export function lookupRecordWrite(
  table: string,
  lookup: { badgeNo: string; lookupId: string; at: string; source: LookupSource },
): TransactWriteItem {
  return {
    Put: {
      TableName: table,
      Item: marshall({
        pk: badgeKey(lookup.badgeNo).pk,
        sk: `${LOOKUP_PREFIX}${lookup.lookupId}`,
        at: lookup.at,
        source: lookup.source,
        ttl: Math.floor(Date.parse(lookup.at) / 1000) + LOOKUP_RETENTION_SECONDS,
      }),
    },
  };
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
