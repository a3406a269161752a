import { DATE_PATTERNS, matchDatePattern } from '../schema/values';

/** Calendar parts of a date-time; `zone` is minutes east of UTC. */
export interface DateParts {
  y: number;
  M: number;
  d: number;
  H: number;
  m: number;
  s: number;
  ms: number;
  zone: number;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * Formats date parts with a TR35 pattern (the subset inference records: y M d H m s S X and
 * quoted literals). Hand-written: `Intl.DateTimeFormat` takes no pattern strings.
 */
export function formatWithPattern(p: DateParts, pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i];
    if (ch === "'") {
      const j = pattern.indexOf("'", i + 1);
      out += j < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, j);
      i = j < 0 ? pattern.length : j + 1;
      continue;
    }
    let j = i;
    while (pattern[j] === ch) j++;
    const n = j - i;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(p.y % 100, 2) : pad(p.y, 4);
        break;
      case 'M':
        out += n >= 3 ? MONTH_NAMES[p.M - 1] : pad(p.M, n);
        break;
      case 'd':
        out += pad(p.d, n);
        break;
      case 'H':
        out += pad(p.H, n);
        break;
      case 'm':
        out += pad(p.m, n);
        break;
      case 's':
        out += pad(p.s, n);
        break;
      case 'S':
        out += pad(p.ms, 3).slice(0, n);
        break;
      case 'X':
        if (p.zone === 0) out += 'Z';
        else {
          const z = Math.abs(p.zone);
          out += `${p.zone < 0 ? '-' : '+'}${pad(Math.floor(z / 60), 2)}:${pad(z % 60, 2)}`;
        }
        break;
      default:
        out += ch.repeat(n);
    }
    i = j;
  }
  return out;
}

/** Finds the first known pattern the text is a valid value of. */
export function detectPattern(text: string): string | undefined {
  return DATE_PATTERNS.find((dp) => matchDatePattern(dp, text))?.pattern;
}

/** Parses text written in one of the known patterns into parts; undefined when it does not fit. */
export function parseWithPattern(text: string, pattern: string): DateParts | undefined {
  const dp = DATE_PATTERNS.find((d) => d.pattern === pattern);
  if (!dp || !matchDatePattern(dp, text)) return undefined;
  const m = dp.re.exec(text)!;
  const g = (k: keyof typeof dp.parts) => (dp.parts[k] !== undefined ? m[dp.parts[k]!] : undefined);
  let y = Number(g('y') ?? 1970);
  if (g('y')?.length === 2) y += y < 50 ? 2000 : 1900;
  const M = dp.parts.MMM !== undefined ? MONTH_NAMES.findIndex((n) => n.toLowerCase() === g('MMM')!.toLowerCase()) + 1 : Number(g('M') ?? 1);
  const zm = /([+-])(\d{2}):(\d{2})$/.exec(text);
  return {
    y,
    M,
    d: Number(g('d') ?? 1),
    H: Number(g('H') ?? 0),
    m: Number(g('m') ?? 0),
    s: Number(g('s') ?? 0),
    ms: 0,
    zone: zm ? (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3])) : 0,
  };
}

/** Days in a month (Gregorian). */
export function daysInMonth(y: number, M: number): number {
  return new Date(Date.UTC(y, M, 0)).getUTCDate();
}
