/** Text functions. Empty input (missing, null, white space only) gives null unless stated. */
import { badArgument, capString, checkLength, ExprRuntimeError, LIMITS, RUNTIME_CODES, wrongType } from './errors';
import { describe, intArg, isBlank, listArg, textArg } from './guard';
import { regexProblem } from './regex-safety';

export function trim(v: unknown): string | null {
  const s = textArg(v, 'trim');
  return s === null ? null : s.trim();
}

/** Trims and turns every run of white space (incl. tabs, newlines, non-breaking spaces) into one space. */
export function collapseSpaces(v: unknown): string | null {
  const s = textArg(v, 'collapseSpaces');
  return s === null ? null : s.trim().replace(/\s+/g, ' ');
}

export function upper(v: unknown): string | null {
  const s = textArg(v, 'upper');
  return s === null ? null : capString(s.toUpperCase());
}

export function lower(v: unknown): string | null {
  const s = textArg(v, 'lower');
  return s === null ? null : capString(s.toLowerCase());
}

/**
 * Name-aware title case: each word, and each part after a hyphen or apostrophe, starts with a
 * capital (`o'neil-smith` → `O'Neil-Smith`); `Mc` prefixes capitalise the next letter (`McDonald`).
 * `Mac` is left alone because it is ambiguous (MacDonald, but Mack, Macey).
 */
export function titleCase(v: unknown): string | null {
  const s = textArg(v, 'titleCase');
  if (s === null) return null;
  const t = s.trim().toLowerCase();
  return asciiTitleCase(t) ?? t
    .replace(/(^|[\s\-'’‘(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/\b(Mc)(\p{Ll})/gu, (_m, mc: string, ch: string) => mc + ch.toUpperCase());
}

/**
 * titleCase's two replacements for lower-case ASCII text, in one pass over the character codes
 * (towns and surnames are nearly always ASCII; the Unicode regexes with a callback per word cost
 * several times more). Undefined for any other text, which takes the regex path. In ASCII,
 * `\p{L}` is a–z, `\s` is space and \t\n\v\f\r, and `\b` before `M` means a start or a
 * character outside [A-Za-z0-9_].
 */
function asciiTitleCase(t: string): string | undefined {
  const n = t.length;
  let codes: number[] | undefined;
  let prevSep = true;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x80) return undefined;
    if (prevSep && c >= 97 && c <= 122) (codes ??= toCodes(t))[i] = c - 32;
    prevSep = c === 32 || (c >= 9 && c <= 13) || c === 45 || c === 39 || c === 40;
  }
  if (codes === undefined) return t;
  // `Mc` + lower-case letter after a word boundary: the next letter becomes a capital. The `M` can
  // only be a capital made above, so it follows a separator or the start (both word boundaries).
  for (let i = 0; i + 2 < n; i++) {
    if (codes[i] === 77 && codes[i + 1] === 99 && codes[i + 2] >= 97 && codes[i + 2] <= 122 && (i === 0 || !isWordCode(codes[i - 1]))) {
      codes[i + 2] -= 32;
      i += 2;
    }
  }
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

function toCodes(t: string): number[] {
  const codes = new Array<number>(t.length);
  for (let i = 0; i < t.length; i++) codes[i] = t.charCodeAt(i);
  return codes;
}

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

export function split(v: unknown, sep: unknown): string[] {
  const s = textArg(v, 'split');
  if (s === null) return [];
  const d = typeof sep === 'string' ? sep : textArg(sep, 'split');
  if (d === null || d === '') throw badArgument('split(): the separator must not be empty');
  const parts = s.split(d);
  if (parts.length > LIMITS.maxArray) throw new ExprRuntimeError(RUNTIME_CODES.tooLarge, `split() would make ${parts.length} items, over the limit of ${LIMITS.maxArray}`);
  return parts;
}

function itemText(item: unknown, fn: string): string | null {
  if (item === null || item === undefined || item === '') return null;
  if (typeof item === 'string') return item;
  if (typeof item === 'number' || typeof item === 'boolean') return String(item);
  throw wrongType(`${fn}() cannot include ${describe(item)}`);
}

/** Joins the non-empty items; empty list → null. */
export function join(list: unknown, sep: unknown = ''): string | null {
  const items = listArg(list);
  if (items === null) return null;
  const d = sep === null || sep === undefined ? '' : typeof sep === 'string' ? sep : String(itemText(sep, 'join') ?? '');
  const parts: string[] = [];
  let len = 0;
  for (const item of items) {
    const t = itemText(item, 'join');
    if (t === null) continue;
    len += t.length + (parts.length ? d.length : 0);
    checkLength(len, 'join() result');
    parts.push(t);
  }
  return parts.length ? parts.join(d) : null;
}

/** Literal (not regex) replace of every occurrence. */
export function replace(v: unknown, find: unknown, replacement: unknown): string | null {
  const s = textArg(v, 'replace');
  if (s === null) return null;
  const f = typeof find === 'string' ? find : textArg(find, 'replace');
  if (!f) return s;
  const r = typeof replacement === 'string' ? replacement : (textArg(replacement, 'replace') ?? '');
  const count = s.split(f).length - 1;
  checkLength(s.length + count * (r.length - f.length), 'replace() result');
  return s.split(f).join(r);
}

const compiled = new Map<string, RegExp>();

/**
 * Compiles a pattern after re-checking it for backtracking safety. The checker already refused
 * unsafe literal patterns; re-checking here keeps the guarantee for code that bypassed it.
 */
function regex(pattern: unknown, flags: unknown, fn: string, global: boolean): RegExp {
  if (typeof pattern !== 'string') throw badArgument(`${fn}(): the pattern must be text`);
  const f = flags === null || flags === undefined ? '' : String(flags);
  const key = `${global ? 'g' : ''}${f}/${pattern}`;
  let re = compiled.get(key);
  if (re) {
    re.lastIndex = 0;
    return re;
  }
  const problem = regexProblem(pattern, f);
  if (problem) throw badArgument(`${fn}(): ${problem.kind === 'unsafe' ? 'unsafe' : 'invalid'} pattern /${pattern}/ (${problem.reason})`);
  re = new RegExp(pattern, (global ? 'g' : '') + f);
  if (compiled.size > 500) compiled.clear();
  compiled.set(key, re);
  return re;
}

function regexInput(v: unknown, fn: string): string | null {
  const s = textArg(v, fn);
  if (s !== null && s.length > LIMITS.maxRegexInput) {
    throw new ExprRuntimeError(RUNTIME_CODES.tooLarge, `${fn}(): text is ${s.length} characters, over the limit of ${LIMITS.maxRegexInput} for regular expressions`);
  }
  return s;
}

export function regexTest(v: unknown, pattern: unknown, flags?: unknown): boolean {
  const re = regex(pattern, flags, 'regexTest', false);
  const s = regexInput(v, 'regexTest');
  return s === null ? false : re.test(s);
}

/** The first match (or a numbered/named group of it); no match → null. */
export function regexExtract(v: unknown, pattern: unknown, group?: unknown, flags?: unknown): string | null {
  const re = regex(pattern, flags, 'regexExtract', false);
  const s = regexInput(v, 'regexExtract');
  if (s === null) return null;
  const m = re.exec(s);
  if (!m) return null;
  if (group === null || group === undefined) return m[0];
  if (typeof group === 'number') return m[group] ?? null;
  if (typeof group === 'string') return m.groups?.[group] ?? null;
  throw badArgument('regexExtract(): group must be a number or a group name');
}

/** Replaces every match; `$1`, `$<name>` and `$&` in the replacement refer to groups. */
export function regexReplace(v: unknown, pattern: unknown, replacement: unknown, flags?: unknown): string | null {
  const re = regex(pattern, flags, 'regexReplace', true);
  const s = regexInput(v, 'regexReplace');
  if (s === null) return null;
  const r = typeof replacement === 'string' ? replacement : (textArg(replacement, 'regexReplace') ?? '');
  // Bound the result before building it: each match adds at most the replacement text plus, per
  // `$` reference in it, a copy of the input.
  let matches = 0;
  for (const _m of s.matchAll(re)) matches++;
  const perMatch = r.length + (r.split('$').length - 1) * s.length;
  checkLength(s.length + matches * perMatch, 'regexReplace() result');
  re.lastIndex = 0;
  return capString(s.replace(re, r));
}

function pad(fn: string, start: boolean, v: unknown, width: unknown, fill: unknown): string | null {
  if (isBlank(v)) return null;
  const s = textArg(v, fn) as string;
  const w = intArg(width, fn, 'width');
  if (w === null) return s;
  checkLength(w, `${fn}() result`);
  const f = fill === null || fill === undefined ? ' ' : String(textArg(fill, fn) ?? ' ');
  return start ? s.padStart(w, f) : s.padEnd(w, f);
}

export function padStart(v: unknown, width: unknown, fill?: unknown): string | null {
  return pad('padStart', true, v, width, fill);
}

export function padEnd(v: unknown, width: unknown, fill?: unknown): string | null {
  return pad('padEnd', false, v, width, fill);
}

/** Characters from `start` up to (not including) `end`; negative positions count from the end. */
export function substring(v: unknown, start: unknown, end?: unknown): string | null {
  const s = textArg(v, 'substring');
  if (s === null) return null;
  const a = intArg(start, 'substring', 'start') ?? 0;
  const b = end === undefined || end === null ? undefined : (intArg(end, 'substring', 'end') ?? undefined);
  const r = s.slice(a, b);
  return r === '' ? null : r;
}

/** Length of text or of a list; empty → 0. */
export function length(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v).length;
  throw wrongType(`length() needs text or a list, not ${describe(v)}`);
}

/** Joins values with no separator, skipping empty ones; all empty → null. */
export function concat(...values: unknown[]): string | null {
  return join(values, '');
}

/** Text contains a part (optionally ignoring case), or a list contains an item. */
export function contains(v: unknown, part: unknown, ignoreCase?: unknown): boolean {
  if (Array.isArray(v)) {
    if (ignoreCase === true && typeof part === 'string') return v.some((x) => typeof x === 'string' && x.toLowerCase() === part.toLowerCase());
    return v.some((x) => x === part);
  }
  const s = textArg(v, 'contains');
  const p = textArg(part, 'contains');
  if (s === null || p === null) return false;
  return ignoreCase === true ? s.toLowerCase().includes(p.toLowerCase()) : s.includes(p);
}

export function startsWith(v: unknown, prefix: unknown): boolean {
  const s = textArg(v, 'startsWith');
  const p = textArg(prefix, 'startsWith');
  return s !== null && p !== null && s.startsWith(p);
}

export function endsWith(v: unknown, suffix: unknown): boolean {
  const s = textArg(v, 'endsWith');
  const p = textArg(suffix, 'endsWith');
  return s !== null && p !== null && s.endsWith(p);
}

/** Keeps only the digits 0–9 (phone numbers, references); nothing left → null. */
export function digitsOnly(v: unknown): string | null {
  const s = textArg(v, 'digitsOnly');
  if (s === null) return null;
  const d = s.replace(/[^0-9]/g, '');
  return d === '' ? null : d;
}
