/**
 * Structured JSON logs, one line per entry, carrying the correlation id and route as keys.
 * Log lines carry ids, routes, counts and timings, never a request body or a personal field.
 *
 * Our own rather than Powertools Logger: importing Powertools cost ≈ 18 ms of every cold start
 * on the benchmark machine (docs/decisions.md #19), more than the whole budget above the SDK.
 */
const levels = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
type Level = Exclude<keyof typeof levels, 'SILENT'>;
type Extra = Record<string, unknown> | Error;

const describeError = (error: Error) => ({ name: error.name, message: error.message, stack: error.stack });

export class JsonLogger {
  private keys: Record<string, unknown> = {};

  constructor(
    private readonly service: string,
    /** Read at each entry, so a level set after import (tests, the local runtime) applies. */
    private readonly threshold: () => number,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  appendKeys(keys: Record<string, unknown>): void {
    this.keys = { ...this.keys, ...keys };
  }

  removeKeys(names: string[]): void {
    this.keys = Object.fromEntries(Object.entries(this.keys).filter(([name]) => !names.includes(name)));
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
        ...this.keys,
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
