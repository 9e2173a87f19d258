import { Worker } from 'node:worker_threads';
import type { CapacityTally } from '../../bench/capacity.js';
import type { DataAccess, ScenarioDefinition } from '../../shared/scenario.js';
import { functionEnvironment, type LocalPlatformConfig } from './environment.js';
import type { FunctionWorkerData, Invocation, InvocationOutcome } from './worker.js';

/** API Gateway gives up after 29 s, so routes get 20 s; subscribers 60 s (as infra sets them). */
const ROUTE_TIMEOUT_MS = 20_000;
const SUBSCRIBER_TIMEOUT_MS = 60_000;

interface LocalFunction {
  id: string;
  handler: string;
  environment: Record<string, string>;
  timeoutMs: number;
}

/** A function that failed without answering, as Lambda reports an unhandled error. */
export class FunctionError extends Error {
  constructor(
    readonly functionId: string,
    readonly errorName: string,
    message: string,
  ) {
    super(`${functionId} failed: ${errorName}: ${message}`);
  }
}

interface RunningWorker {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

export interface LocalFunctionsOptions {
  root: string;
  platform: LocalPlatformConfig;
  /** Each invocation reports the DynamoDB requests and capacity it used (the benchmark's cost section). */
  onCapacity?: (tally: CapacityTally) => void;
  onLog?: (line: string) => void;
}

/**
 * Every route and subscriber of the manifests as a local "Lambda": each runs in its own worker
 * thread (started at its first invocation, then reused), whose environment holds only what its
 * manifest `access` grants, and whose module state (clients, caches, logger keys) is its own.
 */
export function localFunctions(scenarios: readonly ScenarioDefinition[], options: LocalFunctionsOptions) {
  const functions = new Map<string, LocalFunction>();
  const define = (scenario: ScenarioDefinition, id: string, handler: string, access: DataAccess[], timeoutMs: number) =>
    functions.set(id, {
      id,
      handler,
      environment: functionEnvironment(scenario.id, access, options.platform),
      timeoutMs,
    });
  for (const scenario of scenarios) {
    for (const route of scenario.routes) define(scenario, route.id, route.handler, route.access, ROUTE_TIMEOUT_MS);
    for (const subscription of scenario.subscriptions)
      define(scenario, subscription.id, subscription.handler, subscription.access, SUBSCRIBER_TIMEOUT_MS);
  }
  const running = new Map<string, RunningWorker>();
  let nextId = 0;

  function start(fn: LocalFunction): RunningWorker {
    const data: FunctionWorkerData = {
      root: options.root,
      handler: fn.handler,
      functionName: fn.id,
      timeoutMs: fn.timeoutMs,
      countCapacity: options.onCapacity !== undefined,
    };
    // tsx loads the TypeScript handlers, under `npm start` and under Jest alike.
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: data,
      env: fn.environment,
      execArgv: ['--import', 'tsx'],
    });
    const entry: RunningWorker = { worker, pending: new Map() };
    worker.on('message', (outcome: InvocationOutcome) => {
      const waiting = entry.pending.get(outcome.id);
      entry.pending.delete(outcome.id);
      if (entry.pending.size === 0) worker.unref();
      if (outcome.capacity) options.onCapacity?.(outcome.capacity);
      if ('error' in outcome) {
        // A subscriber that lost a write race (DomainError) is retried by the bus, which logs it only
        // if it ends in the dead letters; a malformed event is one line; anything else keeps its stack.
        if (outcome.error.name === 'MalformedEvent') options.onLog?.(`${fn.id}: ${outcome.error.message}`);
        else if (outcome.error.name !== 'DomainError')
          options.onLog?.(`${fn.id}: ${outcome.error.stack ?? outcome.error.message}`);
        waiting?.reject(new FunctionError(fn.id, outcome.error.name, outcome.error.message));
      } else waiting?.resolve(outcome.result);
    });
    // A crashed environment fails what it was serving; the next invocation starts a fresh one, as Lambda does.
    const crashed = (error: Error) => {
      if (running.get(fn.id) === entry) running.delete(fn.id);
      for (const waiting of entry.pending.values()) waiting.reject(new FunctionError(fn.id, error.name, error.message));
      entry.pending.clear();
    };
    worker.on('error', crashed);
    worker.on('exit', (code) => crashed(new Error(`the function's worker exited with code ${code}`)));
    // An idle function keeps nothing alive; one serving an invocation does (see invoke).
    worker.unref();
    running.set(fn.id, entry);
    return entry;
  }

  return {
    /** Invokes a function by its manifest id with a Lambda event; resolves to what its handler returned. */
    invoke(functionId: string, event: unknown): Promise<unknown> {
      const fn = functions.get(functionId);
      if (!fn) return Promise.reject(new Error(`No function ${functionId} in the manifests`));
      const entry = running.get(functionId) ?? start(fn);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (entry.pending.size === 0) entry.worker.ref();
        entry.pending.set(id, { resolve, reject });
        const invocation: Invocation = { id, event };
        entry.worker.postMessage(invocation);
      });
    },
    /** Stops every function's worker. */
    async stop(): Promise<void> {
      const stopping = [...running.values()].map((entry) => entry.worker.terminate());
      running.clear();
      await Promise.all(stopping);
    },
  };
}

export type LocalFunctions = ReturnType<typeof localFunctions>;
