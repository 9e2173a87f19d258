import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { invalid } from '../../../shared/domain-errors.js';
import { batchGetAll } from '../../../shared/storage/batch-get.js';
import { queryAll } from '../../../shared/storage/query-all.js';
import type { Page } from '../../../shared/storage/query-page.js';
import { parseUscc } from '../../../shared/uscc.js';
import { setExpression } from '../set-expression.js';
import { type Agency, type AgencyKind, type AgencyRegistration, type CreditWindow, nameMatches } from './agency.js';

export const agencyKey = (uscc: string) => ({ pk: `CARE#AGENCY#${uscc}`, sk: 'AGENCY' });

/**
 * The search directory: one item per district and kind holding each agency's name as an attribute
 * named by its code. A search reads these few items (not 5,000 agency items) and matches names in
 * memory; a registration adds itself with one atomic SET, no read-modify-write. Each item has a
 * small head item in a partition of its own whose version every change raises (in the same
 * transaction), so a search learns what changed from the heads alone.
 */
const DIRECTORY_PARTITION = 'CARE#DIRECTORY';
const HEADS_PARTITION = 'CARE#DIRECTORY-HEAD';
const shardKey = (agency: { district: string; kind: AgencyKind }) => `${agency.district}#${agency.kind}`;
const ENTRY_PREFIX = 'a_';

/** Changes one directory item and raises its version, on the item and on its head alike. */
function directoryChange(
  table: string,
  shard: string,
  change: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
): TransactWriteItem[] {
  return [
    {
      Update: {
        TableName: table,
        Key: marshall({ pk: DIRECTORY_PARTITION, sk: shard }),
        UpdateExpression: `${change.expression} ADD version :one`,
        ExpressionAttributeNames: change.names,
        ExpressionAttributeValues: marshall({ ...change.values, ':one': 1 }),
      },
    },
    {
      Update: {
        TableName: table,
        Key: marshall({ pk: HEADS_PARTITION, sk: shard }),
        UpdateExpression: 'ADD version :one',
        ExpressionAttributeValues: marshall({ ':one': 1 }),
      },
    },
  ];
}

const withoutKeys = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest;

export async function readAgency(db: DynamoDBClient, table: string, uscc: string, consistent = false) {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(agencyKey(uscc)), ConsistentRead: consistent }),
  );
  return Item ? (withoutKeys(unmarshall(Item)) as unknown as Agency) : undefined;
}

export const agencyOf = (item: Record<string, unknown>) => withoutKeys(item) as unknown as Agency;

/**
 * The agency's open badges, one small item each in the agency's partition, so a change of what
 * lookups show can be copied to every badge (written with the badge, deleted when its file closes).
 */
const BADGE_INDEX_PREFIX = 'BADGE#';
const badgeIndexKey = (uscc: string, badgeNo: string) => ({
  pk: agencyKey(uscc).pk,
  sk: `${BADGE_INDEX_PREFIX}${badgeNo}`,
});

export const badgeIndexWrite = (table: string, uscc: string, badgeNo: string): TransactWriteItem => ({
  Put: { TableName: table, Item: marshall({ ...badgeIndexKey(uscc, badgeNo), badgeNo }) },
});

export const badgeIndexRemoval = (table: string, uscc: string, badgeNo: string): TransactWriteItem => ({
  Delete: { TableName: table, Key: marshall(badgeIndexKey(uscc, badgeNo)) },
});

/** Every open badge number of the agency, read consistently (a copy must reach a badge opened just before). */
export async function openBadgesOf(db: DynamoDBClient, table: string, uscc: string): Promise<string[]> {
  const found = await partitionItems(db, {
    table,
    pk: agencyKey(uscc).pk,
    prefix: BADGE_INDEX_PREFIX,
    consistent: true,
  });
  return found.map((item) => String(item.badgeNo));
}

/** The agency's revision as read, checked again when a badge copying it is written. */
export const agencyRevisionCheck = (table: string, agency: Agency): TransactWriteItem => ({
  ConditionCheck: {
    TableName: table,
    Key: marshall(agencyKey(agency.uscc)),
    ConditionExpression: agency.revision === undefined ? 'attribute_not_exists(revision)' : 'revision = :revision',
    ...(agency.revision === undefined ? {} : { ExpressionAttributeValues: marshall({ ':revision': agency.revision }) }),
  },
});

/**
 * Writes the registration over whatever else the item holds (ratings, credit flags), so a
 * re-registration never resets what events built. `exists` guards against a concurrent first one.
 */
export function registrationWrites(
  table: string,
  uscc: string,
  registration: AgencyRegistration,
  credit: { windows: CreditWindow[]; summaryVersion: number },
  options: { previous: Agency | undefined; now: Date },
): TransactWriteItem[] {
  const fields: Record<string, unknown> = { uscc, ...registration };
  const set = setExpression(fields);
  const remove = registration.starRating === undefined ? ' REMOVE starRating' : '';
  const agencyWrite: TransactWriteItem = {
    Update: {
      TableName: table,
      Key: marshall(agencyKey(uscc)),
      UpdateExpression:
        `SET ${set.expression}, registeredAt = if_not_exists(registeredAt, :now), ` +
        'creditWindows = if_not_exists(creditWindows, :windows), creditSummaryVersion = if_not_exists(creditSummaryVersion, :version)' +
        remove +
        ' ADD revision :one',
      ConditionExpression: options.previous ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
      ExpressionAttributeNames: set.names,
      ExpressionAttributeValues: marshall(
        {
          ...set.values,
          ':now': options.now.toISOString(),
          ':windows': credit.windows,
          ':version': credit.summaryVersion,
          ':one': 1,
        },
        { removeUndefinedValues: true },
      ),
    },
  };
  const names = { '#entry': `${ENTRY_PREFIX}${uscc}` };
  const listed = directoryChange(table, shardKey(registration), {
    expression: 'SET #entry = :name',
    names,
    values: { ':name': registration.name },
  });
  const previous = options.previous;
  if (!previous || shardKey(previous) === shardKey(registration)) return [agencyWrite, ...listed];
  // Moved to another district or kind: out of the old directory item in the same transaction.
  const unlisted = directoryChange(table, shardKey(previous), { expression: 'REMOVE #entry', names, values: {} });
  return [agencyWrite, ...listed, ...unlisted];
}

/** Keeps the flags of the newest credit summary only: a late, older event changes nothing. */
export function creditFlagsWrite(
  table: string,
  uscc: string,
  credit: { windows: CreditWindow[]; summaryVersion: number },
): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: marshall(agencyKey(uscc)),
      UpdateExpression: 'SET creditWindows = :windows, creditSummaryVersion = :version ADD revision :one',
      ConditionExpression: 'attribute_exists(pk) AND creditSummaryVersion < :version',
      ExpressionAttributeValues: marshall({ ':windows': credit.windows, ':version': credit.summaryVersion, ':one': 1 }),
    },
  };
}

export interface AgencySearch {
  district?: string | undefined;
  kind?: AgencyKind | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const encodeCursor = (sortKey: string) => Buffer.from(sortKey, 'utf8').toString('base64url');

interface DirectoryShard {
  /** Undefined for an item written before directory items carried versions: read again each time. */
  version: number | undefined;
  /** In code order, so shards read in key order list agencies in the search's sort order. */
  entries: { uscc: string; name: string }[];
}

/**
 * This function instance's copy of the directory items, each under the version it was read at.
 * A search still reads every head first, so it never answers from a copy older than a direct read
 * would be; it only skips transferring names that have not changed. The first search of an
 * instance reads the whole directory, which also finds items older than the heads.
 */
const shardCopies = new Map<string, DirectoryShard>();
let directoryLoaded = false;

const shardOf = (item: Record<string, unknown>): DirectoryShard => ({
  version: typeof item.version === 'number' ? item.version : undefined,
  entries: Object.entries(item)
    .filter(([attribute]) => attribute.startsWith(ENTRY_PREFIX))
    .map(([attribute, name]) => ({ uscc: attribute.slice(ENTRY_PREFIX.length), name: String(name) }))
    .sort((a, b) => (a.uscc < b.uscc ? -1 : 1)),
});

/** Every item of a partition whose sort key starts with `prefix` (all of them for ''). */
const partitionItems = (
  db: DynamoDBClient,
  input: { table: string; pk: string; prefix: string; consistent?: boolean },
) =>
  queryAll(db, {
    TableName: input.table,
    KeyConditionExpression: input.prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': input.pk, ...(input.prefix ? { ':prefix': input.prefix } : {}) }),
    ...(input.consistent ? { ConsistentRead: true } : {}),
  });

/** The current directory items whose keys start with `prefix`, in key order. */
async function directoryShards(db: DynamoDBClient, table: string, prefix: string) {
  if (!directoryLoaded) {
    for (const item of await partitionItems(db, { table, pk: DIRECTORY_PARTITION, prefix: '' })) {
      shardCopies.set(String(item.sk), shardOf(item));
    }
    directoryLoaded = true;
  }
  const heads = await partitionItems(db, { table, pk: HEADS_PARTITION, prefix });
  const keys = new Set([...shardCopies.keys()].filter((key) => key.startsWith(prefix)));
  for (const head of heads) keys.add(String(head.sk));
  const headVersions = new Map(heads.map((head) => [String(head.sk), Number(head.version)]));
  const changed = [...keys].filter((key) => {
    const copy = shardCopies.get(key);
    const head = headVersions.get(key);
    return copy?.version === undefined || (head !== undefined && copy.version < head);
  });
  if (changed.length > 0) {
    const read = await batchGetAll<Record<string, unknown>>(
      db,
      table,
      changed.map((sk) => ({ pk: DIRECTORY_PARTITION, sk })),
    );
    for (const item of read.values()) shardCopies.set(String(item.sk), shardOf(item));
  }
  return [...keys].sort().flatMap((key) => {
    const shard = shardCopies.get(key);
    return shard ? [{ key, shard }] : [];
  });
}

/**
 * Agencies in district, kind and code order. District (and kind with it) narrows which directory
 * items are read; names are matched in memory, and only the page's agencies are then read (for
 * their ratings and flags), so a page is full whenever more matches follow.
 */
export async function searchAgencies(db: DynamoDBClient, table: string, search: AgencySearch): Promise<Page<Agency>> {
  const prefix = search.district === undefined ? '' : `${search.district}#${search.kind ? `${search.kind}#` : ''}`;
  let after: string | undefined;
  if (search.cursor !== undefined) {
    after = Buffer.from(search.cursor, 'base64url').toString('utf8');
    if (!after.startsWith(prefix) || !parseUscc(after.slice(-18)).ok || after.at(-19) !== '#') {
      throw invalid(
        [{ path: 'query.cursor', message: 'is not a cursor of this list' }],
        'The cursor is not valid here.',
      );
    }
  }
  // A directory item's key is `district#kind`, without the separator a cursor's prefix ends with.
  const shards = await directoryShards(db, table, search.kind ? prefix.slice(0, -1) : prefix);
  // Shard keys never contain one another (districts hold no '#'), so key order then code order is sort-key order.
  const matches: string[] = [];
  for (const { key, shard } of shards) {
    const kind = key.slice(key.lastIndexOf('#') + 1);
    if (search.kind !== undefined && kind !== search.kind) continue;
    for (const { uscc, name } of shard.entries) {
      const sortKey = `${key}#${uscc}`;
      if (!nameMatches(name, search.q) || (after !== undefined && sortKey <= after)) continue;
      matches.push(sortKey);
      if (matches.length > search.limit) break;
    }
    if (matches.length > search.limit) break;
  }
  const pageKeys = matches.slice(0, search.limit);
  const found = await batchGetAll<Record<string, unknown>>(
    db,
    table,
    pageKeys.map((sortKey) => agencyKey(sortKey.slice(-18))),
  );
  const items = pageKeys.flatMap((sortKey) => {
    const item = found.get(`${agencyKey(sortKey.slice(-18)).pk}|AGENCY`);
    return item ? [agencyOf(item)] : [];
  });
  const last = pageKeys.at(-1);
  return matches.length > search.limit && last ? { items, nextCursor: encodeCursor(last) } : { items };
}
