/**
 * Redaction of real sample records before they are shared: values of fields in the chosen
 * data-protection classes (or named explicitly) are replaced by made-up values of the same shape.
 * Replacement is keyed on the original value and the seed, so the same input always masks to the
 * same output (joins between records keep working) and nothing of the input survives.
 */
import type { DataProtectionClass, FieldNode, FieldTree } from '../model/field-tree';
import { classifyField } from './classify';
import { daysInMonth, detectPattern, formatWithPattern, parseWithPattern } from './dates';
import { FAMILY_NAMES, GIVEN_NAMES, STREET_KINDS, STREET_STEMS, TOWNS, WORDS } from './lists';
import { createRng, hash32, type Rng } from './prng';
import { semanticKind } from './semantics';
import { shapeLike, ukPostcode, ukVrm } from './generate';

export interface RedactOptions {
  /** Classes to mask (default personal and special-category). */
  classes?: DataProtectionClass[];
  /** Field paths to mask whatever their class (tree paths, e.g. `persons[].notes`). */
  fields?: string[];
  /** Key for the replacements (default 0): the same seed gives the same masks. */
  seed?: number | string;
}

/** Per-field counts of what was masked, for the report shown before sharing. */
export interface RedactionReport {
  masked: Record<string, number>;
}

/**
 * Masks records by class or field; records keep their shape (keys, types, formats, rough lengths).
 * @example redactRecords(rows, tree, { classes: ['personal', 'special-category'] })
 */
export function redactRecords(records: readonly unknown[], tree: FieldTree, options: RedactOptions = {}, report?: RedactionReport): unknown[] {
  const r = createRedactor(tree, options, report);
  return records.map((rec) => r(rec));
}

/** A reusable redactor for streaming: call it on each record in turn. */
export function createRedactor(tree: FieldTree, options: RedactOptions = {}, report?: RedactionReport): (record: unknown) => unknown {
  const classes = new Set(options.classes ?? ['personal', 'special-category']);
  const explicit = new Set((options.fields ?? []).map(stripMany));
  const seed = String(options.seed ?? 0);
  const selected = (node: Pick<FieldNode, 'name' | 'path' | 'dataProtection'>) => explicit.has(stripMany(node.path ?? node.name)) || classes.has(classifyField(node));
  const count = (path: string) => {
    if (report) report.masked[path] = (report.masked[path] ?? 0) + 1;
  };

  const maskValue = (v: unknown, node: FieldNode): unknown => {
    if (v === null || v === undefined) return v;
    if (Array.isArray(v)) return v.map((x) => maskValue(x, node));
    if (typeof v === 'object') {
      // a selected object: mask every leaf inside it
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const child = node.children?.find((c) => c.name === k) ?? { path: `${node.path}.${k}`, name: k, type: 'any', cardinality: 'optional' };
        out[k] = maskValue(x, child as FieldNode);
      }
      return out;
    }
    count(node.path);
    const rng = createRng(`${seed}\u0000${node.name}\u0000${typeof v}\u0000${String(v)}`);
    return maskScalar(v as string | number | boolean, node, rng, seed);
  };

  const walk = (value: unknown, fields: readonly FieldNode[] | undefined, parentPath: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((x) => walk(x, fields, parentPath));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // a key the tree does not describe is judged by its name, so nothing slips through unclassified
      const node = fields?.find((f) => f.name === k) ?? ({ path: parentPath ? `${parentPath}.${k}` : k, name: k, type: inferType(v), cardinality: 'optional' } as FieldNode);
      if (selected(node)) out[k] = maskValue(v, node);
      else if (v !== null && typeof v === 'object') out[k] = walk(v, node.children, node.path);
      else out[k] = v;
    }
    return out;
  };
  return (record) => walk(record, tree.fields, '');
}

function stripMany(path: string): string {
  return path.replace(/\[\]/g, '');
}

function inferType(v: unknown): FieldNode['type'] {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      return 'string';
  }
}

function maskScalar(v: string | number | boolean, node: FieldNode, rng: Rng, seed: string): string | number | boolean {
  if (typeof v === 'boolean') return v; // a yes/no carries no identity on its own; masking it would only break shape checks
  if (typeof v === 'number') {
    const kind = semanticKind({ name: node.name, type: Number.isInteger(v) ? 'integer' : 'number' });
    if (kind === 'age') return Math.max(0, Math.round(v / 10) * 10 + rng.int(-4, 4));
    if (Number.isInteger(v)) return Number(shapeLike(String(Math.abs(v)), rng).replace(/^0+(?=\d)/, '')) * Math.sign(v || 1);
    return Number((v * (0.5 + rng.next())).toFixed(String(v).split('.')[1]?.length ?? 2));
  }
  const text = v;
  if (text === '') return text;
  // dates: keep the year, move day and month, same pattern
  const pattern = node.pattern && parseWithPattern(text, node.pattern) ? node.pattern : detectPattern(text);
  if (pattern) {
    const parts = parseWithPattern(text, pattern)!;
    if (pattern.includes('d') || pattern.includes('M')) {
      parts.M = pattern.includes('M') ? rng.int(1, 12) : parts.M;
      parts.d = pattern.includes('d') ? rng.int(1, daysInMonth(parts.y, parts.M)) : parts.d;
      if (pattern.includes('H')) {
        parts.H = rng.int(0, 23);
        parts.m = rng.int(0, 59);
      }
      return formatWithPattern(parts, pattern);
    }
    return text;
  }
  const kind = semanticKind({ name: node.name, type: 'string', format: node.format });
  const keyed = (list: readonly string[]) => list[hash32(`${seed}\u0000${text}`) % list.length];
  switch (kind) {
    case 'given':
      return matchCase(keyed(GIVEN_NAMES), text);
    case 'family':
      return matchCase(keyed(FAMILY_NAMES), text);
    case 'fullName':
      return matchCase(`${keyed(GIVEN_NAMES)} ${FAMILY_NAMES[hash32(`${text}\u0000${seed}`) % FAMILY_NAMES.length]}`, text);
    case 'postcode':
      return matchCase(ukPostcode(rng), text);
    case 'vrm':
      return matchCase(ukVrm(rng), text).replace(' ', text.includes(' ') ? ' ' : '');
    case 'email':
      return `${shapeLike(text.split('@')[0], rng).toLowerCase()}@example.com`;
    case 'phone': {
      // keep the trunk/country prefix so the number still reads as a UK mobile or landline
      const keep = /^(\+44\s?7?|07|0)/.exec(text)?.[0] ?? '';
      return keep + shapeLike(text.slice(keep.length), rng);
    }
    case 'street':
      return `${rng.pick(STREET_STEMS)} ${rng.pick(STREET_KINDS)}`;
    case 'addressLine':
      return /\d/.test(text) ? `${rng.int(1, 180)} ${rng.pick(STREET_STEMS)} ${rng.pick(STREET_KINDS)}` : `${rng.pick(STREET_STEMS)} ${rng.pick(STREET_KINDS)}`;
    case 'town':
      return keyed(TOWNS);
    default:
      break;
  }
  // free text: every word becomes a filler word of similar length; punctuation and spacing stay
  if (/\s/.test(text.trim()) || kind === 'freeText') {
    return text.replace(/[A-Za-z0-9']+/g, (w) => {
      const near = WORDS.filter((x) => Math.abs(x.length - w.length) <= 1);
      const pick = near.length ? rng.pick(near) : rng.pick(WORDS);
      return /^[A-Z]/.test(w) ? pick.charAt(0).toUpperCase() + pick.slice(1) : pick;
    });
  }
  // identifiers, codes and everything else: same shape, new characters
  return shapeLike(text, rng);
}

function matchCase(replacement: string, original: string): string {
  if (original === original.toUpperCase() && /[A-Z]/.test(original)) return replacement.toUpperCase();
  if (original === original.toLowerCase() && /[a-z]/.test(original)) return replacement.toLowerCase();
  return replacement;
}
