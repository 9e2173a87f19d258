import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Commands that read (their capacity is RCUs) and that write (WCUs). */
const reads = new Set([
  'GetItemCommand',
  'BatchGetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'TransactGetItemsCommand',
]);
const writes = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export interface CapacityTally {
  requests: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
}

const emptyTally = (): CapacityTally => ({ requests: 0, readUnits: 0, writeUnits: 0, byCommand: {} });

type Consumed = { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;
type AttributeValue = Record<string, unknown>;

/** DynamoDB's item size: attribute names plus values (numbers ≈ 1 byte per 2 digits + 1). */
function valueSize(value: AttributeValue): number {
  const [type, content] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(content as string);
    case 'N':
      return Math.ceil(String(content).replace(/^-|\./g, '').length / 2) + 1;
    case 'B':
      return (content as Uint8Array).length;
    case 'L':
      return 3 + (content as AttributeValue[]).reduce((sum, item) => sum + 1 + valueSize(item), 0);
    case 'M':
      return 3 + itemSize(content as Record<string, AttributeValue>) + Object.keys(content as object).length;
    default:
      return 1;
  }
}

export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

/** The service bills a read of a missing item too (0.5 RCU, 1 if consistent); DynamoDB Local bills 0. */
function minimumReadUnits(
  command: string,
  input: { ConsistentRead?: boolean; RequestItems?: Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }> },
): number {
  if (command === 'GetItemCommand') return input.ConsistentRead ? 1 : 0.5;
  if (command !== 'BatchGetItemCommand') return 0;
  return Object.values(input.RequestItems ?? {}).reduce(
    (sum, request) => sum + (request.Keys?.length ?? 0) * (request.ConsistentRead ? 1 : 0.5),
    0,
  );
}

/**
 * DynamoDB Local reports a whole TransactWriteItems call as if it wrote one item, so the write
 * units of a transaction are computed as the service bills them: 2 WCU per started KB of each
 * item written, and again for an index the item appears in.
 */
function transactionWriteUnits(input: {
  TransactItems?: { Put?: { Item?: Record<string, AttributeValue> } }[];
}): number {
  return (input.TransactItems ?? []).reduce((sum, action) => {
    const item = action.Put?.Item;
    if (!item) return sum + 2;
    const kb = Math.ceil(itemSize(item) / 1024);
    const indexed = 'gsi1pk' in item && 'gsi1sk' in item;
    return sum + 2 * kb * (indexed ? 2 : 1);
  }, 0);
}

/** Adds one tally into another (the functions run in workers, each counting its own client). */
export function addTally(into: CapacityTally, tally: CapacityTally): void {
  into.requests += tally.requests;
  into.readUnits += tally.readUnits;
  into.writeUnits += tally.writeUnits;
  for (const [command, count] of Object.entries(tally.byCommand)) {
    into.byCommand[command] = (into.byCommand[command] ?? 0) + count;
  }
}

/** Collects the tallies that function invocations report, for the benchmark to take per operation. */
export function capacityCollector() {
  let tally = emptyTally();
  return {
    add: (reported: CapacityTally) => addTally(tally, reported),
    /** What was reported since the last take, and starts collecting afresh. */
    take(): CapacityTally {
      const taken = tally;
      tally = emptyTally();
      return taken;
    },
  };
}

/**
 * Counts every request a client sends and the capacity DynamoDB says it consumed, by asking
 * for `ReturnConsumedCapacity: TOTAL` on each call: the handlers stay unchanged and unaware.
 */
export function countCapacity(client: DynamoDBClient) {
  let tally = emptyTally();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const measured = reads.has(command) || writes.has(command);
      if (measured) (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      tally.requests++;
      tally.byCommand[command] = (tally.byCommand[command] ?? 0) + 1;
      const consumed = (result.output as { ConsumedCapacity?: Consumed }).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
        (sum, entry) => sum + (entry.CapacityUnits ?? 0),
        0,
      );
      if (reads.has(command)) tally.readUnits += Math.max(units, minimumReadUnits(command, args.input as never));
      if (command === 'TransactWriteItemsCommand') tally.writeUnits += transactionWriteUnits(args.input as never);
      else if (writes.has(command)) tally.writeUnits += units;
      return result;
    },
    { step: 'initialize', name: 'benchmarkCapacityCounter' },
  );
  return {
    /** What was counted since the last take, and starts counting afresh. */
    take(): CapacityTally {
      const taken = tally;
      tally = emptyTally();
      return taken;
    },
  };
}
