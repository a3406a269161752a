/**
 * Host-side logging. Everything goes to stderr: the browser host's stdout carries exactly one line
 * (the ready URL) that scripts and tests parse.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`[mapwright] ${m}\n`),
  warn: (m) => process.stderr.write(`[mapwright] warning: ${m}\n`),
  error: (m, err) =>
    process.stderr.write(`[mapwright] error: ${m}${err ? `\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}` : ''}\n`),
};

/** A logger that keeps messages in memory, for tests that assert something was (or was not) logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m, err) => lines.push(`error ${m}${err instanceof Error ? `: ${err.message}` : ''}`),
  };
}
