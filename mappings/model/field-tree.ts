/**
 * The one field tree shared by both ends of a mapping: supplier sources (inferred from samples or
 * imported from schemas) and target models (JSON Schema). Everything above the importers — checker,
 * canvas, suggestions, coverage, bundles — speaks only this shape.
 *
 * Paths are stable: they are derived from names in the source document (never from positions), so a
 * mapping survives re-import of the same schema. Path syntax: dot-separated segments; a segment that
 * is a collection carries the suffix `[]` (e.g. `persons[].addresses[].postcode`). XML attributes
 * are segments prefixed with `@`, element text of a mixed/simple-content element is `#text`.
 * Names that are not plain identifiers are quoted with JSON string syntax inside brackets,
 * e.g. `["Crime ID"]` (see {@link formatPathSegment}).
 */

export type FieldType =
  'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'object' | 'array' | 'null' | 'any';

/** one: exactly one, required; optional: zero or one; many: a collection (0..n unless min says more). */
export type Cardinality = 'one' | 'optional' | 'many';

/** UK GDPR / DPA 2018 class of a field, shown on review screens and reports. */
export type DataProtectionClass = 'none' | 'personal' | 'special-category' | 'criminal-offence';

/** Where in a file a field was first seen: 1-based line and column (byte offset when known). */
export interface SourcePosition {
  file?: string;
  line: number;
  column: number;
  offset?: number;
}

export interface FieldNode {
  /** Stable path from the root of the record, e.g. `persons[].dateOfBirth`. */
  path: string;
  /** Display name: the last segment without `[]`. */
  name: string;
  type: FieldType;
  /** For `array`: the type of its items (objects have `children`). */
  itemType?: FieldType;
  /** e.g. `date` with pattern `dd/MM/yyyy`, `email`, `uuid`, `uri`, `date-time`. */
  format?: string;
  /** Date/time pattern recorded by inference (Unicode TR35 style: `dd/MM/yyyy HH:mm`). */
  pattern?: string;
  cardinality: Cardinality;
  /** Minimum and maximum occurrences (`max` undefined = unbounded) for arrays / XML repeats. */
  minOccurs?: number;
  maxOccurs?: number;
  /** Closed set of allowed values from an enum. */
  enum?: (string | number | boolean)[];
  /** Code-list scheme id from the model's code lists (e.g. `SEX`). */
  codeList?: string;
  /** Human documentation (JSON Schema `description`, XSD `annotation/documentation`). */
  doc?: string;
  /** Up to a handful of distinct observed or documented example values. */
  examples?: unknown[];
  dataProtection?: DataProtectionClass;
  /** Inference statistics: how many records had this field, and how many agreed on the type. */
  stats?: { seen: number; total: number; typeAgreed?: number; empty?: number };
  position?: SourcePosition;
  /** XML only: namespace URI and whether the node is an attribute. */
  xml?: { namespace?: string; prefix?: string; attribute?: boolean; text?: boolean };
  /**
   * When the field only applies under a condition (JSON Schema `if`/`then`, or one of several
   * `oneOf`/`anyOf` alternatives), that condition in words, e.g. `objectType.code = VEHICLE`.
   */
  condition?: string;
  /** Nested fields for `object` (and for arrays of objects). */
  children?: FieldNode[];
}

/** A whole tree: the record's root plus identifying metadata. */
export interface FieldTree {
  /** e.g. `source:acme-rms-offences` or `model:pole@1.0.0#Person`. */
  id: string;
  name: string;
  /** Format the tree was built from. */
  origin: 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml' | 'xsd' | 'jsonschema' | 'model';
  /** For record-oriented inputs: how records were found (e.g. XML record element path). */
  recordPath?: string;
  /** CSV only: detected dialect. */
  dialect?: { delimiter: string; quote: string; header: boolean; bom: boolean; lineEnding: '\n' | '\r\n' };
  /** Number of sample records inspected, when inferred from data. */
  recordCount?: number;
  fields: FieldNode[];
}

const PLAIN_SEGMENT = /^[@#]?[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Formats one path segment, quoting names that are not plain identifiers. */
export function formatPathSegment(name: string, many = false): string {
  const seg = PLAIN_SEGMENT.test(name) ? name : `[${JSON.stringify(name)}]`;
  return many ? `${seg}[]` : seg;
}

/** Joins a parent path and a segment. */
export function joinPath(parent: string, name: string, many = false): string {
  const seg = formatPathSegment(name, many);
  if (!parent) return seg;
  return seg.startsWith('[') ? `${parent}${seg}` : `${parent}.${seg}`;
}

/**
 * Splits a path into segments: `a.b[].["x y"][]` → [{name:'a'},{name:'b',many:true},{name:'x y',many:true}].
 * Throws on malformed paths.
 */
export function parsePath(path: string): { name: string; many: boolean }[] {
  const out: { name: string; many: boolean }[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') {
      if (i === 0 || i === path.length - 1) throw new Error(`Malformed path "${path}" at ${i}`);
      i++;
      continue;
    }
    let name: string;
    if (path[i] === '[' && path[i + 1] === '"') {
      // quoted segment: find the closing quote honouring escapes
      let j = i + 2;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      if (path[j + 1] !== ']') throw new Error(`Malformed path "${path}" at ${j}`);
      name = JSON.parse(path.slice(i + 1, j + 1)) as string;
      i = j + 2;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      name = path.slice(i, j);
      if (!name) throw new Error(`Malformed path "${path}" at ${i}`);
      i = j;
    }
    let many = false;
    if (path.startsWith('[]', i)) {
      many = true;
      i += 2;
    }
    out.push({ name, many });
  }
  return out;
}

/** Depth-first walk over every node of a tree. */
export function* walkFields(fields: readonly FieldNode[]): Generator<FieldNode> {
  for (const f of fields) {
    yield f;
    if (f.children) yield* walkFields(f.children);
  }
}

/** Finds a node by its exact path. */
export function findField(fields: readonly FieldNode[], path: string): FieldNode | undefined {
  for (const f of walkFields(fields)) if (f.path === path) return f;
  return undefined;
}

/**
 * Name → field of one field list, built once per list and reused (keyed by the array; lists are
 * not changed in place after they are built, and one whose length changed is indexed again).
 * Resolving names by a linear search per reference made checking and compiling quadratic in
 * schema size. The first field of a name wins, as a search would find it.
 */
export function fieldsByName(fields: readonly FieldNode[]): ReadonlyMap<string, FieldNode> {
  let index = nameIndexes.get(fields);
  if (!index || index.length !== fields.length) {
    const map = new Map<string, FieldNode>();
    for (const f of fields) if (!map.has(f.name)) map.set(f.name, f);
    index = { length: fields.length, map };
    nameIndexes.set(fields, index);
  }
  return index.map;
}

const nameIndexes = new WeakMap<readonly FieldNode[], { length: number; map: Map<string, FieldNode> }>();
