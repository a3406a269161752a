/**
 * JSON Schema → field tree. Turns any JSON Schema (2020-12, 2019-09 or draft-07) — or one of its
 * `$defs`/`definitions` entries — into the shared {@link FieldNode} tree, so target models and
 * `--format jsonschema` source schemas look the same to the checker and the canvas.
 *
 * What it understands: local `$ref`s (JSON Pointers and `$anchor`s, with sibling keywords kept),
 * `allOf` (merged), `oneOf`/`anyOf` and `if`/`then`/`else` (their properties are shown as optional
 * alternatives carrying a `condition`), `type` arrays with `null`, `const`/`enum`, `format`,
 * `items`/`minItems`/`maxItems`, `examples`, and the Mapwright annotations `x-code-list` and
 * `x-data-protection`. Recursive definitions stop where they refer back to themselves.
 *
 * No library turns JSON Schema into an editor-facing tree with stable paths and source positions
 * (json-schema-traverse only visits), so the walk is written here.
 */
import { diag } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { MODEL } from './codes';
import {
  joinPath,
  type DataProtectionClass,
  type FieldNode,
  type FieldTree,
  type FieldType,
  type SourcePosition,
} from './field-tree';
import { JsonSyntaxError, parseJsonWithPositions } from './json-position';

export type SchemaDialect = '2020-12' | '2019-09' | 'draft-07';

type Schema = Record<string, unknown>;

export interface SchemaFieldsOptions {
  /** Pointer → position map from {@link parseJsonWithPositions}, to set `FieldNode.position`. */
  positions?: Map<string, SourcePosition>;
  /** File name used in diagnostics and positions. */
  file?: string;
  /** Largest nesting depth to expand (default 32); deeper objects are cut with a diagnostic. */
  maxDepth?: number;
}

export interface SchemaFieldsResult {
  fields: FieldNode[];
  diagnostics: Diagnostic[];
}

const DP_CLASSES = new Set<DataProtectionClass>(['none', 'personal', 'special-category', 'criminal-offence']);

/** Reads `$schema` and says which dialect it is, or `undefined` when it is not one we know. */
export function detectDialect(schema: unknown): { dialect: SchemaDialect; known: boolean; declared?: string } {
  const declared = isObject(schema) && typeof schema.$schema === 'string' ? schema.$schema : undefined;
  if (!declared) return { dialect: '2020-12', known: true };
  if (/draft\/2020-12/.test(declared)) return { dialect: '2020-12', known: true, declared };
  if (/draft\/2019-09/.test(declared)) return { dialect: '2019-09', known: true, declared };
  if (/draft-0[67]/.test(declared)) return { dialect: 'draft-07', known: true, declared };
  return { dialect: '2020-12', known: false, declared };
}

/**
 * Resolves a `root` option to a JSON Pointer: `""` (whole schema), `#/$defs/Person`,
 * `/definitions/Person`, or a bare definition name (`Person`, looked up in `$defs` then
 * `definitions`). Returns `undefined` when nothing is there.
 */
export function resolveRootPointer(schema: unknown, root?: string): string | undefined {
  if (root === undefined || root === '' || root === '#') return '';
  if (root.startsWith('#')) root = root.slice(1);
  if (root.startsWith('/')) return getPointer(schema, root) === undefined ? undefined : root;
  for (const container of ['$defs', 'definitions']) {
    const ptr = `/${container}/${escapeToken(root)}`;
    if (getPointer(schema, ptr) !== undefined) return ptr;
  }
  return undefined;
}

/**
 * Builds the fields of the object schema at `pointer` inside `schema` (the whole document, which
 * local `$ref`s resolve against). An array schema yields the fields of its items.
 *
 * @example schemaFields(poleSchema, '/$defs/Person').fields.map((f) => f.path) // ['id', 'entityType', …]
 */
export function schemaFields(schema: unknown, pointer = '', options: SchemaFieldsOptions = {}): SchemaFieldsResult {
  const walker = new Walker(schema, options);
  const fields = walker.rootFields(pointer);
  return { fields, diagnostics: walker.diagnostics };
}

/**
 * Parses JSON Schema text and builds its field tree. Malformed JSON is reported as a located
 * diagnostic (MW2001) with an empty tree, never thrown.
 *
 * @example
 * const { tree, diagnostics } = jsonSchemaToFieldTree(text, { file: 'offence.schema.json', root: 'Offence' });
 */
export function jsonSchemaToFieldTree(
  schemaText: string,
  options: { file?: string; name?: string; root?: string } = {},
): { tree: FieldTree; diagnostics: Diagnostic[] } {
  const name =
    options.name ?? options.root ?? options.file?.replace(/^.*[\\/]/, '').replace(/\.(schema\.)?json$/, '') ?? 'schema';
  const tree: FieldTree = { id: `jsonschema:${name}`, name, origin: 'jsonschema', fields: [] };
  const location = options.file ? { file: options.file } : {};
  let parsed;
  try {
    parsed = parseJsonWithPositions(schemaText, options.file);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const detail = e.message.replace(/ at line \d+, column \d+$/, '');
    return { tree, diagnostics: [diag(MODEL.MW2001, { detail }, { ...location, line: e.line, column: e.column })] };
  }
  const schema = parsed.value;
  if (!isObject(schema) && typeof schema !== 'boolean') {
    return {
      tree,
      diagnostics: [
        diag(MODEL.MW2002, { what: 'the document must be a JSON object' }, { ...location, line: 1, column: 1 }),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const d = detectDialect(schema);
  if (!d.known)
    diagnostics.push(
      diag(MODEL.MW2006, { dialect: d.declared ?? '' }, { ...location, ...lineCol(parsed.positions.get('/$schema')) }),
    );
  const ptr = resolveRootPointer(schema, options.root);
  if (ptr === undefined) {
    diagnostics.push(diag(MODEL.MW2003, { ref: options.root ?? '' }, location));
    return { tree, diagnostics };
  }
  const result = schemaFields(schema, ptr, { positions: parsed.positions, file: options.file });
  tree.fields = result.fields;
  if (isObject(schema) && typeof schema.title === 'string' && !options.name && !options.root) tree.name = schema.title;
  return { tree, diagnostics: [...diagnostics, ...result.diagnostics] };
}

interface PropRef {
  ptr: string;
  condition?: string;
}

interface Summary {
  types: Set<string>;
  format?: string;
  enumValues?: unknown[];
  constValue?: { value: unknown };
  description?: string;
  title?: string;
  examples?: unknown[];
  codeList?: string;
  dataProtection?: DataProtectionClass;
  items?: string;
  minItems?: number;
  maxItems?: number;
  hasProperties: boolean;
  /** The `$ref` that pointed back into a definition already being expanded. */
  recursive?: string;
}

class Walker {
  readonly diagnostics: Diagnostic[] = [];
  private readonly anchors = new Map<string, string>();
  private readonly reported = new Set<string>();
  private readonly maxDepth: number;
  private readonly baseId?: string;

  constructor(
    private readonly doc: unknown,
    private readonly options: SchemaFieldsOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 32;
    if (isObject(doc) && typeof doc.$id === 'string') this.baseId = doc.$id.replace(/#.*$/, '');
    this.indexAnchors(doc, '');
  }

  rootFields(pointer: string): FieldNode[] {
    const stack = new Set([pointer]);
    const s = this.summarise(pointer, stack);
    if (!s.hasProperties && s.items && (s.types.has('array') || s.types.size === 0)) {
      return this.objectFields(s.items, '', stack, 0, s.dataProtection);
    }
    return this.objectFields(pointer, '', stack, 0, s.dataProtection);
  }

  /**
   * Children of the object schema at `ptr`, with paths under `parentPath`. `stack` holds the
   * definitions being expanded above this object; a `$ref` back into one of them is recursion.
   */
  private objectFields(
    ptr: string,
    parentPath: string,
    stack: Set<string>,
    depth: number,
    inheritedDp?: DataProtectionClass,
  ): FieldNode[] {
    const props = new Map<string, PropRef>();
    const required = new Set<string>();
    const entered = new Set<string>();
    this.collect(ptr, undefined, props, required, stack, new Set(), entered);
    const childStack = new Set([...stack, ...entered]);
    const out: FieldNode[] = [];
    for (const [name, ref] of props) {
      out.push(
        this.node(name, ref, parentPath, required.has(name) && !ref.condition, childStack, depth + 1, inheritedDp),
      );
    }
    return out;
  }

  /** Gathers properties from a schema and everything it merges (`$ref`, `allOf`) or offers (`oneOf`, `anyOf`, `if`/`then`/`else`). */
  private collect(
    ptr: string,
    condition: string | undefined,
    props: Map<string, PropRef>,
    required: Set<string>,
    stack: Set<string>,
    seen: Set<string>,
    entered: Set<string>,
  ) {
    if (seen.has(ptr)) return;
    seen.add(ptr);
    const s = getPointer(this.doc, ptr);
    if (!isObject(s)) return;
    if (isObject(s.properties)) {
      for (const name of Object.keys(s.properties)) {
        const p = `${ptr}/properties/${escapeToken(name)}`;
        const existing = props.get(name);
        if (!existing) props.set(name, { ptr: p, ...(condition ? { condition } : {}) });
        else if (existing.condition && !condition) props.set(name, { ptr: existing.ptr });
        else if (existing.condition && condition && !existing.condition.split(' or ').includes(condition))
          existing.condition += ` or ${condition}`;
      }
    }
    if (!condition && Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') required.add(r);
    if (typeof s.$ref === 'string') {
      const target = this.resolveRef(s.$ref, ptr);
      if (target !== undefined && !stack.has(target)) {
        entered.add(target);
        this.collect(target, condition, props, required, stack, seen, entered);
      }
    }
    if (Array.isArray(s.allOf))
      s.allOf.forEach((_, i) => this.collect(`${ptr}/allOf/${i}`, condition, props, required, stack, seen, entered));
    for (const kw of ['oneOf', 'anyOf'] as const) {
      const alts = s[kw];
      if (!Array.isArray(alts)) continue;
      alts.forEach((_, i) => {
        const label =
          this.alternativeLabel(`${ptr}/${kw}/${i}`) ??
          `${kw === 'oneOf' ? 'one' : 'any'} of ${alts.length} alternatives (#${i + 1})`;
        this.collect(`${ptr}/${kw}/${i}`, join(condition, label), props, required, stack, seen, entered);
      });
    }
    if (isObject(s.if)) {
      const label = describeCondition(s.if) ?? 'the if condition holds';
      if (s.then !== undefined)
        this.collect(`${ptr}/then`, join(condition, label), props, required, stack, seen, entered);
      if (s.else !== undefined)
        this.collect(`${ptr}/else`, join(condition, `not (${label})`), props, required, stack, seen, entered);
    }
  }

  /** A readable name for a oneOf/anyOf branch: its title, or the definition it refers to. */
  private alternativeLabel(ptr: string): string | undefined {
    const s = getPointer(this.doc, ptr);
    if (!isObject(s)) return undefined;
    if (typeof s.title === 'string') return s.title;
    if (typeof s.$ref === 'string') return s.$ref.replace(/^.*\//, '');
    return describeCondition(s);
  }

  private node(
    name: string,
    ref: PropRef,
    parentPath: string,
    required: boolean,
    stack: Set<string>,
    depth: number,
    inheritedDp?: DataProtectionClass,
  ): FieldNode {
    const s = this.summarise(ref.ptr, stack);
    const isArray = s.types.has('array') || (s.types.size === 0 && s.items !== undefined && !s.hasProperties);
    const path = joinPath(parentPath, name, isArray);
    const item = isArray && s.items ? this.summarise(s.items, stack) : undefined;
    const dataProtection = s.dataProtection ?? item?.dataProtection ?? inheritedDp;
    const node: FieldNode = {
      path,
      name,
      type: isArray ? 'array' : fieldType(s),
      cardinality: isArray ? 'many' : required ? 'one' : 'optional',
    };
    if (item) node.itemType = fieldType(item);
    const format = s.format ?? item?.format;
    if (format) node.format = format;
    if (isArray) {
      if (s.minItems !== undefined) node.minOccurs = s.minItems;
      if (s.maxItems !== undefined) node.maxOccurs = s.maxItems;
    }
    const enumValues = enumOf(s) ?? (item ? enumOf(item) : undefined);
    if (enumValues) node.enum = enumValues;
    const codeList = s.codeList ?? item?.codeList;
    if (codeList) node.codeList = codeList;
    const doc = s.description ?? s.title ?? item?.description;
    if (doc) node.doc = doc;
    const examples = s.examples ?? item?.examples;
    if (examples?.length) node.examples = examples.slice(0, 5);
    if (dataProtection) node.dataProtection = dataProtection;
    if (ref.condition) node.condition = ref.condition;
    const position = this.options.positions?.get(ref.ptr);
    if (position) node.position = position;

    const container = isArray ? item : s;
    const containerPtr = isArray ? s.items : ref.ptr;
    const isObjectLike =
      container && containerPtr !== undefined && (container.hasProperties || container.types.has('object'));
    if (isObjectLike) {
      const recursive = s.recursive ?? item?.recursive;
      if (recursive) {
        this.report(diag(MODEL.MW2005, { ref: recursive, path }, this.loc(ref.ptr, path)), `rec:${path}`);
      } else if (depth >= this.maxDepth) {
        this.report(
          diag(MODEL.MW2005, { ref: `depth ${this.maxDepth}`, path }, this.loc(ref.ptr, path)),
          `depth:${path}`,
        );
      } else if (container.hasProperties) {
        const children = this.objectFields(containerPtr, path, stack, depth, dataProtection);
        if (children.length) node.children = children;
      }
    }
    return node;
  }

  /** Merges the annotations of a schema and the schemas it references or `allOf`-includes; outer ones win. */
  private summarise(ptr: string, stack: Set<string>): Summary {
    const sum: Summary = { types: new Set(), hasProperties: false };
    const visit = (p: string, active: Set<string>, top: boolean) => {
      const s = getPointer(this.doc, p);
      if (!isObject(s)) return;
      if (typeof s.type === 'string') {
        if (top || sum.types.size === 0) sum.types.add(s.type);
      } else if (Array.isArray(s.type) && (top || sum.types.size === 0)) {
        for (const t of s.type) if (typeof t === 'string') sum.types.add(t);
      }
      if (sum.format === undefined && typeof s.format === 'string') sum.format = s.format;
      if (sum.enumValues === undefined && Array.isArray(s.enum)) sum.enumValues = s.enum;
      if (sum.constValue === undefined && 'const' in s) sum.constValue = { value: s.const };
      if (sum.description === undefined && typeof s.description === 'string') sum.description = s.description;
      if (sum.title === undefined && typeof s.title === 'string') sum.title = s.title;
      if (sum.examples === undefined && Array.isArray(s.examples)) sum.examples = s.examples;
      else if (sum.examples === undefined && 'example' in s) sum.examples = [s.example];
      if (sum.codeList === undefined && typeof s['x-code-list'] === 'string') sum.codeList = s['x-code-list'];
      const dp = s['x-data-protection'];
      if (sum.dataProtection === undefined && typeof dp === 'string' && DP_CLASSES.has(dp as DataProtectionClass))
        sum.dataProtection = dp as DataProtectionClass;
      if (sum.items === undefined && isObject(s.items)) sum.items = `${p}/items`;
      if (sum.items === undefined && isObject(s.additionalItems) && Array.isArray(s.items))
        sum.items = `${p}/additionalItems`;
      if (sum.minItems === undefined && typeof s.minItems === 'number') sum.minItems = s.minItems;
      if (sum.maxItems === undefined && typeof s.maxItems === 'number') sum.maxItems = s.maxItems;
      if (isObject(s.properties) || isObject(s.patternProperties)) sum.hasProperties ||= isObject(s.properties);
      if (typeof s.$ref === 'string') {
        const target = this.resolveRef(s.$ref, p);
        if (target !== undefined) {
          if (active.has(target)) {
            sum.recursive ??= s.$ref;
            // Keep the shape (an object) without expanding it again.
            const t = getPointer(this.doc, target);
            if (isObject(t) && sum.types.size === 0) {
              if (typeof t.type === 'string') sum.types.add(t.type);
              else if (isObject(t.properties)) sum.types.add('object');
            }
          } else visit(target, new Set([...active, target]), false);
        }
      }
      if (Array.isArray(s.allOf)) s.allOf.forEach((_, i) => visit(`${p}/allOf/${i}`, active, false));
      // Alternatives and conditionals contribute properties (see collect) and, for scalars, a type.
      for (const kw of ['oneOf', 'anyOf'] as const) {
        const alts = s[kw];
        if (!Array.isArray(alts)) continue;
        const altTypes = new Set<string>();
        alts.forEach((_, i) => {
          const a = this.summarise(`${p}/${kw}/${i}`, active);
          a.types.forEach((t) => altTypes.add(t));
          if (a.hasProperties) sum.hasProperties = true;
          if (a.recursive) sum.recursive ??= a.recursive;
        });
        if (sum.types.size === 0) altTypes.forEach((t) => sum.types.add(t));
      }
      if (isObject(s.if)) {
        for (const branch of ['then', 'else'])
          if (isObject(s[branch]) && isObject((s[branch] as Schema).properties)) sum.hasProperties = true;
      }
    };
    visit(ptr, stack, true);
    return sum;
  }

  /** Resolves a `$ref` to a pointer in this document; reports references it cannot follow. */
  private resolveRef(ref: string, from: string): string | undefined {
    let local = ref;
    if (this.baseId && ref.startsWith(this.baseId)) local = ref.slice(this.baseId.length);
    if (local === '' || local === '#') return '';
    if (local.startsWith('#/')) {
      const ptr = decodeURIComponent(local.slice(1));
      if (getPointer(this.doc, ptr) !== undefined) return ptr;
      this.report(diag(MODEL.MW2003, { ref }, this.loc(from)), `ref:${ref}`);
      return undefined;
    }
    if (local.startsWith('#')) {
      const anchored = this.anchors.get(local.slice(1));
      if (anchored !== undefined) return anchored;
      this.report(diag(MODEL.MW2003, { ref }, this.loc(from)), `ref:${ref}`);
      return undefined;
    }
    this.report(diag(MODEL.MW2004, { ref }, this.loc(from)), `ext:${ref}`);
    return undefined;
  }

  private indexAnchors(value: unknown, ptr: string) {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.indexAnchors(v, `${ptr}/${i}`));
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.$anchor === 'string') this.anchors.set(value.$anchor, ptr);
    // draft-07 location-independent identifiers: "$id": "#name"
    if (typeof value.$id === 'string' && value.$id.startsWith('#') && ptr !== '')
      this.anchors.set(value.$id.slice(1), ptr);
    for (const [k, v] of Object.entries(value)) {
      if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue;
      this.indexAnchors(v, `${ptr}/${escapeToken(k)}`);
    }
  }

  private loc(ptr: string, field?: string) {
    const p = this.options.positions?.get(ptr);
    return {
      ...(this.options.file ? { file: this.options.file } : {}),
      ...lineCol(p),
      ...(field ? { field } : {}),
      pointer: ptr,
    };
  }

  private report(d: Diagnostic, key: string) {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(d);
  }
}

function fieldType(s: Summary): FieldType {
  const types = [...s.types].filter((t) => t !== 'null');
  if (types.length === 0) {
    if (s.constValue) return jsType(s.constValue.value);
    if (s.enumValues?.length) {
      const kinds = new Set(s.enumValues.filter((v) => v !== null).map(jsType));
      return kinds.size === 1 ? [...kinds][0] : 'any';
    }
    if (s.hasProperties) return 'object';
    if (s.items) return 'array';
    return s.types.has('null') ? 'null' : 'any';
  }
  if (types.length > 1) return types.every((t) => t === 'integer' || t === 'number') ? 'number' : 'any';
  const t = types[0];
  if (t === 'string') {
    if (s.format === 'date') return 'date';
    if (s.format === 'date-time') return 'datetime';
    if (s.format === 'time') return 'time';
    return 'string';
  }
  if (t === 'integer' || t === 'number' || t === 'boolean' || t === 'object' || t === 'array' || t === 'null') return t;
  return 'any';
}

function jsType(v: unknown): FieldType {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function enumOf(s: Summary): (string | number | boolean)[] | undefined {
  const values = s.enumValues ?? (s.constValue ? [s.constValue.value] : undefined);
  if (!values) return undefined;
  const scalars = values.filter((v): v is string | number | boolean =>
    ['string', 'number', 'boolean'].includes(typeof v),
  );
  return scalars.length ? scalars : undefined;
}

/**
 * Describes an `if` schema in words for `FieldNode.condition`: `objectType.code = VEHICLE`,
 * `precision in minute, second`. Only the shapes of discriminator tests are recognised.
 */
export function describeCondition(ifSchema: unknown, prefix = ''): string | undefined {
  if (!isObject(ifSchema)) return undefined;
  if ('const' in ifSchema) return `${prefix || 'value'} = ${String(ifSchema.const)}`;
  if (Array.isArray(ifSchema.enum)) return `${prefix || 'value'} in ${ifSchema.enum.map(String).join(', ')}`;
  if (!isObject(ifSchema.properties)) return undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(ifSchema.properties)) {
    const d = describeCondition(v, prefix ? `${prefix}.${k}` : k);
    if (d) parts.push(d);
  }
  return parts.length ? parts.join(' and ') : undefined;
}

function join(a: string | undefined, b: string): string {
  return a ? `${a} and ${b}` : b;
}

function lineCol(p?: SourcePosition) {
  return p ? { line: p.line, column: p.column } : {};
}

function isObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escapeToken(t: string) {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads a JSON Pointer (`""`, `/a/b~1c/0`) from a value. */
export function getPointer(doc: unknown, ptr: string): unknown {
  if (ptr === '') return doc;
  let cur: unknown = doc;
  for (const raw of ptr.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, token)) cur = cur[token];
    else return undefined;
  }
  return cur;
}
