import { type DynamoDBClient, GetItemCommand, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { SHOPPING_SOURCE, shoppingEventVersions } from '../../events/versions.js';
import { invalid } from '../../shared/domain-errors.js';
import { makeEvent } from '../../shared/outbox-event.js';
import { batchGetAll } from '../../shared/storage/batch-get.js';
import type { WriteUnit } from '../../shared/storage/outbox.js';
import type { Page, PageRequest } from '../../shared/storage/query-page.js';
import { addContributions, type Contribution } from './scoring/aggregate.js';
import type { EntryChange, MerchantEntry } from './scoring/merchant.js';
import type { SubmittedMerchant } from './submission/input.js';

/** The district's current roster for a period: which submission made it, and who is on it. */
export interface Roster {
  districtId: string;
  period: string;
  revision: number;
  submissionId: string;
  bodyHash: string;
  usccs: string[];
}

export interface SubmissionRecord {
  submissionId: string;
  districtId: string;
  period: string;
  revision: number;
  total: number;
  chunks: number;
  scored: number;
  submittedAt: string;
}

export interface Chunk {
  merchants: SubmittedMerchant[];
  dropped: string[];
}

const rosterKey = (districtId: string, period: string) => ({ pk: `SHOP#DIST#${districtId}`, sk: `ROSTER#${period}` });
const submissionKey = (id: string) => ({ pk: `SHOP#SUB#${id}`, sk: 'SUBMISSION' });
const chunkKey = (id: string, chunk: number) => ({ pk: `SHOP#SUB#${id}`, sk: `CHUNK#${chunk}` });
export const entryKey = (uscc: string, period: string, districtId: string) => ({
  pk: `SHOP#MERCH#${uscc}`,
  sk: `PERIOD#${period}#DIST#${districtId}`,
});
const aggregateKey = (districtId: string, period: string) => ({
  pk: `SHOP#PERIOD#${period}`,
  sk: `DIST#${districtId}`,
});
const rankingListKey = (districtId: string, period: string) => `SHOP#RANK#${districtId}#${period}`;

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...rest } = item;
  return rest as T;
};

async function getItem<T>(db: DynamoDBClient, table: string, key: { pk: string; sk: string }) {
  const { Item } = await db.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
  return Item ? strip<T>(unmarshall(Item)) : undefined;
}

export const readRoster = (db: DynamoDBClient, table: string, districtId: string, period: string) =>
  getItem<Roster>(db, table, rosterKey(districtId, period));
export const readSubmission = (db: DynamoDBClient, table: string, id: string) =>
  getItem<SubmissionRecord>(db, table, submissionKey(id));
export const readChunk = (db: DynamoDBClient, table: string, id: string, chunk: number) =>
  getItem<Chunk>(db, table, chunkKey(id, chunk));

/** The roster moves to the next revision only from the one it was read at: concurrent submissions conflict. */
export function rosterWrite(table: string, roster: Roster): TransactWriteItem {
  const first = roster.revision === 1;
  return {
    Put: {
      TableName: table,
      Item: marshall({ ...rosterKey(roster.districtId, roster.period), ...roster }),
      ConditionExpression: first ? 'attribute_not_exists(pk)' : 'revision = :previous',
      ...(first ? {} : { ExpressionAttributeValues: marshall({ ':previous': roster.revision - 1 }) }),
    },
  };
}

export const submissionWrite = (table: string, submission: SubmissionRecord): TransactWriteItem => ({
  Put: {
    TableName: table,
    Item: marshall({ ...submissionKey(submission.submissionId), ...submission }),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const chunkWrite = (table: string, id: string, index: number, chunk: Chunk): TransactWriteItem => ({
  Put: { TableName: table, Item: marshall({ ...chunkKey(id, index), ...chunk }, { removeUndefinedValues: true }) },
});

export const progressWrite = (table: string, id: string, scored: number): TransactWriteItem => ({
  Update: {
    TableName: table,
    Key: marshall(submissionKey(id)),
    UpdateExpression: 'ADD scored :n',
    ExpressionAttributeValues: marshall({ ':n': scored }),
  },
});

/** Index 0–100 in tenths, inverted and padded, so the district's list reads highest first. */
const rankSortKey = (entry: MerchantEntry) =>
  `${String(1000 - Math.round((entry.score?.index ?? 0) * 10)).padStart(4, '0')}#${entry.uscc}`;

/** Writes an entry over exactly the revision it was computed from (or none): a concurrent writer makes it retry. */
export function entryWrite(table: string, next: MerchantEntry): TransactWriteItem {
  const first = next.revision === 1;
  const listed = next.withdrawn
    ? {}
    : { gsi1pk: rankingListKey(next.districtId, next.period), gsi1sk: rankSortKey(next) };
  return {
    Put: {
      TableName: table,
      Item: marshall(
        { ...entryKey(next.uscc, next.period, next.districtId), ...listed, ...next },
        {
          removeUndefinedValues: true,
        },
      ),
      ConditionExpression: first ? 'attribute_not_exists(pk)' : 'revision = :previous',
      ...(first ? {} : { ExpressionAttributeValues: marshall({ ':previous': next.revision - 1 }) }),
    },
  };
}

/** The reply goes on the entry and bumps its revision, so a re-score racing it retries instead of dropping it. */
export function replyWrite(table: string, entry: MerchantEntry, reply: MerchantEntry['reply']): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: marshall(entryKey(entry.uscc, entry.period, entry.districtId)),
      UpdateExpression: 'SET reply = :reply, revision = :next',
      ConditionExpression: 'revision = :previous',
      ExpressionAttributeValues: marshall({
        ':reply': reply,
        ':next': entry.revision + 1,
        ':previous': entry.revision,
      }),
    },
  };
}

/** Atomic counters: concurrent changes to one district add up, none is lost, whatever their order. */
export function aggregateWrite(
  table: string,
  districtId: string,
  period: string,
  delta: Contribution,
): TransactWriteItem {
  const names: Record<string, string> = { '#merchants': 'merchants', '#index': 'indexTenths' };
  const values: Record<string, unknown> = {
    ':merchants': delta.merchants,
    ':index': delta.index,
    ':d': districtId,
    ':p': period,
  };
  const adds = ['#merchants :merchants', '#index :index'];
  const add = (prefix: string, sums: Record<string, number>) =>
    Object.entries(sums).forEach(([id, value], i) => {
      names[`#${prefix}${i}`] = `${prefix}:${id}`;
      values[`:${prefix}${i}`] = value;
      adds.push(`#${prefix}${i} :${prefix}${i}`);
    });
  add('dim', delta.dimensions);
  add('ind', delta.indicators);
  return {
    Update: {
      TableName: table,
      Key: marshall(aggregateKey(districtId, period)),
      UpdateExpression: `SET districtId = :d, period = :p ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshall(values),
    },
  };
}

type AggregateSums = Contribution & { districtId: string; period: string };

function sumsOf(item: Record<string, unknown>): AggregateSums {
  const dimensions: Record<string, number> = {};
  const indicators: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith('dim:')) dimensions[name.slice(4)] = Number(value);
    if (name.startsWith('ind:')) indicators[name.slice(4)] = Number(value);
  }
  return {
    districtId: String(item.districtId),
    period: String(item.period),
    merchants: Number(item.merchants ?? 0),
    index: Number(item.indexTenths ?? 0),
    dimensions,
    indicators,
  };
}

/** Every district's sums for a period: one Query (a period has a few dozen districts at most). */
export async function readPeriodAggregates(db: DynamoDBClient, table: string, period: string) {
  const items: AggregateSums[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const output = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `SHOP#PERIOD#${period}` }),
        ...(start ? { ExclusiveStartKey: start as never } : {}),
      }),
    );
    items.push(...(output.Items ?? []).map((item) => sumsOf(unmarshall(item))));
    start = output.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function readAggregate(db: DynamoDBClient, table: string, districtId: string, period: string) {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(aggregateKey(districtId, period)) }),
  );
  return Item ? sumsOf(unmarshall(Item)) : undefined;
}

export async function readEntries(
  db: DynamoDBClient,
  table: string,
  keys: { uscc: string; period: string; districtId: string }[],
): Promise<Map<string, MerchantEntry>> {
  const found = await batchGetAll<Record<string, unknown>>(
    db,
    table,
    keys.map((key) => entryKey(key.uscc, key.period, key.districtId)),
    { consistentRead: true },
  );
  return new Map([...found.values()].map((item) => [String(item.uscc), strip<MerchantEntry>(item)]));
}

/** Every entry of one merchant (all periods and districts): one Query on its partition. */
export async function readMerchantEntries(db: DynamoDBClient, table: string, uscc: string): Promise<MerchantEntry[]> {
  const entries: MerchantEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const output = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': `SHOP#MERCH#${uscc}`, ':prefix': 'PERIOD#' }),
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start as never } : {}),
      }),
    );
    entries.push(...(output.Items ?? []).map((item) => strip<MerchantEntry>(unmarshall(item))));
    start = output.LastEvaluatedKey;
  } while (start);
  return entries;
}

/**
 * A district's scored merchants for a period, highest index first, a page at a time. The cursor is
 * the last item's key on the index, trusted only inside this district's list (else 400).
 */
export async function readDistrictMerchants(
  db: DynamoDBClient,
  table: string,
  districtId: string,
  period: string,
  page: PageRequest,
): Promise<Page<MerchantEntry>> {
  const list = rankingListKey(districtId, period);
  let start: Record<string, string> | undefined;
  if (page.cursor !== undefined) {
    try {
      start = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8'));
    } catch {
      start = undefined;
    }
    const keys = Object.keys(start ?? {})
      .sort()
      .join(',');
    if (
      start?.gsi1pk !== list ||
      keys !== 'gsi1pk,gsi1sk,pk,sk' ||
      !Object.values(start).every((v) => typeof v === 'string')
    ) {
      throw invalid(
        [{ path: 'query.cursor', message: 'is not a cursor of this list' }],
        'The cursor is not valid here.',
      );
    }
  }
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :list',
      ExpressionAttributeValues: marshall({ ':list': list }),
      Limit: page.limit + 1,
      ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
    }),
  );
  const raw = Items.slice(0, page.limit).map((item) => unmarshall(item));
  const last = raw.at(-1);
  const items = raw.map((item) => strip<MerchantEntry>(item));
  if (!last || (Items.length <= page.limit && !LastEvaluatedKey)) return { items };
  const cursor = { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk };
  return { items, nextCursor: Buffer.from(JSON.stringify(cursor)).toString('base64url') };
}

/**
 * The writes and events of a set of entry changes, as ONE unit: every entry over its revision,
 * each district's sums moved by the changes' deltas, a MerchantScored per entry and a
 * DistrictIndexUpdated per district. The aggregate moves in the same transaction as the scores
 * it sums, so it can neither miss nor double-count one.
 */
export function changesUnit(
  table: string,
  changes: readonly EntryChange[],
  context: { correlationId: string; now: Date },
  extraWrites: TransactWriteItem[] = [],
): WriteUnit {
  const byDistrict = new Map<string, EntryChange[]>();
  for (const change of changes) {
    const key = `${change.next.districtId}|${change.next.period}`;
    byDistrict.set(key, [...(byDistrict.get(key) ?? []), change]);
  }
  const aggregates = [...byDistrict.values()].map((group) => {
    const { districtId, period } = (group[0] as EntryChange).next;
    return { districtId, period, count: group.length, delta: addContributions(group.map((change) => change.delta)) };
  });
  const contribution = (entry: MerchantEntry | undefined) =>
    entry && !entry.withdrawn && entry.score
      ? { index: entry.score.index, dimensions: entry.score.dimensions }
      : undefined;
  return {
    writes: [
      ...changes.map((change) => entryWrite(table, change.next)),
      ...aggregates.map(({ districtId, period, delta }) => aggregateWrite(table, districtId, period, delta)),
      ...extraWrites,
    ],
    events: [
      ...changes.map((change) => {
        const previous = contribution(change.previous);
        const current = contribution(change.next);
        return makeEvent(
          SHOPPING_SOURCE,
          'MerchantScored',
          shoppingEventVersions.MerchantScored,
          {
            uscc: change.next.uscc,
            districtId: change.next.districtId,
            period: change.next.period,
            methodVersion: change.next.score?.methodVersion ?? change.previous?.score?.methodVersion ?? '',
            change: change.change,
            ...(previous ? { previous } : {}),
            ...(current ? { current } : {}),
          },
          context,
        );
      }),
      ...aggregates.map(({ districtId, period, count }) =>
        makeEvent(
          SHOPPING_SOURCE,
          'DistrictIndexUpdated',
          shoppingEventVersions.DistrictIndexUpdated,
          { districtId, period, merchants: count },
          context,
        ),
      ),
    ],
  };
}
