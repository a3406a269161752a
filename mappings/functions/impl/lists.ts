/** List functions (the language has no loops or lambdas, so common list operations are functions). */
import { ExprRuntimeError, LIMITS, RUNTIME_CODES, wrongType } from './errors';
import { describe, guardedGet, isBlank, listArg, numberArg } from './guard';

export function first(list: unknown): unknown {
  const l = listArg(list);
  return l && l.length ? (l[0] ?? null) : null;
}

export function last(list: unknown): unknown {
  const l = listArg(list);
  return l && l.length ? (l[l.length - 1] ?? null) : null;
}

/** Number of non-empty items. */
export function count(list: unknown): number {
  const l = listArg(list);
  return l ? l.filter((x) => !isBlank(x)).length : 0;
}

/** Items without repeats (text, numbers and booleans compared by value), first occurrence kept; empties dropped. */
export function distinct(list: unknown): unknown[] {
  const l = listArg(list) ?? [];
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const x of l) {
    if (isBlank(x)) continue;
    const key = typeof x === 'object' ? JSON.stringify(x) : x;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(x);
  }
  return out;
}

/** The named field of every item (`pluck(persons, 'surname')`); items without it are skipped. */
export function pluck(list: unknown, field: unknown): unknown[] {
  if (typeof field !== 'string' && typeof field !== 'number') throw wrongType(`pluck() needs a field name, not ${describe(field)}`);
  const l = listArg(list) ?? [];
  const out: unknown[] = [];
  for (const item of l) {
    const v = guardedGet(item, field);
    if (v !== undefined && v !== null) out.push(v);
  }
  return out;
}

/** The list without empty items. */
export function compact(list: unknown): unknown[] {
  return (listArg(list) ?? []).filter((x) => !isBlank(x));
}

/** Sum of the numbers in a list (numeric text accepted, empties skipped); empty list → 0. */
export function sum(list: unknown): number {
  let total = 0;
  for (const x of listArg(list) ?? []) {
    const n = numberArg(x, 'sum');
    if (n !== null) total += n;
  }
  if (!Number.isFinite(total)) throw new ExprRuntimeError(RUNTIME_CODES.arithmetic, 'sum() overflowed');
  return total;
}

/** One level of nesting removed (`[[a, b], c]` → `[a, b, c]`). There is no `range` or `repeat`: nothing may build unbounded data. */
export function flatten(list: unknown): unknown[] {
  const out: unknown[] = [];
  for (const x of listArg(list) ?? []) {
    if (Array.isArray(x)) out.push(...x);
    else out.push(x);
    if (out.length > LIMITS.maxArray) throw new ExprRuntimeError(RUNTIME_CODES.tooLarge, `flatten() would make more than ${LIMITS.maxArray} items`);
  }
  return out;
}
