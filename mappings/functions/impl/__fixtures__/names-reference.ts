/**
 * names.ts as it was before its ASCII fast paths: the straightforward reference that
 * `text.test.ts` compares splitName with on generated names. Never edited to make a test pass.
 */
/* eslint-disable */
/** Personal-name functions for the free-text names found in police records. */
import { textArg } from '../guard';

export interface SplitName {
  title: string | null;
  given: string[];
  family: string | null;
}

/** Placeholders records use for "no name"; compared case-insensitively without dots/spaces. */
const UNKNOWN = new Set(['unknown', 'nk', 'n/k', 'notknown', 'na', 'n/a', 'unk', 'none', 'nil', '-', '?', 'refused', 'notgiven', 'nfa', 'xx', 'xxx']);

const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'master', 'dr', 'prof', 'professor', 'rev', 'revd', 'reverend', 'fr', 'father', 'sr', 'sister',
  'sir', 'dame', 'lord', 'lady', 'capt', 'captain', 'sgt', 'pc', 'dc', 'ds', 'di', 'dci', 'insp', 'supt', 'cllr', 'hon', 'rt hon',
]);

function isTitle(word: string): boolean {
  return TITLES.has(word.replace(/\.$/, '').toLowerCase());
}

const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER = /\p{Lu}/u;
const isAllCaps = (w: string) => HAS_UPPER.test(w) && !HAS_LOWER.test(w);

/**
 * Splits a full name into title, given names and family name. Understands
 * "SMITH, John Paul" (family first, comma), "Mrs Jane O'Neil" (leading title),
 * "John Paul SMITH" (the family name in capitals, which also works for "Jean DE LA CRUZ"),
 * otherwise the last word is the family name. A single word is a family name. Case is kept as
 * written (use titleCase). Placeholders such as "unknown", "N/K", "n/a" give null.
 */
export function splitName(v: unknown): SplitName | null {
  const s = textArg(v, 'splitName');
  if (s === null) return null;
  // A rule typically asks for several parts of the same name (`splitName(name).given`, `.family`,
  // `.title`, an emptiness test): the last answer is kept, frozen so that no caller can change what
  // the next one receives (5 calls per person in the example mapping; ~5% of its transform time).
  if (s === lastSplit.input) return lastSplit.result;
  const result = splitNameUncached(s);
  lastSplit.input = s;
  lastSplit.result = result ? Object.freeze({ ...result, given: Object.freeze(result.given) as string[] }) : null;
  return lastSplit.result;
}

const lastSplit: { input: string | undefined; result: SplitName | null } = { input: undefined, result: null };

function splitNameUncached(s: string): SplitName | null {
  const text = s.trim().replace(/\s+/g, ' ');
  if (UNKNOWN.has(text.toLowerCase().replace(/[.\s]/g, ''))) return null;
  let title: string | null = null;
  let given: string[];
  let family: string | null;
  const comma = text.indexOf(',');
  if (comma >= 0) {
    family = text.slice(0, comma).trim() || null;
    const rest = text.slice(comma + 1).trim().split(' ').filter(Boolean);
    if (rest.length && isTitle(rest[0])) title = rest.shift()!;
    else if (rest.length && isTitle(rest[rest.length - 1])) title = rest.pop()!;
    given = rest;
  } else {
    const words = text.split(' ');
    if (words.length > 1 && isTitle(words[0])) title = words.shift()!;
    const caps = words.map(isAllCaps);
    const mixed = words.some((w, i) => !caps[i] && HAS_LOWER.test(w));
    const firstCap = caps.indexOf(true);
    const lastCap = caps.lastIndexOf(true);
    const capsRun = firstCap > 0 && mixed && caps.slice(firstCap, lastCap + 1).every(Boolean) && lastCap === words.length - 1;
    if (capsRun) {
      family = words.slice(firstCap).join(' ');
      given = words.slice(0, firstCap);
    } else if (words.length === 1) {
      family = words[0];
      given = [];
    } else {
      family = words[words.length - 1];
      given = words.slice(0, -1);
    }
  }
  if (family !== null && UNKNOWN.has(family.toLowerCase().replace(/[.\s]/g, ''))) family = null;
  given = given.filter((g) => !UNKNOWN.has(g.toLowerCase().replace(/[.\s]/g, '')));
  if (title) title = title.replace(/\.$/, '');
  if (!family && !given.length) return null;
  return { title, given, family };
}

export function givenNames(v: unknown): string[] | null {
  const n = splitName(v);
  return n && n.given.length ? n.given : null;
}

export function familyName(v: unknown): string | null {
  return splitName(v)?.family ?? null;
}

export function nameTitle(v: unknown): string | null {
  return splitName(v)?.title ?? null;
}
