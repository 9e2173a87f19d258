import type * as core from 'zod/v4/core';
import { httpRoute } from '../../../shared/http/route.js';
import type { OutboxEvent } from '../../../shared/outbox-event.js';
import type { RouteContract } from '../../../shared/scenario.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import type { LifecycleChange } from '../credit-records/lifecycle.js';
import type { CreditRecord } from '../credit-records/model.js';
import { publicRecordView } from '../credit-records/profile.js';
import { getRecord, putRecordWrite } from '../credit-records/store.js';

type Body = core.$ZodType;
type Params = core.$ZodType<{ recordId: string }>;

/**
 * The four lifecycle routes (repair, revoke, objection raised and resolved) share one shape:
 * read the record, let the domain decide, store the new state with its event.
 */
export function lifecycleRoute<Input>(
  contract: RouteContract<core.$ZodType<Input>, Params, core.$ZodType>,
  decide: (current: CreditRecord | undefined, recordId: string, input: Input, now: Date) => LifecycleChange,
  announce: (before: CreditRecord, after: CreditRecord, context: { correlationId: string; now: Date }) => OutboxEvent,
) {
  return httpRoute(
    contract as RouteContract<Body, Params, core.$ZodType>,
    async ({ params, body, correlationId, now }) => {
      const table = tableName();
      const current = await getRecord(dynamo(), table, params.recordId);
      const change = decide(current, params.recordId, body as Input, now);
      const record = change.kind === 'changed' ? change.record : (current as CreditRecord);
      return {
        status: 200,
        body: {
          changed: change.kind === 'changed',
          record: {
            ...publicRecordView(record, now.getTime()),
            ...(record.repair ? { repair: record.repair } : {}),
            ...(record.revocation ? { revocation: record.revocation } : {}),
            objections: record.objections,
          },
        },
        units:
          change.kind === 'changed' && current
            ? [
                {
                  writes: [putRecordWrite(table, change.record, current, now)],
                  events: [announce(current, change.record, { correlationId, now })],
                },
              ]
            : [],
      };
    },
  );
}
