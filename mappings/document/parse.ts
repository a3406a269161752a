import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { diag } from '../diagnostics/catalog';
import type { Diagnostic, Location } from '../diagnostics/diagnostic';
import { escapePointer, mapJsonPositions, type JsonPositionMap } from '../model/json-position';
import { DOC } from './codes';
import schema from './mapping.schema.json';
import { migrateMapping } from './migrate';
import type { MappingDocument } from './types';

export interface ParseResult {
  /**
   * The document (migrated to the current format version) whenever the text is JSON of a known
   * format; check `diagnostics` for errors before compiling it.
   */
  document?: MappingDocument;
  diagnostics: Diagnostic[];
  /** Set when the text was in an older format version and has been migrated. */
  migratedFrom?: number;
}

let validator: ReturnType<Ajv2020['compile']> | undefined;
function validate(doc: unknown) {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  const ok = validator(doc);
  return ok ? [] : (validator.errors ?? []);
}

/** Smallest edit distance, for "did you mean" hints on misspelt property names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function describeError(e: ErrorObject): { pointer: string; detail: string; atKey?: boolean } | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'if':
      return undefined; // the failing "then" branch reports the real problem
    case 'required':
      return { pointer: e.instancePath, detail: `missing required property "${String(p.missingProperty)}"` };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const best = allowed.map((k) => [k, distance(k, name)] as const).sort((a, b) => a[1] - b[1])[0];
      const hint = best && best[1] <= Math.max(2, name.length / 3) ? ` — did you mean "${best[0]}"?` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
      return { pointer: `${e.instancePath}/${escapePointer(name)}`, detail: `unknown property "${name}"${hint}`, atKey: true };
    }
    case 'enum':
      return { pointer: e.instancePath, detail: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { pointer: e.instancePath, detail: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'format':
      return { pointer: e.instancePath, detail: `must be a valid ${String(p.format)}${p.format === 'uuid' ? ' (e.g. 1b4e28ba-2fa1-11d2-883f-0016d3cca427)' : ''}` };
    case 'pattern': {
      const desc = (e.parentSchema as { description?: string } | undefined)?.description;
      return { pointer: e.instancePath, detail: `has an invalid form${desc ? ` — ${desc}` : ''}` };
    }
    // ajv's own wording ("must NOT have fewer than 1 characters") reads like the schema, not like
    // advice; these say what a person fixes.
    case 'minLength':
      return { pointer: e.instancePath, detail: p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long` };
    case 'maxLength':
      return { pointer: e.instancePath, detail: `must be at most ${String(p.limit)} characters long` };
    case 'minItems':
      return { pointer: e.instancePath, detail: p.limit === 1 ? 'needs at least one entry' : `needs at least ${String(p.limit)} entries` };
    case 'maxItems':
      return { pointer: e.instancePath, detail: `can have at most ${String(p.limit)} entries` };
    case 'type':
      return { pointer: e.instancePath, detail: `must be ${article(String(p.type))}` };
    default:
      return { pointer: e.instancePath, detail: e.message ?? e.keyword };
  }
}

function article(type: string): string {
  const names = type.split(',').map((t) => (t === 'integer' ? 'a whole number' : t === 'array' ? 'a list' : t === 'object' ? 'an object' : t === 'null' ? 'null' : `a ${t}`));
  return names.join(' or ');
}

function locate(map: JsonPositionMap | undefined, pointer: string, atKey = false): Pick<Location, 'line' | 'column' | 'endLine' | 'endColumn'> {
  if (!map) return {};
  // Walk up to the nearest pointer that exists (a missing property is reported on its parent).
  let p = pointer;
  for (;;) {
    const hit = map.pointers.get(p);
    if (hit) {
      const start = atKey && hit.key && p === pointer ? hit.key : hit.value;
      const end = hit.valueEnd;
      return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    }
    if (!p) return {};
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Checks that ids are unique across rules, nodes, value maps, sources and joins. */
function duplicateIds(doc: MappingDocument, file: string | undefined, map: JsonPositionMap | undefined): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  const visit = (v: unknown, pointer: string, inLayout: boolean): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${pointer}/${i}`, inLayout));
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (!inLayout && typeof o.id === 'string' && pointer !== '') {
        const first = seen.get(o.id);
        if (first !== undefined) out.push(diag(DOC.MW3102, { id: o.id, first }, { ...(file ? { file } : {}), pointer: `${pointer}/id`, ...locate(map, `${pointer}/id`) }));
        else seen.set(o.id, pointer);
      }
      for (const k of Object.keys(o)) {
        // source field trees and constants are data, not document elements
        if (k === 'schema' || (k === 'value' && o.kind === 'const')) continue;
        visit(o[k], `${pointer}/${escapePointer(k)}`, inLayout || (pointer === '' && k === 'layout'));
      }
    }
  };
  visit(doc, '', false);
  return out;
}

/**
 * Parses mapping-document text: JSON syntax errors with line/column, migration of older format
 * versions, JSON Schema validation with errors located by pointer and line/column, duplicate ids.
 * @example const { document, diagnostics } = parseMapping(text, { file: 'mapping.json' });
 */
export function parseMapping(text: string, options: { file?: string } = {}): ParseResult {
  const { file } = options;
  const base = file ? { file } : {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const map = mapJsonPositions(text);
    const where = map.error?.position;
    const detail = map.error?.message ?? (e as Error).message;
    return { diagnostics: [diag(DOC.MW3001, { detail }, { ...base, ...(where ? { line: where.line, column: where.column } : {}) })] };
  }
  const migrated = migrateMapping(raw, file);
  if (!migrated.document) {
    const map = mapJsonPositions(text);
    return { diagnostics: migrated.diagnostics.map((d) => ({ ...d, location: { ...d.location, ...locate(map, d.location.pointer ?? '') } })) };
  }
  const document = migrated.document as unknown as MappingDocument;
  const errors = validate(document);
  // Positions refer to the text as written; after a migration only pointers are meaningful.
  const map = migrated.migratedFrom === undefined ? mapJsonPositions(text) : undefined;
  const diagnostics: Diagnostic[] = [...migrated.diagnostics];
  const seen = new Set<string>();
  for (const e of errors) {
    const d = describeError(e);
    if (!d) continue;
    const key = `${d.pointer}\u0000${d.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diag(DOC.MW3101, { pointer: d.pointer, detail: d.detail }, { ...base, pointer: d.pointer, ...locate(map, d.pointer, d.atKey) }));
    if (diagnostics.length >= 100) break;
  }
  if (!errors.length) diagnostics.push(...duplicateIds(document, file, map));
  return { document, diagnostics, ...(migrated.migratedFrom !== undefined ? { migratedFrom: migrated.migratedFrom } : {}) };
}

/** Validates an in-memory document against the schema (no text positions). */
export function validateMapping(doc: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of validate(doc)) {
    const d = describeError(e);
    if (d) out.push(diag(DOC.MW3101, { pointer: d.pointer, detail: d.detail }, { pointer: d.pointer }));
  }
  return out;
}
