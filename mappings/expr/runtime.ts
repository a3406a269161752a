/**
 * Run-time helpers that compiled expressions (and the reference evaluator) call for every operation
 * whose plain-JavaScript meaning would be unsafe or surprising on hostile data. Standalone and pure:
 * exported bundles include this file through esbuild.
 *
 * Why each operation goes through a helper:
 * - `get` reads only OWN data properties of plain objects and arrays (and a string's length and
 *   characters), never getters, inherited members or functions — so even a key taken from the data
 *   (`a[k]` with k = "__proto__" or "constructor") cannot reach a prototype.
 * - `+`, templates and comparisons never call `toString`/`valueOf` on objects (JavaScript would), and
 *   concatenation is capped at `LIMITS.maxString` characters.
 * - Arithmetic with an empty operand gives an empty result instead of `NaN`; a non-finite result is
 *   an error rather than a silent `Infinity`.
 * - `===` treats a missing value (`undefined`) and `null` as the same empty value.
 */
import { capString, ExprRuntimeError, RUNTIME_CODES, wrongType } from '../functions/impl/errors';
import { describe, guardedGet } from '../functions/impl/guard';

function text(v: unknown, what: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw wrongType(`${what} cannot include ${describe(v)}; pick a field or use toString()`);
}

function num(op: string, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  throw wrongType(`\`${op}\` needs numbers, not ${describe(v)}; use parseNumber() for text`);
}

function finite(op: string, n: number): number {
  if (!Number.isFinite(n)) throw new ExprRuntimeError(RUNTIME_CODES.arithmetic, `\`${op}\` gave no finite result (division by zero or overflow)`);
  return n;
}

function arith(op: string, f: (x: number, y: number) => number) {
  return (a: unknown, b: unknown): number | null => {
    const x = num(op, a);
    const y = num(op, b);
    if (x === null || y === null) return null;
    return finite(op, f(x, y));
  };
}

function compare(op: string, f: (x: number | string, y: number | string) => boolean) {
  return (a: unknown, b: unknown): boolean => {
    if (a === null || a === undefined || b === null || b === undefined) return false;
    if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) return f(a, b);
    throw wrongType(`\`${op}\` cannot compare ${describe(a)} with ${describe(b)}`);
  };
}

/** The helpers object compiled expressions reach as `$rt`. Frozen so generated code cannot alter it. */
export const EXPR_RUNTIME = Object.freeze({
  /** Guarded member read: own data properties of plain objects/arrays, string length and characters. */
  get: guardedGet,
  add(a: unknown, b: unknown): unknown {
    if (typeof a === 'number' && typeof b === 'number') return finite('+', a + b);
    if (typeof a === 'string' || typeof b === 'string') return capString(text(a, 'Text') + text(b, 'Text'));
    if ((a === null || a === undefined || typeof a === 'number') && (b === null || b === undefined || typeof b === 'number')) return null;
    throw wrongType(`\`+\` needs numbers or text, not ${describe(a)} and ${describe(b)}`);
  },
  sub: arith('-', (x, y) => x - y),
  mul: arith('*', (x, y) => x * y),
  div: arith('/', (x, y) => x / y),
  mod: arith('%', (x, y) => x % y),
  pow: arith('**', (x, y) => x ** y),
  neg(a: unknown): number | null {
    const x = num('-', a);
    return x === null ? null : 0 - x;
  },
  pos(a: unknown): number | null {
    return num('+', a);
  },
  lt: compare('<', (x, y) => x < y),
  gt: compare('>', (x, y) => x > y),
  le: compare('<=', (x, y) => x <= y),
  ge: compare('>=', (x, y) => x >= y),
  eq(a: unknown, b: unknown): boolean {
    return (a === undefined ? null : a) === (b === undefined ? null : b);
  },
  ne(a: unknown, b: unknown): boolean {
    return (a === undefined ? null : a) !== (b === undefined ? null : b);
  },
  typeOf(a: unknown): string {
    return typeof a;
  },
  /** Untagged template: cooked string parts interleaved with values. */
  tpl(parts: readonly string[], values: readonly unknown[]): string {
    let s = parts[0];
    for (let i = 0; i < values.length; i++) {
      s = capString(s + text(values[i], 'A template') + parts[i + 1]);
    }
    return s;
  },
  /** Object literal from `[key, value, key, value…]`; defineProperty so no key can reach a setter. */
  obj(pairs: readonly unknown[]): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < pairs.length; i += 2) {
      Object.defineProperty(o, pairs[i] as string, { value: pairs[i + 1], enumerable: true, writable: true, configurable: true });
    }
    return o;
  },
});

export type ExprRuntime = typeof EXPR_RUNTIME;
