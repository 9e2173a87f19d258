import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';

/** API.md "Lists": 20 items unless asked, never more than 100 unless a route says less. */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** A cursor is base64url text this API issued (see shared/storage/query-page.ts); its content is checked there. */
const cursorSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2048}$/, { error: 'is not a cursor this API issued' }));

/** The `?limit=&cursor=` query of every paginated list route. */
export const pageQuerySchema = (maxLimit = MAX_PAGE_LIMIT) =>
  z.strictObject({
    limit: z._default(
      z.coerce
        .number()
        .check(
          z.multipleOf(1, { error: 'must be a whole number' }),
          z.gte(1),
          z.lte(maxLimit, { error: `must be at most ${maxLimit}` }),
        ),
      DEFAULT_PAGE_LIMIT,
    ),
    cursor: z.optional(cursorSchema),
  });

/** The body of a page: `{items, nextCursor?}`; `nextCursor` is there exactly when more items follow. */
export const pageSchema = <Item extends core.$ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextCursor: z.optional(z.string()) });
