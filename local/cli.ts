import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Prints one line (or the usage) to stderr and exits: a CLI's answer to input it cannot use. */
export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/**
 * The local CLIs' argument parsing: strict (an unknown flag or a missing value prints the usage
 * and exits 2, never a stack trace) and `--help` printing the usage and exiting 0.
 */
export function parseCli<Options extends NonNullable<ParseArgsConfig['options']>>(usage: string, options: Options) {
  let parsed: ReturnType<typeof parseArgs<{ allowPositionals: true; strict: true; options: Options }>>;
  try {
    parsed = parseArgs({ allowPositionals: true, strict: true, options: { ...options } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`, 2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}
