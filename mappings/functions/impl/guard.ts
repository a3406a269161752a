/**
 * Guarded reads and value helpers shared by the expression runtime and the list functions.
 * Standalone: no imports beyond `errors.ts`.
 */
import { wrongType } from './errors';

const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;
const INDEX = /^(0|[1-9]\d{0,8})$/;

/** True for `{}`-style data objects (prototype `Object.prototype` or `null`), never arrays or class instances. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === objectProto || proto === null;
}

/** Reads an own data property without invoking accessors; functions read as undefined. */
function ownData(obj: object, key: string): unknown {
  if (!hasOwn.call(obj, key)) return undefined;
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d || !('value' in d) || typeof d.value === 'function') return undefined;
  return d.value;
}

/**
 * The only way expressions read a member: own data properties of plain objects and arrays, and a
 * string's `length` and characters. Anything else (inherited members, getters, functions, keys
 * that are not text or whole numbers) reads as `undefined`, so no key from data reaches a prototype.
 */
export function guardedGet(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return undefined;
  let k: string;
  if (typeof key === 'string') k = key;
  else if (typeof key === 'number' && Number.isInteger(key) && key >= 0) k = String(key);
  else return undefined;
  if (typeof obj === 'string') {
    if (k === 'length') return obj.length;
    return INDEX.test(k) && Number(k) < obj.length ? obj[Number(k)] : undefined;
  }
  if (Array.isArray(obj)) {
    if (k === 'length') return obj.length;
    return INDEX.test(k) ? ownData(obj, k) : undefined;
  }
  if (isPlainObject(obj)) return ownData(obj, k);
  return undefined;
}

/** Empty means missing, null, text of only white space, or an empty list. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && !startsVisible(v) && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/**
 * True when text starts with a printable ASCII character (`!`…`~`), none of which is white space,
 * so `trim()` cannot make it empty: the common case decided without trimming.
 */
function startsVisible(s: string): boolean {
  const c = s.charCodeAt(0);
  return c > 32 && c < 127;
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** Text argument: empty → null; numbers and booleans become text; lists and objects are an error. */
export function textArg(v: unknown, fn: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return startsVisible(v) || v.trim() !== '' ? v : null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw wrongType(`${fn}() needs text, not ${describe(v)}`);
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i;

/** Number argument: empty → null; plain numeric text is accepted (CSV values arrive as text). */
export function numberArg(v: unknown, fn: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    if (v.trim() === '') return null;
    if (NUMERIC_TEXT.test(v)) return Number(v);
  }
  throw wrongType(`${fn}() needs a number, not ${describe(v)}${typeof v === 'string' ? ` ("${v.slice(0, 20)}")` : ''}; use parseNumber() for formatted text`);
}

/** Whole-number argument (e.g. a width or a count). */
export function intArg(v: unknown, fn: string, what: string): number | null {
  const n = numberArg(v, fn);
  if (n === null) return null;
  if (!Number.isInteger(n)) throw wrongType(`${fn}(): ${what} must be a whole number, not ${n}`);
  return n;
}

/** List argument: empty → null; a single non-list value counts as a one-item list. */
export function listArg(v: unknown): unknown[] | null {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? v : [v];
}
