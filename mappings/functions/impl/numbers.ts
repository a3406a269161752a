/** Number functions. */
import { badArgument } from './errors';
import { intArg, numberArg, textArg } from './guard';

const CURRENCY = /^(?:£|\$|€|GBP|EUR|USD)\s*|\s*(?:£|\$|€|GBP|EUR|USD)$/i;

/**
 * Reads a number from text as people write it: thousands separators (`1,250`), currency
 * (`£1,250.00`, `GBP 12`), a leading sign, accounting negatives in parentheses (`(42.50)` → -42.5),
 * surrounding spaces. Commas must group digits in threes; anything else (`12abc`, `1,25`) → null.
 * Numbers pass through; empty → null.
 */
export function parseNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = textArg(v, 'parseNumber');
  if (s === null) return null;
  let t = s.trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1].trim();
  }
  // One sign, before or after the currency symbol (`-£3.50`, `£-3.50`), never inside parentheses too.
  let signed = false;
  if (/^[-+]/.test(t) && !paren) {
    negative = t[0] === '-';
    signed = true;
    t = t.slice(1).trim();
  }
  t = t.replace(CURRENCY, '').trim();
  if (/^[-+]/.test(t) && !paren && !signed) {
    negative = t[0] === '-';
    t = t.slice(1).trim();
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(t) || t === '' || t === '.') return null;
  const n = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  return negative ? 0 - n : n;
}

/** Rounds half away from zero to `places` decimals (0–10), exactly for decimal input like 1.005. */
export function round(v: unknown, places?: unknown): number | null {
  const n = numberArg(v, 'round');
  if (n === null) return null;
  const p = intArg(places ?? 0, 'round', 'places') ?? 0;
  if (p < 0 || p > 10) throw badArgument(`round(): places must be 0 to 10, not ${p}`);
  // Shifting through the decimal text avoids binary artefacts (1.005 * 100 = 100.49999…).
  const shifted = Number(`${Math.abs(n)}e${p}`);
  const r = Number(`${Math.round(shifted)}e-${p}`);
  return n < 0 && r !== 0 ? 0 - r : r;
}

/** A whole number, dropping any fraction (towards zero); text is read with parseNumber. Not a number → null. */
export function toInteger(v: unknown): number | null {
  const n = typeof v === 'string' ? parseNumber(v) : numberArg(v, 'toInteger');
  if (n === null) return null;
  const t = Math.trunc(n);
  return t === 0 ? 0 : t;
}
