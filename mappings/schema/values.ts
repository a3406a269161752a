/**
 * Typing of text values (CSV cells, XML text and attributes, JSON strings): numbers, booleans and
 * dates in the UK and ISO spellings suppliers export. Patterns are Unicode TR35 style
 * (`dd/MM/yyyy HH:mm`, literal letters quoted: `yyyy-MM-dd'T'HH:mm:ssXXX`).
 */
import type { FieldType } from '../model/field-tree';

export interface DatePattern {
  pattern: string;
  type: 'date' | 'datetime' | 'time';
  re: RegExp;
  /** Indexes of the capture groups holding year, month, day, hour, minute, second (or -1). */
  parts: { y?: number; M?: number; d?: number; H?: number; m?: number; s?: number; MMM?: number };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MMM = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const D2 = '(\\d{2})';
const D12 = '(\\d{1,2})';
const Y4 = '(\\d{4})';
const ZONE = '(?:Z|[+-]\\d{2}:\\d{2})';

function p(pattern: string, type: DatePattern['type'], re: string, parts: DatePattern['parts'], flags = ''): DatePattern {
  return { pattern, type, re: new RegExp(`^${re}$`, flags), parts };
}

/** In order of preference: when several patterns fit every value, the first wins (UK before US). */
export const DATE_PATTERNS: readonly DatePattern[] = [
  p("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'datetime', `${Y4}-${D2}-${D2}T${D2}:${D2}:${D2}\\.\\d{1,9}${ZONE}`, { y: 1, M: 2, d: 3, H: 4, m: 5, s: 6 }),
  p("yyyy-MM-dd'T'HH:mm:ssXXX", 'datetime', `${Y4}-${D2}-${D2}T${D2}:${D2}:${D2}${ZONE}`, { y: 1, M: 2, d: 3, H: 4, m: 5, s: 6 }),
  p("yyyy-MM-dd'T'HH:mm:ss.SSS", 'datetime', `${Y4}-${D2}-${D2}T${D2}:${D2}:${D2}\\.\\d{1,9}`, { y: 1, M: 2, d: 3, H: 4, m: 5, s: 6 }),
  p("yyyy-MM-dd'T'HH:mm:ss", 'datetime', `${Y4}-${D2}-${D2}T${D2}:${D2}:${D2}`, { y: 1, M: 2, d: 3, H: 4, m: 5, s: 6 }),
  p("yyyy-MM-dd'T'HH:mm", 'datetime', `${Y4}-${D2}-${D2}T${D2}:${D2}`, { y: 1, M: 2, d: 3, H: 4, m: 5 }),
  p('yyyy-MM-dd HH:mm:ss', 'datetime', `${Y4}-${D2}-${D2} ${D2}:${D2}:${D2}`, { y: 1, M: 2, d: 3, H: 4, m: 5, s: 6 }),
  p('yyyy-MM-dd HH:mm', 'datetime', `${Y4}-${D2}-${D2} ${D2}:${D2}`, { y: 1, M: 2, d: 3, H: 4, m: 5 }),
  p('dd/MM/yyyy HH:mm:ss', 'datetime', `${D2}/${D2}/${Y4} ${D2}:${D2}:${D2}`, { d: 1, M: 2, y: 3, H: 4, m: 5, s: 6 }),
  p('dd/MM/yyyy HH:mm', 'datetime', `${D2}/${D2}/${Y4} ${D2}:${D2}`, { d: 1, M: 2, y: 3, H: 4, m: 5 }),
  p('d/M/yyyy H:mm', 'datetime', `${D12}/${D12}/${Y4} ${D12}:${D2}`, { d: 1, M: 2, y: 3, H: 4, m: 5 }),
  p('yyyy-MM-dd', 'date', `${Y4}-${D2}-${D2}`, { y: 1, M: 2, d: 3 }),
  p('dd/MM/yyyy', 'date', `${D2}/${D2}/${Y4}`, { d: 1, M: 2, y: 3 }),
  p('d/M/yyyy', 'date', `${D12}/${D12}/${Y4}`, { d: 1, M: 2, y: 3 }),
  p('dd/MM/yy', 'date', `${D2}/${D2}/${D2}`, { d: 1, M: 2, y: 3 }),
  p('d/M/yy', 'date', `${D12}/${D12}/${D2}`, { d: 1, M: 2, y: 3 }),
  p('dd-MM-yyyy', 'date', `${D2}-${D2}-${Y4}`, { d: 1, M: 2, y: 3 }),
  p('dd.MM.yyyy', 'date', `${D2}\\.${D2}\\.${Y4}`, { d: 1, M: 2, y: 3 }),
  p('yyyy/MM/dd', 'date', `${Y4}/${D2}/${D2}`, { y: 1, M: 2, d: 3 }),
  p('dd MMM yyyy', 'date', `${D2} ${MMM} ${Y4}`, { d: 1, MMM: 2, y: 3 }, 'i'),
  p('d MMM yyyy', 'date', `${D12} ${MMM} ${Y4}`, { d: 1, MMM: 2, y: 3 }, 'i'),
  p('dd-MMM-yyyy', 'date', `${D2}-${MMM}-${Y4}`, { d: 1, MMM: 2, y: 3 }, 'i'),
  p('dd-MMM-yy', 'date', `${D2}-${MMM}-${D2}`, { d: 1, MMM: 2, y: 3 }, 'i'),
  p('MM/dd/yyyy', 'date', `${D2}/${D2}/${Y4}`, { M: 1, d: 2, y: 3 }),
  p('yyyy-MM', 'date', `${Y4}-${D2}`, { y: 1, M: 2 }),
  p('MM/yyyy', 'date', `${D2}/${Y4}`, { M: 1, y: 2 }),
  p('HH:mm:ss', 'time', `${D2}:${D2}:${D2}`, { H: 1, m: 2, s: 3 }),
  p('HH:mm', 'time', `${D2}:${D2}`, { H: 1, m: 2 }),
];

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `text` is a valid value of the pattern (ranges checked, not just shape). */
export function matchDatePattern(dp: DatePattern, text: string): boolean {
  const m = dp.re.exec(text);
  if (!m) return false;
  const g = (k: keyof DatePattern['parts']) => (dp.parts[k] !== undefined ? m[dp.parts[k]!] : undefined);
  const month = dp.parts.MMM !== undefined ? MONTHS.indexOf(g('MMM')!.toLowerCase()) + 1 : g('M') !== undefined ? Number(g('M')) : 1;
  if (month < 1 || month > 12) return false;
  if (g('d') !== undefined) {
    const day = Number(g('d'));
    if (day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  }
  if (g('H') !== undefined && Number(g('H')) > 23) return false;
  if (g('m') !== undefined && Number(g('m')) > 59) return false;
  if (g('s') !== undefined && Number(g('s')) > 59) return false;
  return true;
}

export const INTEGER_RE = /^[+-]?(0|[1-9]\d*)$/;
const LEADING_ZERO_RE = /^0\d+$/;
const DECIMAL_RE = /^[+-]?(\d+\.\d*|\.\d+)$/;
const GROUPED_RE = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const TRUTHY = new Set(['true', 'yes', 'y', 't', '1']);
const BOOL_WORDS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f']);
const DATE_HINT = /\d[-/.: ]|[-/.: ]\d/;
const FORMATS: [string, RegExp, (s: string) => boolean][] = [
  ['email', /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/, (s) => s.includes('@')],
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, (s) => s.length === 36],
  ['uri', /^https?:\/\/\S+$/, (s) => s.charCodeAt(0) === 104],
  ['uk-postcode', /^(GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i, (s) => s.length >= 5 && s.length <= 8],
  ['uk-vrm', /^[A-Z]{2}\d{2} ?[A-Z]{3}$/i, (s) => s.length === 7 || s.length === 8],
];
/** Field names that suggest a yes/no flag, so a 0/1 column is boolean rather than a count. */
const FLAG_NAME = /^(is|has|was|can|should|flag)[A-Z_]|(^|[_\s-])(flag|indicator|ind|yn|active|deleted|enabled|verified|confirmed)$|(Flag|Indicator|YN)$/i;

/** Running statistics over the text values of one field; fixed size, so streaming stays bounded. */
export class TextStats {
  count = 0;
  integer = 0;
  leadingZero = 0;
  decimal = 0;
  grouped = 0;
  groupedFraction = 0;
  boolWord = 0;
  zeroOne = 0;
  /** Observed boolean spellings, e.g. `Y` `N`, in first-seen order. */
  boolSpellings = new Set<string>();
  dates = new Map<string, number>();
  formats = new Map<string, number>();
  /** JSON strings are only checked for dates and formats: `"123"` in JSON is deliberately a string. */
  constructor(readonly textTyping: boolean) {}

  add(text: string): void {
    this.count++;
    if (this.textTyping) {
      if (INTEGER_RE.test(text)) {
        this.integer++;
        if (text === '0' || text === '1') {
          this.zeroOne++;
          this.boolSpellings.add(text);
        }
      } else if (LEADING_ZERO_RE.test(text)) this.leadingZero++;
      else if (DECIMAL_RE.test(text)) this.decimal++;
      else if (GROUPED_RE.test(text)) {
        this.grouped++;
        if (text.includes('.')) this.groupedFraction++;
      }
      const lower = text.toLowerCase();
      if (BOOL_WORDS.has(lower)) {
        this.boolWord++;
        if (this.boolSpellings.size < 8) this.boolSpellings.add(text);
      }
    }
    // Cheap gates first: every date/time pattern has a separator and a digit, and a pattern that
    // has already failed on most values can no longer be chosen, so it stops being tried.
    if (text.length >= 5 && text.length <= 40 && DATE_HINT.test(text)) {
      for (const dp of DATE_PATTERNS) {
        const hits = this.dates.get(dp.pattern) ?? 0;
        if (this.count > 64 && hits * 2 < this.count - 1) continue;
        if (matchDatePattern(dp, text)) this.dates.set(dp.pattern, hits + 1);
      }
    }
    if (text.length <= 254) {
      for (const [name, re, gate] of FORMATS) {
        const hits = this.formats.get(name) ?? 0;
        if (this.count > 64 && hits * 2 < this.count - 1) continue;
        if (gate(text) && re.test(text)) this.formats.set(name, hits + 1);
      }
    }
  }

  /**
   * Picks the type all values agree on, in the order boolean, integer, number, date/time, string.
   * 0/1-only columns are boolean only when the name reads like a flag (`isActive`, `warning_flag`):
   * otherwise counts and codes would silently turn into booleans.
   */
  decide(fieldName: string): { type: FieldType; pattern?: string; format?: string; agreed: number; best?: { type: string; agreed: number } } {
    const n = this.count;
    if (n === 0) return { type: 'string', agreed: 0 };
    if (this.textTyping) {
      const boolTotal = this.boolWord + this.zeroOne;
      if (boolTotal === n && (this.boolWord > 0 || FLAG_NAME.test(fieldName)) && this.boolSpellings.size <= 6) {
        // pattern `<true>|<false>` with the first spelling seen of each, e.g. `Y|N`, `1|0`
        const spellings = [...this.boolSpellings];
        const yes = spellings.find((x) => TRUTHY.has(x.toLowerCase())) ?? 'true';
        const no = spellings.find((x) => !TRUTHY.has(x.toLowerCase())) ?? 'false';
        return { type: 'boolean', pattern: `${yes}|${no}`, agreed: n };
      }
      if (this.integer === n) return { type: 'integer', agreed: n };
      if (this.grouped > 0 && this.integer + this.decimal + this.grouped === n) {
        const fractional = this.decimal > 0 || this.groupedFraction > 0;
        return { type: fractional ? 'number' : 'integer', pattern: fractional ? '#,##0.###' : '#,##0', agreed: n };
      }
      if (this.integer + this.decimal === n) return { type: 'number', agreed: n };
    }
    for (const dp of DATE_PATTERNS) {
      if (this.dates.get(dp.pattern) === n) {
        return { type: dp.type, pattern: dp.pattern, agreed: n, ...(dp.type === 'datetime' && dp.pattern.includes("'T'") ? { format: 'date-time' } : dp.type === 'date' ? { format: 'date' } : {}) };
      }
    }
    for (const [name] of FORMATS) if (this.formats.get(name) === n) return { type: 'string', format: name, agreed: n };
    // nothing agreed: report the closest candidate so the user sees e.g. "998 of 1000 are integer"
    const cands: [string, number][] = [];
    if (this.textTyping) cands.push(['integer', this.integer], ['number', this.integer + this.decimal + this.grouped]);
    for (const [pat, c] of this.dates) cands.push([`date ${pat}`, c]);
    cands.sort((a, b) => b[1] - a[1]);
    const best = cands[0] && cands[0][1] >= n / 2 ? { type: cands[0][0], agreed: cands[0][1] } : undefined;
    return { type: 'string', agreed: n, ...(best ? { best } : {}) };
  }
}

/** Month number for a three-letter English month name (1–12), or 0. */
export function monthFromName(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Adds another field's statistics into `into` (used when XML simple and complex occurrences meet). */
export function mergeTextStats(into: TextStats, other: TextStats): void {
  into.count += other.count;
  into.integer += other.integer;
  into.leadingZero += other.leadingZero;
  into.decimal += other.decimal;
  into.grouped += other.grouped;
  into.groupedFraction += other.groupedFraction;
  into.boolWord += other.boolWord;
  into.zeroOne += other.zeroOne;
  for (const s of other.boolSpellings) into.boolSpellings.add(s);
  for (const [k, v] of other.dates) into.dates.set(k, (into.dates.get(k) ?? 0) + v);
  for (const [k, v] of other.formats) into.formats.set(k, (into.formats.get(k) ?? 0) + v);
}
