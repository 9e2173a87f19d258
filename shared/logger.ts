/**
 * Structured JSON logs, one line per entry, carrying the correlation id and route as keys.
 * Log lines carry ids, routes, counts and timings, never a request body or a personal field.
 *
 * Our own rather than Powertools Logger: importing Powertools cost ≈ 18 ms of every cold start
 * on the benchmark machine (docs/decisions.md #19), more than the whole budget above the SDK.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const levels = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
type Level = Exclude<keyof typeof levels, 'SILENT'>;
type Extra = Record<string, unknown> | Error;

const describeError = (error: Error) => ({ name: error.name, message: error.message, stack: error.stack });

type Keys = Record<string, unknown>;

export class JsonLogger {
  /** Keys outside any invocation (module scope, scripts). */
  private processKeys: Keys = {};
  /** Keys of the invocation being served: concurrent invocations in one process each keep their own. */
  private readonly invocationKeys = new AsyncLocalStorage<{ keys: Keys }>();

  constructor(
    private readonly service: string,
    /** Read at each entry, so a level set after import (tests, the local runtime) applies. */
    private readonly threshold: () => number,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  /**
   * Wraps a handler so that each call appends and removes keys in a scope of its own: the local
   * runtime serves many requests to one function at once, and a key appended by one must never
   * label another's lines. Inside the scope the process-wide keys still apply.
   */
  invocation<Args extends unknown[], Result>(handler: (...args: Args) => Result): (...args: Args) => Result {
    return (...args) => this.invocationKeys.run({ keys: {} }, () => handler(...args));
  }

  appendKeys(keys: Keys): void {
    const scope = this.invocationKeys.getStore();
    if (scope) scope.keys = { ...scope.keys, ...keys };
    else this.processKeys = { ...this.processKeys, ...keys };
  }

  removeKeys(names: string[]): void {
    const without = (keys: Keys) => Object.fromEntries(Object.entries(keys).filter(([name]) => !names.includes(name)));
    const scope = this.invocationKeys.getStore();
    if (scope) scope.keys = without(scope.keys);
    else this.processKeys = without(this.processKeys);
  }

  debug(message: string, extra?: Extra): void {
    this.log('DEBUG', message, extra);
  }
  info(message: string, extra?: Extra): void {
    this.log('INFO', message, extra);
  }
  warn(message: string, extra?: Extra): void {
    this.log('WARN', message, extra);
  }
  error(message: string, extra?: Extra): void {
    this.log('ERROR', message, extra);
  }

  private log(level: Level, message: string, extra: Extra | undefined): void {
    if (levels[level] < this.threshold()) return;
    const details = extra instanceof Error ? { error: describeError(extra) } : extra;
    this.write(
      JSON.stringify({
        level,
        message,
        timestamp: new Date().toISOString(),
        service: this.service,
        ...this.processKeys,
        ...this.invocationKeys.getStore()?.keys,
        ...details,
      }),
    );
  }
}

function threshold(name: string | undefined): number {
  const level = (name ?? 'INFO').toUpperCase();
  return level in levels ? levels[level as keyof typeof levels] : levels.INFO;
}

export const logger = new JsonLogger(process.env.SERVICE_NAME ?? 'credit-plus', () => threshold(process.env.LOG_LEVEL));
