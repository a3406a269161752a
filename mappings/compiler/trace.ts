/**
 * Values on the graph: what each value node, field rule and entity/link rule produced for one
 * record, recorded by the reference interpreter (the compiled transform has no hooks, and adding
 * them would slow every production run). Property and golden tests hold the interpreter to the
 * compiled output, so the traced `result` is what the bundle would write for the record.
 *
 * Also maps target-schema validation errors (paths into the output document) back to the rule
 * that wrote the offending value, using the `provenance.ruleIds` every output entity carries.
 */
import type { EntityRule, FieldRule, LinkRule, MappingDocument } from '../document/types';
import type { TransformContext, TransformResult } from './compile';
import type { Interpreter, Tracer } from './interpret';

/** Values one node (or field rule) produced for a record: once, or once per loop iteration. */
export interface TracedValues {
  /** How many times it was evaluated for the record. */
  count: number;
  /** The first `TRACE_KEEP` values in evaluation order; `undefined` is an absent (empty) value. */
  values: unknown[];
}

export interface RecordTrace {
  /** The interpreter's result for the record (equal to the compiled transform's). */
  result: TransformResult;
  /** By value-node id (field reads, functions, value maps, expressions, constants…). */
  nodes: Record<string, TracedValues>;
  /** By field-rule id: the value the rule assigned to its target (before empty values are skipped). */
  fields: Record<string, TracedValues>;
  /** By entity/link rule id: instances made, and iterations skipped by `when` (or a missing link end). */
  rules: Record<string, { made: number; skipped: number; ids: string[] }>;
  /** By filter id: whether the record passed it (absent: not reached). */
  filters: Record<string, boolean>;
}

/** Values kept per node: enough to show a loop's first few iterations without copying a whole collection. */
export const TRACE_KEEP = 5;

function push(map: Record<string, TracedValues>, id: string, value: unknown): void {
  const t = (map[id] ??= { count: 0, values: [] });
  t.count++;
  if (t.values.length < TRACE_KEEP) t.values.push(value);
}

/**
 * Interprets one record and records every intermediate value.
 * @example
 * const interpreter = createInterpreter(doc, model);
 * const t = traceRecord(interpreter, record, { record: 3, joins });
 * t.nodes['n-dob'].values[0]; // the parsed date of birth, as the mapping computed it
 */
export function traceRecord(interpreter: Interpreter, record: unknown, ctx: TransformContext): RecordTrace {
  const nodes: RecordTrace['nodes'] = Object.create(null) as RecordTrace['nodes'];
  const fields: RecordTrace['fields'] = Object.create(null) as RecordTrace['fields'];
  const rules: RecordTrace['rules'] = Object.create(null) as RecordTrace['rules'];
  const filters: RecordTrace['filters'] = Object.create(null) as RecordTrace['filters'];
  const tracer: Tracer = {
    value: (id, v) => push(nodes, id, v),
    field: (_ruleId, fieldRuleId, v) => push(fields, fieldRuleId, v),
    instance(ruleId, made, id) {
      const r = (rules[ruleId] ??= { made: 0, skipped: 0, ids: [] });
      if (!made) r.skipped++;
      else {
        r.made++;
        if (id !== undefined && r.ids.length < TRACE_KEEP) r.ids.push(id);
      }
    },
    filter: (id, kept) => void (filters[id] = kept),
  };
  const result = interpreter.evaluateTraced(record, ctx, tracer);
  return { result, nodes, fields, rules, filters };
}

/** Where a validation error of an output document comes from. */
export interface ErrorSource {
  /** Entity or link rule id, or `root` for the document's own fields; absent when nothing matched. */
  ruleId?: string;
  /** Field rules whose target covers the error path (most specific first). */
  fieldRuleIds: string[];
  /** The error path inside the entity as a model path (`names[].family`), '' for the entity itself. */
  modelPath: string;
}

/** `names[0].family` / `identifiers[]` → segments with `*` for "any index". */
function targetSegments(target: string): string[] {
  const out: string[] = [];
  for (const part of target.split('.')) {
    const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].match(/\[\d*\]/g) ?? []) out.push(idx === '[]' ? '*' : idx.slice(1, -1));
  }
  return out;
}

const segMatch = (t: string, p: string) => t === '*' ? /^\d+$/.test(p) : t === p;

/** Matching length of a target's segments against a path (0 when they diverge). */
function prefixScore(target: string[], path: string[]): number {
  const n = Math.min(target.length, path.length);
  for (let i = 0; i < n; i++) if (!segMatch(target[i], path[i])) return 0;
  // A target below the error path (e.g. `names` has too few items) still explains it, less precisely.
  return target.length <= path.length ? target.length * 2 : n * 2 - 1;
}

/** `names/0/family` → `names[].family` (the model tree's path syntax). */
function toModelPath(segs: string[]): string {
  let out = '';
  for (const s of segs) {
    if (/^\d+$/.test(s)) out += '[]';
    else out += out ? `.${s}` : s;
  }
  return out;
}

const own = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined);

/**
 * Maps a validation error path (`entities/1/dateOfBirth/precision`, as `createValidator` reports
 * it) to the rule and field rules that wrote the value, through the entity's `provenance.ruleIds`.
 * @example locateError(doc, output, 'entities/1/dateOfBirth/precision')
 *   // → { ruleId: 'r-person', fieldRuleIds: ['r-person-dob'], modelPath: 'dateOfBirth.precision' }
 */
export function locateError(doc: MappingDocument, output: unknown, path: string): ErrorSource {
  const segs = path.split('/').filter((s) => s !== '');
  // An entity or link: a collection of the document, then its index.
  if (segs.length >= 2 && /^\d+$/.test(segs[1])) {
    const item = own(own(output, segs[0]), segs[1]);
    const ruleIds = own(own(item, 'provenance'), 'ruleIds');
    const rel = segs.slice(2);
    const candidates: (EntityRule | LinkRule)[] = [];
    if (Array.isArray(ruleIds)) {
      for (const id of ruleIds) {
        const r = doc.entities.find((e) => e.id === id) ?? doc.links.find((l) => l.id === id);
        if (r) candidates.push(r);
      }
    }
    if (candidates.length) {
      let best: { rule: EntityRule | LinkRule; fields: string[]; score: number } | undefined;
      for (const rule of candidates) {
        const ranked = rankFields(rule.fields, rel);
        const score = ranked[0]?.score ?? 0;
        if (!best || score > best.score) best = { rule, fields: ranked.map((r) => r.id), score };
      }
      return { ruleId: best!.rule.id, fieldRuleIds: best!.fields, modelPath: toModelPath(rel) };
    }
  }
  const ranked = rankFields(doc.root.fields, segs);
  return ranked.length ? { ruleId: 'root', fieldRuleIds: ranked.map((r) => r.id), modelPath: toModelPath(segs) } : { fieldRuleIds: [], modelPath: toModelPath(segs) };
}

function rankFields(fields: FieldRule[], rel: string[]): { id: string; score: number }[] {
  return fields
    .map((f) => ({ id: f.id, score: prefixScore(targetSegments(f.target), rel) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score);
}
