/**
 * Field-tree inference from sample records. One `Stat` per field keeps bounded running statistics
 * (counts, a few examples, pattern tallies), so a 1 GB file infers in constant memory through
 * {@link createInferrer}; `inferSchema` (index.ts) drives the same inferrer over a string.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { joinPath, type FieldNode, type FieldTree, type FieldType, type SourcePosition } from '../model/field-tree';
import type { XmlElement } from '../io/xml';
import { SCHEMA } from './codes';
import { TextStats, mergeTextStats } from './values';

/** Formats inferred from samples. */
export type SampleFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml';

/** JSON nesting below this depth is typed `any` (guards the tree and its consumers against abuse). */
export const MAX_INFER_DEPTH = 64;
const MAX_EXAMPLES = 5;
/** Per-record problems listed before the rest are only counted. */
const MAX_LISTED = 100;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

type Kind = 'text' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'deep';

class Stat {
  present = 0;
  /** Parent occurrences that had this key at least once. */
  parents = 0;
  empty = 0;
  kinds = new Map<Kind, number>();
  text?: TextStats;
  examples: unknown[] = [];
  children = new Map<string, Stat>();
  objects = 0;
  items?: Stat;
  arrays = 0;
  minLen = Number.POSITIVE_INFINITY;
  /** XML: most occurrences of this element inside one parent. */
  maxPerParent = 0;
  minPerParent = Number.POSITIVE_INFINITY;
  position?: SourcePosition;
  xml?: FieldNode['xml'];
  constructor(private readonly textTyping: boolean) {}

  get isTextTyped(): boolean {
    return this.textTyping;
  }
  kind(k: Kind): void {
    this.kinds.set(k, (this.kinds.get(k) ?? 0) + 1);
  }
  example(v: unknown): void {
    if (this.examples.length < MAX_EXAMPLES && !this.examples.includes(v)) this.examples.push(v);
  }
  addText(s: string): void {
    this.kind('text');
    (this.text ??= new TextStats(this.textTyping)).add(s);
    this.example(s);
  }
  child(name: string): Stat {
    let c = this.children.get(name);
    if (!c) {
      c = new Stat(this.textTyping);
      this.children.set(name, c);
    }
    return c;
  }
}

export interface InferrerOptions {
  /** Tree name (e.g. the file's base name). */
  name: string;
  file?: string;
  /** XML: the record path the elements were selected with. */
  recordPath?: string;
  /** CSV: the detected dialect, recorded on the tree. */
  dialect?: FieldTree['dialect'];
}

/** Streaming inference: add records one by one, then `finish()` builds the tree. */
export interface Inferrer {
  /** Adds one record: a parsed value (csv/tsv/json/ndjson) or an {@link XmlElement} (xml). */
  add(record: unknown, at?: { line?: number; record?: number }): void;
  /** CSV/TSV: the header's column names in order, so empty columns still appear. */
  setColumns(columns: readonly string[], line?: number): void;
  /** Warnings and errors found while inferring (mixed types, deep nesting, rejected records). */
  readonly diagnostics: Diagnostic[];
  finish(): FieldTree;
}

/**
 * Creates a streaming inferrer.
 * @example const inf = createInferrer('ndjson', { name: 'offences' }); for (const r of records) inf.add(r); inf.finish()
 */
export function createInferrer(format: SampleFormat, options: InferrerOptions): Inferrer {
  const textTyping = format === 'csv' || format === 'tsv' || format === 'xml';
  const root = new Stat(textTyping);
  const diagnostics: Diagnostic[] = [];
  const file = options.file;
  let records = 0;
  let columns: string[] | undefined;
  let deepWarned = false;
  let notObjects = 0;

  const pos = (line?: number, column = 1): SourcePosition | undefined =>
    line === undefined ? undefined : { ...(file ? { file } : {}), line, column };

  const addJson = (stat: Stat, v: unknown, depth: number, line?: number): void => {
    stat.present++;
    if (!stat.position && line !== undefined) stat.position = pos(line);
    if (v === null || v === undefined || v === '') {
      stat.empty++;
      return;
    }
    if (depth > MAX_INFER_DEPTH) {
      stat.kind('deep');
      if (!deepWarned) {
        deepWarned = true;
        diagnostics.push(diag(SCHEMA.MW1203, { max: MAX_INFER_DEPTH }, { ...(file ? { file } : {}), ...(line ? { line } : {}) }));
      }
      return;
    }
    switch (typeof v) {
      case 'string':
        stat.addText(v);
        return;
      case 'number':
        stat.kind(Number.isInteger(v) ? 'integer' : 'number');
        stat.example(v);
        return;
      case 'boolean':
        stat.kind('boolean');
        stat.example(v);
        return;
    }
    if (Array.isArray(v)) {
      stat.kind('array');
      stat.arrays++;
      stat.minLen = Math.min(stat.minLen, v.length);
      stat.maxPerParent = Math.max(stat.maxPerParent, v.length);
      const items = (stat.items ??= new Stat(textTyping));
      for (const el of v) addJson(items, el, depth + 1, line);
      return;
    }
    stat.kind('object');
    stat.objects++;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const c = stat.child(k);
      c.parents++;
      addJson(c, child, depth + 1, line);
    }
  };

  const addXml = (stat: Stat, el: XmlElement, depth: number): void => {
    stat.present++;
    if (!stat.position) stat.position = { ...(file ? { file } : {}), line: el.line, column: el.column };
    if (depth > MAX_INFER_DEPTH) {
      stat.kind('deep');
      return;
    }
    let nil = false;
    const attrs = el.attributes.filter((a) => {
      if (a.uri === XSI) {
        if (a.local === 'nil' && (a.value === 'true' || a.value === '1')) nil = true;
        return false;
      }
      return true;
    });
    if (nil) {
      stat.empty++;
      return;
    }
    const mixed = el.text.map((t) => t.trim()).filter(Boolean).join(' ');
    if (attrs.length === 0 && el.children.length === 0) {
      const text = el.text.join('');
      if (text.trim() === '') stat.empty++;
      else stat.addText(text);
      return;
    }
    stat.kind('object');
    stat.objects++;
    for (const a of attrs) {
      const c = stat.child(`@${a.local}`);
      c.xml ??= { attribute: true, ...(a.uri ? { namespace: a.uri } : {}), ...(a.prefix ? { prefix: a.prefix } : {}) };
      c.position ??= { ...(file ? { file } : {}), line: el.line, column: el.column };
      c.present++;
      c.parents++;
      if (a.value === '') c.empty++;
      else c.addText(a.value);
    }
    const counts = new Map<string, number>();
    for (const ch of el.children) counts.set(ch.local, (counts.get(ch.local) ?? 0) + 1);
    for (const [name, n] of counts) {
      const c = stat.child(name);
      c.parents++;
      c.maxPerParent = Math.max(c.maxPerParent, n);
      c.minPerParent = Math.min(c.minPerParent, n);
    }
    for (const ch of el.children) {
      const c = stat.child(ch.local);
      c.xml ??= { ...(ch.uri ? { namespace: ch.uri } : {}), ...(ch.prefix ? { prefix: ch.prefix } : {}) };
      addXml(c, ch, depth + 1);
    }
    if (mixed) {
      const c = stat.child('#text');
      c.xml ??= { text: true };
      c.present++;
      c.parents++;
      c.addText(mixed);
    }
  };

  const inferrer: Inferrer = {
    diagnostics,
    setColumns(cols, line = 1) {
      columns = [...cols];
      let column = 1;
      for (const c of cols) {
        const s = root.child(c);
        s.position = pos(line, column);
        column += c.length + 1;
      }
    },
    add(record, at) {
      records++;
      if (format === 'xml') {
        const el = record as XmlElement;
        // the record element itself is the root: its attributes and children are the fields
        addXml(root, el, 0);
        return;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        if (++notObjects > MAX_LISTED) return;
        diagnostics.push(
          diag(SCHEMA.MW1205, { found: record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record }, {
            ...(file ? { file } : {}),
            ...(at?.line ? { line: at.line } : {}),
            ...(at?.record ? { record: at.record } : {}),
          }),
        );
        return;
      }
      if (columns) {
        // CSV: an absent key is an empty cell
        root.objects++;
        const obj = record as Record<string, unknown>;
        for (const c of columns) {
          const s = root.child(c);
          s.parents++;
          s.present++;
          const v = obj[c];
          if (typeof v !== 'string' || v === '') s.empty++;
          else s.addText(v);
        }
        return;
      }
      addJson(root, record, 0, at?.line);
    },
    finish() {
      const fields: FieldNode[] = [];
      const total = root.objects;
      for (const [name, s] of root.children) fields.push(buildNode(name, s, '', total || records, diagnostics, file));
      if (records === 0) diagnostics.push(diag(SCHEMA.MW1204, {}, { ...(file ? { file } : {}) }));
      if (notObjects > MAX_LISTED) diagnostics.push(diag(SCHEMA.MW1206, { count: notObjects - MAX_LISTED }, { ...(file ? { file } : {}) }));
      return {
        id: `source:${slug(options.name)}`,
        name: options.name,
        origin: format,
        ...(options.recordPath ? { recordPath: options.recordPath } : {}),
        ...(options.dialect ? { dialect: options.dialect } : {}),
        recordCount: records,
        fields,
      };
    },
  };
  return inferrer;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/\.[a-z0-9]+$/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'source'
  );
}

function scalarType(s: Stat, name: string): { type: FieldType; pattern?: string; format?: string; agreed: number; mixed?: string; best?: { type: string; agreed: number } } {
  const kinds = [...s.kinds.keys()];
  const nonEmpty = s.present - s.empty;
  if (kinds.includes('deep')) return { type: 'any', agreed: nonEmpty };
  if (kinds.length === 0) return { type: s.isTextTyped ? 'string' : 'null', agreed: 0 };
  if (kinds.length === 1) {
    switch (kinds[0]) {
      case 'integer':
        return { type: 'integer', agreed: nonEmpty };
      case 'number':
        return { type: 'number', agreed: nonEmpty };
      case 'boolean':
        return { type: 'boolean', agreed: nonEmpty };
      case 'object':
        return { type: 'object', agreed: nonEmpty };
      case 'array':
        return { type: 'array', agreed: nonEmpty };
      case 'text':
        return s.text!.decide(name);
    }
  }
  if (kinds.every((k) => k === 'integer' || k === 'number')) return { type: 'number', agreed: nonEmpty };
  const counts = kinds.map((k) => `${k === 'text' ? 'string' : k} ×${s.kinds.get(k)}`).join(', ');
  return { type: 'any', agreed: Math.max(...s.kinds.values()), mixed: counts };
}

function buildNode(name: string, s: Stat, parentPath: string, parentTotal: number, diagnostics: Diagnostic[], file?: string): FieldNode {
  const jsonArray = s.kinds.size === 1 && s.kinds.has('array');
  const xmlRepeated = s.maxPerParent > 1 && !jsonArray;
  // XML: an element seen both with and without structure keeps its plain text as `#text`
  if (s.objects > 0 && s.text && s.kinds.has('text')) {
    const t = s.child('#text');
    t.xml ??= { text: true };
    t.present += s.text.count;
    t.parents += s.text.count;
    if (!t.text) t.text = s.text;
    else mergeTextStats(t.text, s.text);
    for (const ex of s.examples) t.example(ex);
    // the plain occurrences count as objects too, so siblings of `#text` read as optional
    s.objects += s.text.count;
    s.kinds.delete('text');
    s.text = undefined;
    s.examples = [];
  }
  const many = jsonArray || xmlRepeated;
  const path = joinPath(parentPath, name, many);
  const item = jsonArray ? (s.items ?? new Stat(false)) : s;
  const t = scalarType(item, name);
  const node: FieldNode = { path, name, type: many ? 'array' : t.type, cardinality: 'optional' };
  if (many) {
    node.itemType = t.type;
    node.cardinality = 'many';
    const min = jsonArray ? (s.parents === parentTotal && s.empty === 0 ? s.minLen : 0) : s.parents === parentTotal ? s.minPerParent : 0;
    node.minOccurs = Number.isFinite(min) ? min : 0;
  } else {
    node.cardinality = s.parents === parentTotal && s.empty === 0 && s.present > 0 ? 'one' : 'optional';
  }
  if (t.pattern) node.pattern = t.pattern;
  if (t.format) node.format = t.format;
  if (item.examples.length && t.type !== 'object') node.examples = [...item.examples];
  const seen = many ? s.parents - (jsonArray ? s.empty : 0) : s.present - s.empty;
  // for collections typeAgreed would count items, not parents: item agreement shows as MW1201
  node.stats = many ? { seen, total: parentTotal, empty: s.empty } : { seen, total: parentTotal, typeAgreed: t.agreed, empty: s.empty };
  if (s.position) node.position = s.position;
  if (s.xml) node.xml = s.xml;
  const where = { ...(file ? { file } : {}), field: path };
  if (t.mixed) {
    node.doc = `Mixed types in the sample: ${t.mixed}`;
    diagnostics.push(diag(SCHEMA.MW1201, { field: path, kinds: t.mixed }, where));
  } else if (t.best && t.best.agreed < t.agreed) {
    const example = item.examples.find((e) => typeof e === 'string') ?? '';
    diagnostics.push(diag(SCHEMA.MW1202, { field: path, agreed: t.best.agreed, seen: t.agreed, type: t.best.type, example: JSON.stringify(example) }, where));
  }
  if (item.present > 0 && item.present === item.empty && t.type !== 'null') node.doc ??= 'Always empty in the sample';
  if (t.type === 'object' && item.children.size) {
    const childTotal = item.objects;
    node.children = [...item.children].map(([n, c]) => buildNode(n, c, path, childTotal, diagnostics, file));
  }
  return node;
}
