import type { MappingDocument } from './types';

/**
 * Canonical serialisation. A shape says, for each kind of object in the document, the fixed order
 * of its known keys and the shape of their values; unknown (extension) keys follow in alphabetical
 * order. Arrays keep their order (order is meaning), as do the members of records whose keys are
 * data (object-node parts, constants). `layout.nodes` is keyed by ids and sorted for stable diffs.
 */
type Shape =
  | { kind: 'object'; keys: readonly string[]; children?: Record<string, Shape> }
  | { kind: 'array'; of: Shape }
  /** Keys are data: keep their order, values of one shape. */
  | { kind: 'record'; of: Shape; sort?: boolean }
  /** Arbitrary JSON, copied as is (key order preserved). */
  | { kind: 'json' };

const JSON_SHAPE: Shape = { kind: 'json' };
const arrayOf = (of: Shape): Shape => ({ kind: 'array', of });
const object = (keys: readonly string[], children: Record<string, Shape> = {}): Shape & { kind: 'object' } => ({
  kind: 'object',
  keys,
  children,
});

const VALUE = object(['id', 'kind', 'scope', 'path', 'value', 'fn', 'args', 'code', 'valueMap', 'op', 'input', 'separator', 'branches', 'else', 'fields', 'items']);
const BRANCH = object(['when', 'then'], { when: VALUE, then: VALUE });
Object.assign(VALUE.children!, {
  value: JSON_SHAPE,
  args: arrayOf(VALUE),
  input: VALUE,
  branches: arrayOf(BRANCH),
  else: VALUE,
  fields: { kind: 'record', of: VALUE },
  items: arrayOf(VALUE),
});

const FIELD_NODE = object([
  'path', 'name', 'type', 'itemType', 'format', 'pattern', 'cardinality', 'minOccurs', 'maxOccurs', 'enum', 'codeList', 'doc',
  'examples', 'dataProtection', 'stats', 'position', 'xml', 'children',
]);
Object.assign(FIELD_NODE.children!, {
  enum: JSON_SHAPE,
  examples: JSON_SHAPE,
  stats: object(['seen', 'total', 'typeAgreed', 'empty']),
  position: object(['file', 'line', 'column', 'offset']),
  xml: object(['namespace', 'prefix', 'attribute', 'text']),
  children: arrayOf(FIELD_NODE),
});
const FIELD_TREE = object(['id', 'name', 'origin', 'recordPath', 'dialect', 'recordCount', 'fields'], {
  dialect: object(['delimiter', 'quote', 'header', 'bom', 'lineEnding']),
  fields: arrayOf(FIELD_NODE),
});
const FIELD_RULE = object(['id', 'target', 'value', 'comment'], { value: VALUE });
const LOOP = object(['path', 'as']);
const DOCUMENT = object(
  ['format', 'formatVersion', 'id', 'name', 'version', 'description', 'namespace', 'sourceSystem', 'recordId', 'sources', 'joins', 'target', 'filters', 'valueMaps', 'root', 'entities', 'links', 'layout'],
  {
    recordId: VALUE,
    sources: arrayOf(object(['id', 'name', 'format', 'primary', 'recordPath', 'schema', 'schemaHash'], { schema: FIELD_TREE })),
    joins: arrayOf(object(['id', 'source', 'as', 'on', 'cardinality'], { on: arrayOf(object(['primary', 'foreign'], { primary: VALUE })) })),
    target: object(['modelId', 'modelVersion']),
    filters: arrayOf(object(['id', 'when', 'reason'], { when: VALUE })),
    valueMaps: arrayOf(
      object(['id', 'name', 'sourceScheme', 'targetScheme', 'crosswalk', 'entries', 'caseInsensitive', 'unmapped', 'output'], {
        entries: arrayOf(object(['from', 'to', 'quality', 'note'])),
        unmapped: object(['policy', 'value']),
      }),
    ),
    root: object(['fields'], { fields: arrayOf(FIELD_RULE) }),
    entities: arrayOf(
      object(['id', 'entity', 'label', 'forEach', 'parent', 'when', 'key', 'fields', 'keepUnmapped'], {
        forEach: LOOP,
        when: VALUE,
        key: arrayOf(VALUE),
        fields: arrayOf(FIELD_RULE),
      }),
    ),
    links: arrayOf(
      object(['id', 'role', 'from', 'to', 'forEach', 'parent', 'when', 'fields'], {
        role: VALUE,
        forEach: LOOP,
        when: VALUE,
        fields: arrayOf(FIELD_RULE),
      }),
    ),
    layout: object(['nodes', 'viewport', 'comments'], {
      nodes: { kind: 'record', sort: true, of: object(['x', 'y', 'collapsed', 'width']) },
      viewport: object(['x', 'y', 'zoom']),
      comments: arrayOf(object(['id', 'text', 'x', 'y'])),
    }),
  },
);

/** Sets an own property even for the name `__proto__` (plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function copyJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : copyJson(x)));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) setOwn(out, k, copyJson(v[k]));
    return out;
  }
  return v;
}

function canonical(v: unknown, shape: Shape): unknown {
  switch (shape.kind) {
    case 'json':
      return copyJson(v);
    case 'array':
      return Array.isArray(v) ? v.map((x) => (x === undefined ? null : canonical(x, shape.of))) : copyJson(v);
    case 'record': {
      if (!isPlainObject(v)) return copyJson(v);
      const keys = Object.keys(v);
      if (shape.sort) keys.sort();
      const out: Record<string, unknown> = {};
      for (const k of keys) if (v[k] !== undefined) setOwn(out, k, canonical(v[k], shape.of));
      return out;
    }
    case 'object': {
      if (!isPlainObject(v)) return copyJson(v);
      const out: Record<string, unknown> = {};
      const known = new Set(shape.keys);
      for (const k of shape.keys) {
        if (Object.hasOwn(v, k) && v[k] !== undefined) setOwn(out, k, canonical(v[k], shape.children?.[k] ?? JSON_SHAPE));
      }
      const extra = Object.keys(v).filter((k) => !known.has(k)).sort();
      for (const k of extra) if (v[k] !== undefined) setOwn(out, k, copyJson(v[k]));
      return out;
    }
  }
}

/**
 * Canonical text of a mapping document: fixed key order for known keys, extension keys after them in
 * alphabetical order, 2-space indent, trailing newline, no `undefined`. Deterministic, so
 * `serializeMapping(parseMapping(serializeMapping(d)).document) === serializeMapping(d)`.
 */
export function serializeMapping(doc: MappingDocument): string {
  return `${JSON.stringify(canonical(doc, DOCUMENT), null, 2)}\n`;
}

/** Canonical JSON text of any value with the document's key order rules (used for TestCase files). */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(copyJson(value), null, 2)}\n`;
}
