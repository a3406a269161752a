/** Small statistics and timing helpers shared by the bench parts. */
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Prints the part's result as the last stdout line, for scripts/bench.mjs to collect. */
export function emit(result: unknown): void {
  process.stdout.write(`\nBENCH-RESULT ${JSON.stringify(result)}\n`);
}

export const quick = process.argv.includes('--quick');
