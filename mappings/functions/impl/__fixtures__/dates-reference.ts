/**
 * dates.ts as it was before its fast paths (ISO shapes read without the regex, arithmetic
 * daysInMonth, padding, civil-date isoUtc, the last-parse cache, the single-candidate toUtc): the
 * straightforward reference that `dates.test.ts` compares the fast code with on generated input.
 * Never edited to make a test pass.
 */
/* eslint-disable */
/**
 * Date functions. Dates travel as ISO-8601 text: `2024-03-05`, `2024-03-05T14:30:00`,
 * `2024-03-05T13:30:00Z`. Patterns are Unicode TR35 style (the same letters the field tree records
 * in `FieldNode.pattern`): yyyy yy y, MMMM MMM MM M, dd d, EEEE EEE (weekday, ignored when parsing),
 * HH H hh h a, mm m, ss s, S… (fraction), XXX XX X (offset or Z), 'quoted text'.
 * Nothing here reads the clock: results depend only on the inputs, so bundles are reproducible.
 */
import { badArgument, wrongType } from '../errors';
import { describe, isBlank, numberArg, textArg } from '../guard';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

type Tok = { t: 'lit'; v: string } | { t: 'field'; letter: string; n: number };

const LETTERS = new Set(['y', 'M', 'd', 'E', 'H', 'h', 'm', 's', 'S', 'a', 'X']);

function tokenise(pattern: string): Tok[] | string {
  const out: Tok[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ t: 'lit', v: "'" });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) return 'unterminated quoted text';
      out.push({ t: 'lit', v: pattern.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.has(c)) return `unknown pattern letter '${c}' (quote literal text, e.g. 'T')`;
      let n = 1;
      while (pattern[i + n] === c) n++;
      out.push({ t: 'field', letter: c, n });
      i += n;
      continue;
    }
    out.push({ t: 'lit', v: c });
    i++;
  }
  return out;
}

interface Compiled {
  re: RegExp;
  fields: { letter: string; n: number }[];
  has: Set<string>;
}

const cache = new Map<string, Compiled | string>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

function compile(pattern: string): Compiled | string {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const toks = tokenise(pattern);
  let result: Compiled | string;
  if (typeof toks === 'string') result = toks;
  else {
    let src = '^';
    const fields: Compiled['fields'] = [];
    const has = new Set<string>();
    let problem: string | undefined;
    for (const tok of toks) {
      if (tok.t === 'lit') {
        src += escapeRe(tok.v);
        continue;
      }
      const { letter, n } = tok;
      if (has.has(letter)) problem = `'${letter}' appears twice`;
      has.add(letter);
      fields.push({ letter, n });
      switch (letter) {
        case 'y':
          src += n === 2 ? '(\\d{2})' : n === 4 ? '(\\d{4})' : '(\\d{1,4})';
          break;
        case 'M':
          src += n >= 3 ? '([A-Za-z]{3,9})' : n === 2 ? '(\\d{2})' : '(\\d{1,2})';
          break;
        case 'E':
          src += '([A-Za-z]{3,9})';
          break;
        case 'a':
          src += '([AaPp]\\.?[Mm]\\.?)';
          break;
        case 'S':
          src += '(\\d{1,9})';
          break;
        case 'X':
          src += '(Z|[+-]\\d{2}(?::?\\d{2})?)';
          break;
        default:
          src += n === 2 ? '(\\d{2})' : '(\\d{1,2})';
      }
    }
    if (!problem && has.has('h') !== has.has('a')) problem = "12-hour 'h' needs 'a' (AM/PM), and 'a' needs 'h'";
    if (!problem && has.has('H') && has.has('h')) problem = "use either 'H' or 'h'";
    result = problem ?? { re: new RegExp(`${src}$`, 'i'), fields, has };
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, result);
  return result;
}

/**
 * Why a date pattern is unusable, or undefined. With `needFullDate`, the pattern must contain a
 * year, a month and a day (parseDate); otherwise any valid pattern passes (partialDate, formatDate).
 */
export function datePatternProblem(pattern: string, needFullDate = false): string | undefined {
  if (pattern === 'ISO') return undefined;
  const c = compile(pattern);
  if (typeof c === 'string') return c;
  if (!c.fields.length) return 'the pattern has no date or time letters';
  if (needFullDate && !(c.has.has('y') && c.has.has('M') && c.has.has('d'))) return "a full date needs year (y), month (M) and day (d); use partialDate for month or year only";
  return undefined;
}

export interface DateParts {
  y: number;
  M?: number;
  d?: number;
  H?: number;
  m?: number;
  s?: number;
  ms?: number;
  /** `Z` or `+01:00`. */
  offset?: string;
  precision: 'year' | 'month' | 'day' | 'minute' | 'second';
}

const DEFAULT_PIVOT = 2029;

function daysInMonth(y: number, M: number): number {
  return new Date(Date.UTC(y, M, 0)).getUTCDate();
}

function monthFromName(s: string): number | undefined {
  const l = s.toLowerCase();
  if (l === 'sept') return 9;
  const i = MONTHS.findIndex((m) => (l.length === 3 ? m.startsWith(l) : m === l));
  return i < 0 ? undefined : i + 1;
}

function normOffset(o: string): string | undefined {
  if (o.toUpperCase() === 'Z') return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(o);
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? '0');
  if (h > 14 || mi > 59) return undefined;
  return `${m[1]}${m[2]}:${m[3] ?? '00'}`;
}

const ISO_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

function validate(p: DateParts): DateParts | null {
  if (p.y < 1 || p.y > 9999) return null;
  if (p.M !== undefined && (p.M < 1 || p.M > 12)) return null;
  if (p.d !== undefined && (p.M === undefined || p.d < 1 || p.d > daysInMonth(p.y, p.M))) return null;
  if (p.H !== undefined && (p.H < 0 || p.H > 23)) return null;
  if (p.m !== undefined && (p.m < 0 || p.m > 59)) return null;
  if (p.s !== undefined && (p.s < 0 || p.s > 59)) return null;
  return p;
}

/** Parses ISO-8601 text (`2024`, `2024-03`, `2024-03-05`, `2024-03-05T14:30[:00[.000]][Z|±hh:mm]`). */
export function parseIsoParts(s: string): DateParts | null {
  const m = ISO_RE.exec(s.trim());
  if (!m) return null;
  const p: DateParts = { y: Number(m[1]), precision: 'year' };
  if (m[2]) {
    p.M = Number(m[2]);
    p.precision = 'month';
  }
  if (m[3]) {
    p.d = Number(m[3]);
    p.precision = 'day';
  }
  if (m[4]) {
    p.H = Number(m[4]);
    p.m = Number(m[5]);
    p.precision = 'minute';
  }
  if (m[6]) {
    p.s = Number(m[6]);
    p.precision = 'second';
  }
  if (m[7]) p.ms = Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (m[8]) {
    const o = normOffset(m[8]);
    if (!o) return null;
    p.offset = o;
  }
  return validate(p);
}

function parseWith(text: string, pattern: string, pivot: number): DateParts | null {
  if (pattern === 'ISO') return parseIsoParts(text);
  const c = compile(pattern);
  if (typeof c === 'string') throw badArgument(`Invalid date pattern '${pattern}': ${c}`);
  const m = c.re.exec(text);
  if (!m) return null;
  const p: DateParts = { y: 0, precision: 'year' };
  let pm: boolean | undefined;
  let h12: number | undefined;
  for (let i = 0; i < c.fields.length; i++) {
    const { letter, n } = c.fields[i];
    const v = m[i + 1];
    switch (letter) {
      case 'y': {
        let y = Number(v);
        if (n === 2) {
          // Two-digit years fall in the 100 years ending at the pivot year.
          const base = pivot - 99;
          y = base + ((((y - base) % 100) + 100) % 100);
        }
        p.y = y;
        break;
      }
      case 'M': {
        const month = n >= 3 ? monthFromName(v) : Number(v);
        if (month === undefined) return null;
        p.M = month;
        break;
      }
      case 'd':
        p.d = Number(v);
        break;
      case 'E':
        if (!DAYS.some((d) => d === v.toLowerCase() || d.slice(0, 3) === v.toLowerCase())) return null;
        break;
      case 'H':
        p.H = Number(v);
        break;
      case 'h':
        h12 = Number(v);
        break;
      case 'a':
        pm = v[0].toLowerCase() === 'p';
        break;
      case 'm':
        p.m = Number(v);
        break;
      case 's':
        p.s = Number(v);
        break;
      case 'S':
        p.ms = Number(v.slice(0, 3).padEnd(3, '0'));
        break;
      case 'X': {
        const o = normOffset(v);
        if (!o) return null;
        p.offset = o;
        break;
      }
    }
  }
  if (h12 !== undefined) {
    if (h12 < 1 || h12 > 12) return null;
    p.H = (h12 % 12) + (pm ? 12 : 0);
  }
  if (!c.has.has('y')) return null;
  p.precision = c.has.has('s') ? 'second' : p.H !== undefined ? 'minute' : c.has.has('d') ? 'day' : c.has.has('M') ? 'month' : 'year';
  if (p.H !== undefined) {
    p.m ??= 0;
  }
  return validate(p);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

/** ISO text of parts at their precision. Times always carry seconds. */
export function formatIso(p: DateParts): string {
  let s = pad4(p.y);
  if (p.M === undefined) return s;
  s += `-${pad2(p.M)}`;
  if (p.d === undefined) return s;
  s += `-${pad2(p.d)}`;
  if (p.H === undefined) return s;
  s += `T${pad2(p.H)}:${pad2(p.m ?? 0)}:${pad2(p.s ?? 0)}`;
  if (p.ms) s += `.${String(p.ms).padStart(3, '0')}`;
  return s + (p.offset ?? '');
}

function patternsArg(patterns: unknown, fn: string, fallback: readonly string[]): readonly string[] {
  if (patterns === null || patterns === undefined) return fallback;
  if (typeof patterns === 'string') return [patterns];
  if (Array.isArray(patterns) && patterns.every((p) => typeof p === 'string')) return patterns as string[];
  throw wrongType(`${fn}(): patterns must be text or a list of text, not ${describe(patterns)}`);
}

function pivotArg(v: unknown): number {
  const n = numberArg(v, 'parseDate');
  if (n === null) return DEFAULT_PIVOT;
  if (!Number.isInteger(n) || n < 1100 || n > 9999) throw badArgument(`parseDate(): pivot year must be a four-digit year, not ${n}`);
  return n;
}

/** UK-first defaults when no pattern is given: ISO, then day-first forms. */
export const DEFAULT_DATE_PATTERNS = [
  'ISO', 'dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy HH:mm', 'd/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'd MMM yyyy', 'd MMMM yyyy', 'EEE d MMM yyyy',
] as const;

/**
 * Parses a date or date-time with an explicit pattern (or a list, first match wins) into ISO text:
 * `2024-02-29` or `2024-02-29T14:30:00` (with the offset when the pattern has one).
 * Impossible dates (31/02), unmatched text and empty input give null — never an exception.
 */
export function parseDate(v: unknown, patterns?: unknown, pivotYear?: unknown): string | null {
  const s = textArg(v, 'parseDate');
  const list = patternsArg(patterns, 'parseDate', DEFAULT_DATE_PATTERNS);
  const pivot = pivotArg(pivotYear);
  for (const p of list) {
    const problem = datePatternProblem(p, true);
    if (problem) throw badArgument(`parseDate(): invalid date pattern '${p}': ${problem}`);
  }
  if (s === null) return null;
  const text = s.trim();
  for (const p of list) {
    const parts = parseWith(text, p, pivot);
    if (parts && parts.d !== undefined) return formatIso(parts);
  }
  return null;
}

export const PARTIAL_DATE_PATTERNS = [
  'ISO', 'dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy HH:mm', 'd/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'd MMM yyyy', 'd MMMM yyyy',
  'M/yyyy', 'M-yyyy', 'MMM yyyy', 'MMMM yyyy', 'MMM-yyyy', 'yyyy/MM', 'yyyy',
] as const;

export interface FuzzyDate {
  value: string;
  precision: 'year' | 'month' | 'day' | 'minute' | 'second';
}

/**
 * A FuzzyDate `{ value, precision }` from a full or partial date: `2024` → year, `03/2024` or
 * `Mar 2024` → month, `05/03/2024` → day, with a time → minute or second.
 */
export function partialDate(v: unknown, patterns?: unknown): FuzzyDate | null {
  const s = textArg(v, 'partialDate');
  const list = patternsArg(patterns, 'partialDate', PARTIAL_DATE_PATTERNS);
  if (s === null) return null;
  const text = s.trim();
  for (const p of list) {
    const parts = parseWith(text, p, DEFAULT_PIVOT);
    if (!parts) continue;
    const precision = parts.precision;
    let value = formatIso(parts);
    if (precision === 'minute') value = value.replace(/(T\d{2}:\d{2}):00(?=$|Z|[+-])/, '$1');
    return { value, precision };
  }
  return null;
}

/**
 * Excel serial day number (1900 date system) → ISO date, or date-time when there is a fraction.
 * Excel counts 29 February 1900, which never existed: serials 1–59 are 1900-01-01…1900-02-28,
 * 60 is that phantom day (→ null), 61 onwards are shifted back by one.
 */
export function excelDate(v: unknown): string | null {
  const serial = numberArg(v, 'excelDate');
  if (serial === null || serial < 1 || serial >= 2958466) return null;
  const day = Math.floor(serial);
  if (day === 60) return null;
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const secs = Math.round((serial - day) * 86400);
  const d = new Date(base + day * 86400000 + secs * 1000);
  const iso = d.toISOString();
  return secs === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

// ---- time zones -------------------------------------------------------------------------------
// Intl.DateTimeFormat with `timeZone` is used because it carries the IANA rules in every modern
// JavaScript engine (Node's full ICU, browsers) — no tz database to ship or keep current, pure, and
// the same answer in the app, the CLI and a bundle run with plain `node`.

const zones = new Map<string, Intl.DateTimeFormat>();

function zone(tz: string, fn: string): Intl.DateTimeFormat {
  let f = zones.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    } catch {
      throw badArgument(`${fn}(): unknown time zone '${tz}' (use an IANA name such as Europe/London)`);
    }
    zones.set(tz, f);
  }
  return f;
}

/**
 * Zone offsets by formatter and UTC hour. `formatToParts` costs tens of microseconds and toUtc
 * needs three or four calls, which made it the top frame of whole-mapping profiles (see
 * BENCHMARKS.md). An hour's offset is cached only when it is the same at the hour's first and last
 * millisecond, i.e. no transition falls inside it; hours with a transition are always computed.
 * Offsets are whole seconds, so `utcMs + offset` is exactly what the uncached path returns.
 */
const hourOffsets = new WeakMap<Intl.DateTimeFormat, Map<number, number | null>>();
const HOUR = 3600000;

/** Wall-clock time in `tz` at a UTC instant, expressed as milliseconds "as if UTC". */
function wallClock(f: Intl.DateTimeFormat, utcMs: number): number {
  let cache = hourOffsets.get(f);
  if (!cache) hourOffsets.set(f, (cache = new Map()));
  const hour = Math.floor(utcMs / HOUR);
  let offset = cache.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR;
    const end = start + HOUR - 1;
    const a = wallClockExact(f, start) - start;
    offset = a === wallClockExact(f, end) - end ? a : null;
    if (cache.size >= 100000) cache.clear();
    cache.set(hour, offset);
  }
  return offset === null ? wallClockExact(f, utcMs) : utcMs + offset;
}

function wallClockExact(f: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (utcMs % 1000 + 1000) % 1000;
}

function partsToMs(p: DateParts): number {
  const y = p.y;
  const ms = Date.UTC(y, (p.M ?? 1) - 1, p.d ?? 1, p.H ?? 0, p.m ?? 0, p.s ?? 0, p.ms ?? 0);
  // Date.UTC maps years 0–99 to 1900–1999
  return y < 100 ? new Date(ms).setUTCFullYear(y) : ms;
}

function offsetMs(o: string): number {
  if (o === 'Z') return 0;
  const sign = o[0] === '-' ? -1 : 1;
  return sign * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6))) * 60000;
}

function isoUtc(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, 19)}Z` : s;
}

function dateTimeArg(v: unknown, fn: string): DateParts | null {
  const s = textArg(v, fn);
  if (s === null) return null;
  const p = parseIsoParts(s);
  if (!p || p.d === undefined) return null;
  return p;
}

/**
 * Local wall-clock date-time in an IANA zone (default Europe/London) → UTC ISO text (`…Z`).
 * Daylight saving, following JavaScript Temporal's `compatible` rule by default:
 * a time in the spring-forward gap (2024-03-31 01:30 in London does not exist) moves forward by
 * the gap (→ 01:30Z, i.e. 02:30 BST); an ambiguous time in the autumn overlap (2024-10-27 01:30
 * happens twice) takes the earlier instant (BST, → 00:30Z). `disambiguation` may be `earlier`,
 * `later` or `reject` (null for gap and overlap times). Text that already carries an offset or Z is
 * converted directly. A date without a time means midnight local time.
 */
export function toUtc(v: unknown, tz: unknown = 'Europe/London', disambiguation: unknown = 'compatible'): string | null {
  const p = dateTimeArg(v, 'toUtc');
  const zoneName = tz === null || tz === undefined ? 'Europe/London' : String(textArg(tz, 'toUtc'));
  const mode = disambiguation ?? 'compatible';
  if (!['compatible', 'earlier', 'later', 'reject'].includes(mode as string)) {
    throw badArgument(`toUtc(): disambiguation must be compatible, earlier, later or reject, not ${String(mode)}`);
  }
  const f = zone(zoneName, 'toUtc');
  if (p === null) return null;
  const local = partsToMs(p);
  if (p.offset) return isoUtc(local - offsetMs(p.offset));
  // Offsets a day either side: transitions are never closer together than that.
  const before = wallClock(f, local - 86400000) - (local - 86400000);
  const after = wallClock(f, local + 86400000) - (local + 86400000);
  const candidates = [...new Set([local - before, local - after])].filter((u) => wallClock(f, u) === local).sort((a, b) => a - b);
  if (candidates.length === 1) return isoUtc(candidates[0]);
  if (mode === 'reject') return null;
  if (candidates.length > 1) return isoUtc(mode === 'later' ? candidates[candidates.length - 1] : candidates[0]);
  // In a gap: `compatible`/`later` use the offset before the jump (lands after the gap).
  return isoUtc(mode === 'earlier' ? local - after : local - before);
}

/**
 * UTC (or any offset) date-time → local wall-clock time in an IANA zone with its offset, e.g.
 * `2024-07-01T12:00:00Z` → `2024-07-01T13:00:00+01:00` in Europe/London.
 */
export function fromUtc(v: unknown, tz: unknown = 'Europe/London'): string | null {
  const p = dateTimeArg(v, 'fromUtc');
  const zoneName = tz === null || tz === undefined ? 'Europe/London' : String(textArg(tz, 'fromUtc'));
  const f = zone(zoneName, 'fromUtc');
  if (p === null) return null;
  const utc = partsToMs(p) - (p.offset ? offsetMs(p.offset) : 0);
  const wall = wallClock(f, utc);
  const off = Math.round((wall - utc) / 60000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const s = new Date(wall).toISOString();
  const body = s.endsWith('.000Z') ? s.slice(0, 19) : s.slice(0, 23);
  return `${body}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * Formats ISO text with a pattern (same letters as parseDate). Formats the date and time as written
 * (no zone conversion; use fromUtc first). Fields the input lacks (a time on a date-only value)
 * format as zero. Invalid input → null.
 */
export function formatDate(v: unknown, pattern: unknown): string | null {
  if (typeof pattern !== 'string') throw badArgument('formatDate(): the pattern must be text');
  const toks = tokenise(pattern);
  if (typeof toks === 'string') throw badArgument(`formatDate(): invalid date pattern '${pattern}': ${toks}`);
  const s = textArg(v, 'formatDate');
  if (s === null) return null;
  const p = parseIsoParts(s);
  if (!p) return null;
  const M = p.M ?? 1;
  const d = p.d ?? 1;
  const H = p.H ?? 0;
  let out = '';
  for (const t of toks) {
    if (t.t === 'lit') {
      out += t.v;
      continue;
    }
    const n = t.n;
    switch (t.letter) {
      case 'y':
        out += n === 2 ? pad2(p.y % 100) : pad4(p.y);
        break;
      case 'M':
        out += n >= 4 ? cap(MONTHS[M - 1]) : n === 3 ? cap(MONTHS[M - 1]).slice(0, 3) : n === 2 ? pad2(M) : String(M);
        break;
      case 'd':
        out += n === 2 ? pad2(d) : String(d);
        break;
      case 'E': {
        const day = DAYS[new Date(Date.UTC(p.y, M - 1, d)).getUTCDay()];
        out += n >= 4 ? cap(day) : cap(day).slice(0, 3);
        break;
      }
      case 'H':
        out += n === 2 ? pad2(H) : String(H);
        break;
      case 'h': {
        const h = H % 12 === 0 ? 12 : H % 12;
        out += n === 2 ? pad2(h) : String(h);
        break;
      }
      case 'a':
        out += H < 12 ? 'AM' : 'PM';
        break;
      case 'm':
        out += n === 2 ? pad2(p.m ?? 0) : String(p.m ?? 0);
        break;
      case 's':
        out += n === 2 ? pad2(p.s ?? 0) : String(p.s ?? 0);
        break;
      case 'S':
        out += String(p.ms ?? 0).padStart(3, '0').slice(0, n).padEnd(n, '0');
        break;
      case 'X':
        out += p.offset ?? '';
        break;
    }
  }
  return out;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function dayArg(v: unknown, fn: string): DateParts | null {
  if (isBlank(v)) return null;
  // Accept a FuzzyDate object too, when it is precise to the day.
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { value?: unknown }).value === 'string') {
    v = (v as { value: string }).value;
  }
  const p = dateTimeArg(v, fn);
  return p && p.d !== undefined ? p : null;
}

/**
 * Age in whole years on a given date (no "today": results must not depend on when a bundle runs).
 * Someone born on 29 February reaches each age on 1 March in non-leap years. Missing or partial
 * dates, or a birth after `atDate`, give null.
 */
export function age(dob: unknown, atDate: unknown): number | null {
  const b = dayArg(dob, 'age');
  const a = dayArg(atDate, 'age');
  if (!b || !a) return null;
  let years = a.y - b.y;
  if (a.M! < b.M! || (a.M === b.M && a.d! < b.d!)) years--;
  return years < 0 ? null : years;
}

/** Whole days from `from` to `to` (negative when `to` is earlier); date-times use their date part. */
export function daysBetween(from: unknown, to: unknown): number | null {
  const a = dayArg(from, 'daysBetween');
  const b = dayArg(to, 'daysBetween');
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.y, b.M! - 1, b.d!) - Date.UTC(a.y, a.M! - 1, a.d!)) / 86400000);
}

/** The date part (`YYYY-MM-DD`) of an ISO date-time, as written (no zone conversion). */
export function dateOnly(v: unknown): string | null {
  const p = dateTimeArg(v, 'dateOnly');
  return p ? formatIso({ y: p.y, M: p.M, d: p.d, precision: 'day' }) : null;
}
