import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { CapacityTally } from '../../bench/capacity.js';
import { lambdaContext } from '../api-gateway.js';

/** What the pool tells a function's worker at its start. */
export interface FunctionWorkerData {
  root: string;
  handler: string;
  functionName: string;
  timeoutMs: number;
  /** The benchmark's switch: count each invocation's DynamoDB requests and capacity (bench/capacity.ts). */
  countCapacity?: boolean;
}

export interface Invocation {
  id: number;
  event: unknown;
}

export type InvocationOutcome = (
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string; stack?: string } }
) & { capacity?: CapacityTally };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

// One function's sandbox, as one Lambda execution environment: its own module state and its own
// process.env (the worker's `env`), loading the handler module once and serving every invocation.
const { root, handler, functionName, timeoutMs, countCapacity } = workerData as FunctionWorkerData;
const port = parentPort as NonNullable<typeof parentPort>;
const loaded = import(pathToFileURL(resolve(root, handler)).href).then(
  (module: { handler: Handler }) => module.handler,
);
// A module that fails to load fails each invocation (below), not the worker before its first one.
loaded.catch(() => undefined);
const capacity = countCapacity
  ? Promise.all([import('../../bench/capacity.js'), import('../../shared/storage/dynamo.js')]).then(
      ([{ countCapacity: count }, { dynamo }]) => count(dynamo()),
    )
  : undefined;

port.on('message', async ({ id, event }: Invocation) => {
  let outcome: InvocationOutcome;
  const counter = await capacity;
  try {
    outcome = { id, result: await (await loaded)(event, lambdaContext(functionName, timeoutMs)) };
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    outcome = { id, error: { name, message, ...(stack ? { stack } : {}) } };
  }
  if (counter) outcome.capacity = counter.take();
  try {
    port.postMessage(outcome);
  } catch (error) {
    // Lambda answers with JSON; a result that cannot cross the thread boundary would not survive that either.
    port.postMessage({ id, error: { name: 'InvalidResult', message: (error as Error).message } });
  }
});
