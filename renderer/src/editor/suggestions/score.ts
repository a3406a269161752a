/**
 * Mapping suggestions: source → target field pairs scored by name, synonym, type and the shape of
 * sample values, each with a confidence and the reasons behind it. Suggestions are only ever
 * proposed; the user accepts or dismisses them (never applied silently).
 *
 * Hand-written: a handful of heuristics over our own field tree, which no library covers.
 */
import type { FieldNode } from '../../../../mappings/model/field-tree';
import { typeMismatch, unloopedCollections } from '../graph/edits';
import type { LoopScope } from '../graph/walk';

export interface Suggestion {
  /** Absolute record path of the source field. */
  source: string;
  /** Path of the target field inside the entity (model path, `names[].family`). */
  target: string;
  /** 0..1. */
  confidence: number;
  reasons: string[];
}

/** Groups of names that mean the same in UK policing records (normalised: lower case, no separators). */
const SYNONYMS: string[][] = [
  ['dob', 'dateofbirth', 'birthdate', 'born', 'birthday'],
  ['forename', 'forenames', 'givenname', 'givennames', 'firstname', 'given', 'firstnames'],
  ['surname', 'familyname', 'lastname', 'family'],
  ['vrm', 'registration', 'regno', 'registrationnumber', 'numberplate', 'vehicleregistration', 'reg', 'vrn'],
  ['postcode', 'postalcode', 'zip', 'zipcode'],
  ['sex', 'gender'],
  ['crimeref', 'crimereference', 'crimenumber', 'crimeno', 'urn'],
  ['ethnicity', 'ethnicityselfdefined', 'selfdefinedethnicity', 'sde'],
  ['town', 'city', 'posttown', 'locality'],
  ['lat', 'latitude'],
  ['lon', 'lng', 'long', 'longitude'],
  ['description', 'summary', 'details', 'narrative'],
  ['make', 'manufacturer'],
  ['colour', 'color'],
];

/** `Date_Of-Birth` → `dateofbirth`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `dateOfBirth` / `date_of_birth` → [date, of, birth]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SYNONYM_OF = new Map<string, number>();
SYNONYMS.forEach((group, i) => group.forEach((n) => SYNONYM_OF.set(n, i)));

const SHAPES: { name: string; test: RegExp; targets: RegExp }[] = [
  { name: 'UK postcode', test: /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i, targets: /postcode|postal/i },
  { name: 'vehicle registration', test: /^[A-Z]{2}\d{2}\s?[A-Z]{3}$/i, targets: /vrm|registration|reg/i },
  { name: 'date', test: /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})$/, targets: /date|dob|birth|reported|occurred|recorded|from|to$/i },
];

function lastName(path: string): string {
  const seg = path.split('.').pop() ?? path;
  return seg.replace(/\[\]$/, '').replace(/^\["|"\]$/g, '');
}

/** The name of the object a field sits in (`offence` for `offence.code`), or undefined at the top. */
function parentName(path: string): string | undefined {
  const segs = path.split('.');
  return segs.length > 1 ? lastName(segs.slice(0, -1).join('.')) : undefined;
}

/**
 * Leaf names that say nothing on their own: every Coded value has a `code`, every name a `value`.
 * A match on one of these only counts when the objects they sit in match too, otherwise
 * `offence.code` would be offered for `age.band.code` and every other code in the model.
 */
const GENERIC_NAMES = new Set(['code', 'label', 'value', 'id', 'name', 'scheme', 'type', 'text', 'description', 'status', 'kind', 'number', 'sourcecode', 'sourcelabel', 'sourcescheme']);

function nameScore(source: FieldNode, target: FieldNode): { score: number; reason: string } | null {
  const a = normaliseName(source.name);
  const b = normaliseName(target.name);
  if (!a || !b) return null;
  if (a === b) return { score: 0.9, reason: `same name “${target.name}”` };
  const ga = SYNONYM_OF.get(a);
  if (ga !== undefined && ga === SYNONYM_OF.get(b)) return { score: 0.85, reason: `“${source.name}” is a synonym of “${target.name}”` };
  const ta = new Set(nameTokens(source.name).map((t) => (SYNONYM_OF.has(t) ? `#${SYNONYM_OF.get(t)}` : t)));
  const tb = new Set(nameTokens(target.name).map((t) => (SYNONYM_OF.has(t) ? `#${SYNONYM_OF.get(t)}` : t)));
  const common = [...ta].filter((t) => tb.has(t)).length;
  const jaccard = common / (ta.size + tb.size - common || 1);
  if (jaccard >= 0.5) return { score: 0.45 + 0.35 * jaccard, reason: `names share “${[...ta].filter((t) => tb.has(t)).join(', ').replace(/#\d+/g, 'a synonym')}”` };
  if (b.length >= 4 && (a.includes(b) || b.includes(a))) return { score: 0.6, reason: `“${source.name}” contains “${target.name}”` };
  return null;
}

function leaves(fields: readonly FieldNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (fs: readonly FieldNode[]) => {
    for (const f of fs) {
      if (f.children?.length) walk(f.children);
      else out.push(f);
    }
  };
  walk(fields);
  return out;
}

/**
 * Scores every plausible pair and keeps the best source for each unmapped target field.
 * @param sourceFields the source tree (absolute record paths)
 * @param targetFields one entity's fields (paths relative to the entity)
 * @param mapped target paths that already have a rule (never suggested again)
 * @param chain the entity rule's loops (fields under other collections need a loop or aggregate)
 */
export function suggestMappings(
  sourceFields: readonly FieldNode[],
  targetFields: readonly FieldNode[],
  mapped: ReadonlySet<string>,
  chain: readonly LoopScope[] = [],
  minConfidence = 0.5,
): Suggestion[] {
  const sources = leaves(sourceFields);
  const best = new Map<string, Suggestion>();
  for (const t of leaves(targetFields)) {
    if (mapped.has(t.path)) continue;
    for (const s of sources) {
      const n = nameScore({ ...s, name: lastName(s.path) }, t);
      if (!n) continue;
      let score = n.score;
      const reasons = [n.reason];
      if (GENERIC_NAMES.has(normaliseName(t.name))) {
        const ps = parentName(s.path);
        const pt = parentName(t.path);
        const parents = ps && pt ? nameScore({ ...s, name: ps }, { ...t, name: pt }) : null;
        if (!parents) continue;
        score = Math.min(score, parents.score);
        reasons.push(`and they sit in matching objects (“${ps}”, “${pt}”)`);
      }
      const fromType = s.type === 'array' && s.itemType ? s.itemType : s.type;
      const toType = t.type === 'array' && t.itemType ? t.itemType : t.type;
      const problem = typeMismatch(fromType, toType);
      if (problem) {
        score *= 0.6;
        reasons.push(`needs a conversion (${problem.split(':')[0]})`);
      } else if (fromType === toType && fromType !== 'string') {
        score += 0.05;
        reasons.push(`both ${fromType}`);
      }
      const samples = (s.examples ?? []).filter((v): v is string => typeof v === 'string');
      for (const shape of SHAPES) {
        if (samples.length && samples.every((v) => shape.test.test(v.trim())) && shape.targets.test(t.path)) {
          score += 0.08;
          reasons.push(`sample values look like a ${shape.name}`);
        }
      }
      const extra = unloopedCollections(s.path, chain);
      if (extra.length && t.cardinality !== 'many') {
        score *= 0.5;
        reasons.push(`many values per record (through ${extra[0]}): needs a loop or an aggregate`);
      }
      score = Math.min(1, Math.round(score * 100) / 100);
      const prev = best.get(t.path);
      if (score >= minConfidence && (!prev || score > prev.confidence)) best.set(t.path, { source: s.path, target: t.path, confidence: score, reasons });
    }
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.target.localeCompare(b.target));
}
