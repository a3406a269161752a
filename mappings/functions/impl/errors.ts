/**
 * Run-time failures of expressions and library functions. Standalone (exported bundles include
 * this file through esbuild), so it does not import the diagnostics catalogue; the codes are
 * registered there by `mappings/expr/codes.ts` and the runtime turns the error into a reject.
 */

/** An expression or library function failed on this record's data. */
export class ExprRuntimeError extends Error {
  /** An MW49xx code from `mappings/expr/codes.ts`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ExprRuntimeError';
    this.code = code;
  }
}

/** Limits shared by the runtime helpers and the functions. */
export const LIMITS = {
  /** Longest string any expression or function may produce (characters). */
  maxString: 1_000_000,
  /** Longest array a function may produce. */
  maxArray: 100_000,
  /** Longest input a regex function accepts (characters); bounds backtracking on accepted patterns. */
  maxRegexInput: 10_000,
} as const;

export const RUNTIME_CODES = {
  tooLarge: 'MW4901',
  wrongType: 'MW4902',
  missingKey: 'MW4903',
  arithmetic: 'MW4904',
  badArgument: 'MW4905',
} as const;

/** Throws if a string result would exceed the cap. */
export function capString(s: string, what = 'Text'): string {
  if (s.length > LIMITS.maxString) {
    throw new ExprRuntimeError(RUNTIME_CODES.tooLarge, `${what} would be ${s.length} characters, over the limit of ${LIMITS.maxString}`);
  }
  return s;
}

/** Throws if a length about to be built exceeds the cap (checked before allocating). */
export function checkLength(n: number, what = 'Text'): void {
  if (!Number.isFinite(n) || n > LIMITS.maxString) {
    throw new ExprRuntimeError(RUNTIME_CODES.tooLarge, `${what} would be ${n} characters, over the limit of ${LIMITS.maxString}`);
  }
}

export function badArgument(message: string): ExprRuntimeError {
  return new ExprRuntimeError(RUNTIME_CODES.badArgument, message);
}

export function wrongType(message: string): ExprRuntimeError {
  return new ExprRuntimeError(RUNTIME_CODES.wrongType, message);
}
