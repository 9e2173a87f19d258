import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { removingEmbeddedEvents } from '../../../shared/storage/outbox.js';
import { agencyKey } from '../agencies/store.js';
import type { Rating } from '../ratings.js';
import { badgeKey, personKey } from '../workers/store.js';
import type { Person } from '../workers/worker.js';

export interface Service {
  serviceId: string;
  agency: string;
  badgeNo: string;
  workerKey: string;
  serviceDate: string;
  kind: string;
  recordedAt: string;
}

/** What a review token leads to; the token itself is kept only as its hash (the key). */
export interface ReviewTicket {
  serviceId: string;
  agency: string;
  badgeNo: string;
  workerKey: string;
  usedAt?: string;
}

/** A consumer has three months to review a service. */
const REVIEW_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

const serviceKey = (serviceId: string) => ({ pk: `CARE#SERVICE#${serviceId}`, sk: 'SERVICE' });
const reviewKey = (serviceId: string) => ({ pk: `CARE#SERVICE#${serviceId}`, sk: 'REVIEW' });
const ticketKey = (tokenHash: string) => ({ pk: `CARE#REVIEW-TOKEN#${tokenHash}`, sk: 'TICKET' });

export function serviceWrites(table: string, service: Service, tokenHash: string, now: Date): TransactWriteItem[] {
  const ticket: ReviewTicket = {
    serviceId: service.serviceId,
    agency: service.agency,
    badgeNo: service.badgeNo,
    workerKey: service.workerKey,
  };
  return [
    {
      Put: {
        TableName: table,
        Item: marshall({ ...serviceKey(service.serviceId), ...service }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: table,
        Item: marshall({
          ...ticketKey(tokenHash),
          ...ticket,
          ttl: Math.floor(now.getTime() / 1000) + REVIEW_TOKEN_TTL_SECONDS,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

export async function readTicket(db: DynamoDBClient, table: string, tokenHash: string, now: Date) {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(ticketKey(tokenHash)), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ttl, ...ticket } = unmarshall(Item);
  // TTL deletion lags; an expired ticket is gone as far as anyone can tell.
  return Number(ttl) * 1000 <= now.getTime() ? undefined : (ticket as ReviewTicket);
}

/** Uses the ticket (only once: the condition refuses a second use, also a concurrent one) and keeps the review. */
export function reviewWrites(
  table: string,
  tokenHash: string,
  review: { serviceId: string; rating: Rating; comment?: string | undefined },
  now: Date,
): TransactWriteItem[] {
  return [
    {
      Update: {
        TableName: table,
        Key: marshall(ticketKey(tokenHash)),
        UpdateExpression: 'SET usedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: marshall({ ':now': now.toISOString() }),
      },
    },
    {
      Put: {
        TableName: table,
        Item: marshall(
          { ...reviewKey(review.serviceId), ...review, reviewedAt: now.toISOString() },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/**
 * One more review in the counters of the person, of the agency, and of the person's current badge
 * (its copy, which lookups read), applied once per event by the kernel. Written over the person's
 * version as read, so a move in between (a new current badge) makes the event be handled again,
 * and a registration copying the counters meanwhile must read them again.
 */
export function ratingWrites(
  table: string,
  reviewed: { agency: string; person: Pick<Person, 'workerKey' | 'version' | 'current'> },
  rating: Rating,
): TransactWriteItem[] {
  const add = (
    key: { pk: string; sk: string },
    also: { update?: string; condition: string; values?: object; carriesEvents?: boolean },
  ) => {
    const expression = `ADD ratingCount :one, ratingSum :rating, rating${rating} :one${also.update ?? ''}`;
    return {
      Update: {
        TableName: table,
        Key: marshall(key),
        UpdateExpression: also.carriesEvents ? removingEmbeddedEvents(expression) : expression,
        ConditionExpression: also.condition,
        ExpressionAttributeValues: marshall({ ':one': 1, ':rating': rating, ...also.values }),
      },
    };
  };
  const { person } = reviewed;
  return [
    add(personKey(person.workerKey), {
      update: ', version :one',
      condition: 'version = :version',
      values: { ':version': person.version },
    }),
    add(agencyKey(reviewed.agency), { condition: 'attribute_exists(pk)' }),
    // The badge may carry its last lookup's event, which must not be published again.
    add(badgeKey(person.current.badgeNo), {
      carriesEvents: true,
      condition: 'workerKey = :workerKey',
      values: { ':workerKey': person.workerKey },
    }),
  ];
}
