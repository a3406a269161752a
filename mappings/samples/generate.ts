/**
 * Synthetic sample records from a field tree: realistic in shape and format, free of personal data
 * (names are drawn from common-name lists, contacts from reserved ranges, identifiers made up).
 */
import type { FieldNode, FieldTree, FieldType } from '../model/field-tree';
import { classifyField } from './classify';
import { daysInMonth, formatWithPattern, type DateParts } from './dates';
import { COUNTIES, FAMILY_NAMES, GIVEN_NAMES, INWARD_LETTERS, POSTCODE_AREAS, SDE_CODES, SEX_CODES, STREET_KINDS, STREET_STEMS, TITLES, TOWNS, VRM_LETTERS, WORDS } from './lists';
import { createRng, type Rng } from './prng';
import { semanticKind } from './semantics';

/** Code-list values by scheme id: plain codes or entries with a `code`. */
export type SampleCodeLists = Record<string, readonly (string | { code: string })[]>;

export interface GenerateOptions {
  count: number;
  /** Same seed, same tree → same records (default 1). */
  seed?: number | string;
  codeLists?: SampleCodeLists;
  /** Chance that an optional field is present (default 0.85). */
  presence?: number;
}

const TEXT_ORIGINS = new Set(['csv', 'tsv', 'xml', 'xsd']);

/**
 * Generates `count` synthetic records for a tree.
 * @example generateSamples(tree, { count: 10, seed: 42 })
 */
export function generateSamples(tree: FieldTree, options: GenerateOptions): unknown[] {
  const rng = createRng(options.seed ?? 1);
  // CSV and XML readers hand every value over as text, so their samples do too
  const asText = TEXT_ORIGINS.has(tree.origin);
  const ctx: Ctx = { rng, asText, codeLists: options.codeLists ?? {}, presence: options.presence ?? 0.85, seq: 0 };
  const out: unknown[] = [];
  for (let i = 0; i < options.count; i++) {
    ctx.seq = i + 1;
    ctx.person = undefined;
    out.push(objectOf(tree.fields, ctx));
  }
  return out;
}

interface Ctx {
  rng: Rng;
  asText: boolean;
  codeLists: SampleCodeLists;
  presence: number;
  seq: number;
  /** One invented person per record, so given name, family name and e-mail agree. */
  person?: { given: string; family: string };
}

function objectOf(fields: readonly FieldNode[], ctx: Ctx): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.cardinality === 'optional' && !ctx.rng.chance(ctx.presence)) continue;
    const v = valueOf(f, ctx);
    if (v !== undefined) obj[f.name] = v;
  }
  return obj;
}

function valueOf(f: FieldNode, ctx: Ctx): unknown {
  if (f.cardinality === 'many' || f.type === 'array') {
    const min = f.minOccurs ?? 0;
    const max = Math.min(f.maxOccurs ?? min + 3, Math.max(min, 1) + 3);
    const n = ctx.rng.int(Math.max(min, f.minOccurs === undefined ? 1 : min), Math.max(max, min));
    const item: FieldNode = { ...f, type: f.itemType ?? (f.children ? 'object' : 'string'), cardinality: 'one' };
    const items: unknown[] = [];
    for (let i = 0; i < n; i++) items.push(scalarOrObject(item, ctx));
    return items;
  }
  return scalarOrObject(f, ctx);
}

function scalarOrObject(f: FieldNode, ctx: Ctx): unknown {
  if (f.type === 'object' || (f.children && f.children.length)) return objectOf(f.children ?? [], ctx);
  const v = scalar(f, ctx);
  if (v === undefined || v === null) return v;
  return ctx.asText ? text(v, f) : v;
}

function text(v: unknown, f: FieldNode): string {
  if (typeof v === 'boolean') {
    // boolean patterns are `<true>|<false>` spellings as inferred (`Y|N`, `1|0`)
    const [yes = 'true', no = 'false'] = (f.pattern ?? 'true|false').split('|');
    return v ? yes : no;
  }
  return String(v);
}

function person(ctx: Ctx) {
  return (ctx.person ??= { given: ctx.rng.pick(GIVEN_NAMES), family: ctx.rng.pick(FAMILY_NAMES) });
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** A UK postcode of valid shape: area + district, space, digit + two inward letters. */
export function ukPostcode(rng: Rng): string {
  const area = rng.pick(POSTCODE_AREAS);
  const district = String(rng.int(1, area.length === 1 ? 99 : 29));
  return `${area}${district} ${rng.int(0, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
}

/** A current-format registration: two letters, age identifier, space, three letters (`AB12 CDE`). */
export function ukVrm(rng: Rng): string {
  const L = () => rng.pick([...VRM_LETTERS]);
  const year = rng.int(2, 25);
  const age = rng.chance(0.5) ? year : year + 50;
  return `${L()}${L()}${String(age).padStart(2, '0')} ${L()}${L()}${L()}`;
}

function randomDate(rng: Rng, fromYear: number, toYear: number, withTime: boolean): DateParts {
  const y = rng.int(fromYear, toYear);
  const M = rng.int(1, 12);
  return { y, M, d: rng.int(1, daysInMonth(y, M)), H: withTime ? rng.int(0, 23) : 0, m: withTime ? rng.int(0, 59) : 0, s: withTime ? rng.int(0, 59) : 0, ms: 0, zone: 0 };
}

/** Replaces letters and digits of an example with random ones, keeping case and punctuation. */
export function shapeLike(example: string, rng: Rng): string {
  let out = '';
  for (const ch of example) {
    if (/[0-9]/.test(ch)) out += String(rng.int(0, 9));
    else if (/[A-Z]/.test(ch)) out += String.fromCharCode(65 + rng.int(0, 25));
    else if (/[a-z]/.test(ch)) out += String.fromCharCode(97 + rng.int(0, 25));
    else out += ch;
  }
  return out;
}

function sentence(rng: Rng, words: number): string {
  const w: string[] = [];
  for (let i = 0; i < words; i++) w.push(rng.pick(WORDS));
  const s = w.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function scalar(f: FieldNode, ctx: Ctx): unknown {
  const { rng } = ctx;
  if (f.enum && f.enum.length) return rng.pick(f.enum);
  if (f.codeList && ctx.codeLists[f.codeList]?.length) {
    const e = rng.pick(ctx.codeLists[f.codeList]);
    return typeof e === 'string' ? e : e.code;
  }
  const type: FieldType = f.type === 'array' ? (f.itemType ?? 'string') : f.type;
  const kind = semanticKind({ ...f, type });
  const p = () => person(ctx);
  switch (type) {
    case 'boolean':
      return rng.chance(0.5);
    case 'date':
    case 'datetime':
    case 'time': {
      const parts = kind === 'dob' ? randomDate(rng, 1940, 2008, false) : randomDate(rng, 2015, 2025, type !== 'date');
      const pattern = f.pattern ?? (type === 'date' ? 'yyyy-MM-dd' : type === 'time' ? 'HH:mm:ss' : "yyyy-MM-dd'T'HH:mm:ssXXX");
      return formatWithPattern(parts, pattern);
    }
    case 'integer':
      if (kind === 'age') return rng.int(10, 90);
      if (f.examples?.length && typeof f.examples[0] === 'string' && /^\d+$/.test(f.examples[0] as string)) {
        const ex = f.examples[0] as string;
        return Number(shapeLike(ex.replace(/^0/, '1'), rng).replace(/^0+(?=\d)/, '')) || ctx.seq;
      }
      if (kind === 'id') return ctx.seq;
      return rng.int(0, 1000);
    case 'number':
      if (kind === 'lat') return Number((50 + rng.next() * 5.5).toFixed(6));
      if (kind === 'lon') return Number((-5 + rng.next() * 6.5).toFixed(6));
      return Number((rng.next() * 1000).toFixed(2));
    case 'null':
      return null;
    case 'any':
      return sentence(rng, 2);
    default:
      break;
  }
  // strings
  switch (f.format) {
    case 'email':
      return `${p().given}.${p().family}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com';
    case 'uuid':
      return shapeLike('xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx', rng).replace(/[a-z]/g, (c) => 'abcdef'[c.charCodeAt(0) % 6]);
    case 'uri':
      return `https://example.org/${rng.int(1, 99999)}`;
    case 'date':
      return formatWithPattern(randomDate(rng, 2015, 2025, false), 'yyyy-MM-dd');
    case 'date-time':
      return formatWithPattern(randomDate(rng, 2015, 2025, true), "yyyy-MM-dd'T'HH:mm:ssXXX");
  }
  switch (kind) {
    case 'given':
      return p().given;
    case 'family':
      return p().family;
    case 'fullName':
      return `${p().given} ${p().family}`;
    case 'title':
      return rng.pick(TITLES);
    case 'postcode':
      return ukPostcode(rng);
    case 'vrm':
      return ukVrm(rng);
    case 'phone':
      return `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
    case 'email':
      return `${p().given}.${p().family}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com';
    case 'street':
      return `${rng.pick(STREET_STEMS)} ${rng.pick(STREET_KINDS)}`;
    case 'addressLine':
      return `${rng.int(1, 180)} ${rng.pick(STREET_STEMS)} ${rng.pick(STREET_KINDS)}`;
    case 'town':
      return rng.pick(TOWNS);
    case 'county':
      return rng.pick(COUNTIES);
    case 'sex':
      return rng.pick(SEX_CODES);
    case 'ethnicity':
      return rng.pick(SDE_CODES);
    case 'dob':
      return formatWithPattern(randomDate(rng, 1940, 2008, false), f.pattern ?? 'yyyy-MM-dd');
    case 'age':
      return String(rng.int(10, 90));
    case 'lat':
      return (50 + rng.next() * 5.5).toFixed(6);
    case 'lon':
      return (-5 + rng.next() * 6.5).toFixed(6);
    case 'freeText':
      return sentence(rng, rng.int(4, 12));
    default:
      break;
  }
  const examples = (f.examples ?? []).filter((e): e is string => typeof e === 'string');
  // observed values are reused only for fields that cannot hold personal data (codes, categories)
  if (examples.length && classifyField(f) === 'none' && kind !== 'id' && examples.every((e) => e.length <= 40)) return rng.pick(examples);
  if (examples.length) return shapeLike(rng.pick(examples), rng);
  if (kind === 'id') return `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${digits(rng, 6)}`;
  return rng.pick(WORDS);
}
