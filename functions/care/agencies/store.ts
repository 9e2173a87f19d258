import { type DynamoDBClient, GetItemCommand, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { invalid } from '../../../shared/domain-errors.js';
import type { Page } from '../../../shared/storage/query-page.js';
import { parseUscc } from '../../../shared/uscc.js';
import { setExpression } from '../set-expression.js';
import { type Agency, type AgencyKind, type AgencyRegistration, type CreditWindow, nameMatches } from './agency.js';

export const agencyKey = (uscc: string) => ({ pk: `CARE#AGENCY#${uscc}`, sk: 'AGENCY' });
/** Every agency in one index partition, sorted by district, kind and code: a search is one range read. */
const SEARCH_PARTITION = 'CARE#AGENCIES';
const searchSortKey = (agency: { district: string; kind: AgencyKind; uscc: string }) =>
  `${agency.district}#${agency.kind}#${agency.uscc}`;

const withoutKeys = ({ pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...rest }: Record<string, unknown>) => rest;

export async function readAgency(db: DynamoDBClient, table: string, uscc: string, consistent = false) {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall(agencyKey(uscc)), ConsistentRead: consistent }),
  );
  return Item ? (withoutKeys(unmarshall(Item)) as unknown as Agency) : undefined;
}

export const agencyOf = (item: Record<string, unknown>) => withoutKeys(item) as unknown as Agency;

/**
 * Writes the registration over whatever else the item holds (ratings, credit flags), so a
 * re-registration never resets what events built. `exists` guards against a concurrent first one.
 */
export function registrationWrite(
  table: string,
  uscc: string,
  registration: AgencyRegistration,
  credit: { windows: CreditWindow[]; summaryVersion: number },
  options: { exists: boolean; now: Date },
): TransactWriteItem {
  const fields: Record<string, unknown> = {
    uscc,
    ...registration,
    gsi1pk: SEARCH_PARTITION,
    gsi1sk: searchSortKey({ ...registration, uscc }),
  };
  const set = setExpression(fields);
  const remove = registration.starRating === undefined ? ' REMOVE starRating' : '';
  return {
    Update: {
      TableName: table,
      Key: marshall(agencyKey(uscc)),
      UpdateExpression:
        `SET ${set.expression}, registeredAt = if_not_exists(registeredAt, :now), ` +
        'creditWindows = if_not_exists(creditWindows, :windows), creditSummaryVersion = if_not_exists(creditSummaryVersion, :version)' +
        remove,
      ConditionExpression: options.exists ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
      ExpressionAttributeNames: set.names,
      ExpressionAttributeValues: marshall(
        {
          ...set.values,
          ':now': options.now.toISOString(),
          ':windows': credit.windows,
          ':version': credit.summaryVersion,
        },
        { removeUndefinedValues: true },
      ),
    },
  };
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
      UpdateExpression: 'SET creditWindows = :windows, creditSummaryVersion = :version',
      ConditionExpression: 'attribute_exists(pk) AND creditSummaryVersion < :version',
      ExpressionAttributeValues: marshall({ ':windows': credit.windows, ':version': credit.summaryVersion }),
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

/**
 * Agencies in district/kind order. District (and kind with it) narrows the key range; the name
 * fragment is matched here over that range, reading on until the page is full, so a page is
 * never short while more matches follow.
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
  const matches: Agency[] = [];
  let start: Record<string, unknown> | undefined = after
    ? { gsi1pk: SEARCH_PARTITION, gsi1sk: after, ...agencyKey(after.slice(-18)) }
    : undefined;
  // Dense matches fill a page from a small read; sparse ones double the read each round.
  let batch = 4 * (search.limit + 1);
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': SEARCH_PARTITION, ...(prefix ? { ':prefix': prefix } : {}) }),
        ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
        Limit: batch,
      }),
    );
    batch *= 2;
    for (const item of page.Items ?? []) {
      const agency = agencyOf(unmarshall(item));
      if ((search.kind === undefined || agency.kind === search.kind) && nameMatches(agency.name, search.q)) {
        matches.push(agency);
        if (matches.length > search.limit) break;
      }
    }
    start = page.LastEvaluatedKey ? unmarshall(page.LastEvaluatedKey) : undefined;
  } while (start && matches.length <= search.limit);
  const items = matches.slice(0, search.limit);
  const last = items.at(-1);
  return matches.length > search.limit && last ? { items, nextCursor: encodeCursor(searchSortKey(last)) } : { items };
}
