import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliCommand {
  /** One line for `mapwright --help`. */
  summary: string;
  /** Full usage text for `mapwright <cmd> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** A usage error: printed with the command's name, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** Thin wrapper over node:util parseArgs that turns its errors into UsageErrors. */
export function parseCliArgs<T extends ParseArgsConfig['options']>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
}
