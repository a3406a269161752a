/** Empty handling and conversions. "Empty" = missing, null, white-space-only text, or an empty list. */
import { capString, wrongType } from './errors';
import { describe, isBlank } from './guard';

/** The first argument that is not empty; all empty → null. */
export function coalesce(...values: unknown[]): unknown {
  for (const v of values) if (!isBlank(v)) return v;
  return null;
}

export function isEmpty(v: unknown): boolean {
  return isBlank(v);
}

export function defaultIfEmpty(v: unknown, fallback: unknown): unknown {
  return isBlank(v) ? fallback : v;
}

/** Text form of a value: numbers and booleans as written, lists and objects as JSON; empty → null. */
export function toString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') return capString(JSON.stringify(v));
  throw wrongType(`toString() cannot convert ${describe(v)}`);
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', 'on', 'x', '✓']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', 'off']);

/**
 * true/false from the spellings systems use: true, t, yes, y, 1, on, x, ✓ (a ticked box) and
 * false, f, no, n, 0, off — any case, trimmed. Numbers: 1 → true, 0 → false. Anything else → null.
 */
export function toBoolean(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().toLowerCase();
  return TRUE.has(t) ? true : FALSE.has(t) ? false : null;
}
