/**
 * Source schema import: field trees inferred from samples (CSV/TSV, JSON, NDJSON, XML) or built
 * from schema documents (XSD here, JSON Schema through the model module).
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { walkFields, type FieldTree } from '../model/field-tree';
import type { ReaderOptions } from '../io/index';
import { jsonSchemaToFieldTree } from '../model/json-schema-tree';
import { createRecordParser, createXmlElementParser, sniffCsvDialect, withoutMany } from '../io/index';
import { SaxesParser } from 'saxes';
import { SCHEMA } from './codes';
import { createInferrer, type Inferrer, type SampleFormat } from './infer';
import { xsdToFieldTree } from './xsd';

export { SCHEMA } from './codes';
export { createInferrer, MAX_INFER_DEPTH, type Inferrer, type InferrerOptions, type SampleFormat } from './infer';
export { xsdToFieldTree, type XsdOptions } from './xsd';
export { DATE_PATTERNS, matchDatePattern, TextStats, type DatePattern } from './values';

export type SchemaFormat = SampleFormat | 'xsd' | 'jsonschema';

export interface InferInput {
  name: string;
  format: SchemaFormat;
  content: string;
  /** XML: record element path (detected when omitted). XSD/JSON Schema: the root element/definition. */
  recordPath?: string;
  file?: string;
  /** XSD: other schema files that `xs:include`/`xs:import` may name (file name → text). */
  files?: Record<string, string>;
}

/** At most this many rejected-record diagnostics are kept; the rest are counted. */
const MAX_RECORD_DIAGNOSTICS = 100;

/** Guesses the format from a file name; undefined when the extension says nothing. */
export function formatFromFileName(file: string): SchemaFormat | undefined {
  const f = file.toLowerCase();
  if (f.endsWith('.schema.json')) return 'jsonschema';
  const ext = f.slice(f.lastIndexOf('.') + 1);
  const map: Record<string, SchemaFormat> = { csv: 'csv', tsv: 'tsv', tab: 'tsv', txt: 'csv', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson', xml: 'xml', xsd: 'xsd' };
  return map[ext];
}

/**
 * Infers or imports a field tree. Malformed input never throws: it yields located diagnostics.
 * @example inferSchema({ name: 'offences', format: 'csv', content: text, file: 'offences.csv' })
 */
export function inferSchema(input: InferInput): { tree: FieldTree; diagnostics: Diagnostic[] } {
  const { name, format, file } = input;
  const content = input.content.charCodeAt(0) === 0xfeff ? input.content.slice(1) : input.content;
  if (format === 'xsd') {
    const key = file ?? `${name}.xsd`;
    return xsdToFieldTree({ [key]: content, ...input.files }, { entry: key, name, ...(input.recordPath ? { root: input.recordPath } : {}) });
  }
  if (format === 'jsonschema') {
    try {
      return jsonSchemaToFieldTree(content, { ...(file ? { file } : {}), name, ...(input.recordPath ? { root: input.recordPath } : {}) });
    } catch (e) {
      const tree: FieldTree = { id: `jsonschema:${name}`, name, origin: 'jsonschema', fields: [] };
      return { tree, diagnostics: [diag(SCHEMA.MW1402, { message: (e as Error).message }, { ...(file ? { file } : {}) })] };
    }
  }
  const diagnostics: Diagnostic[] = [];
  const session = createSampleSession(format, { name, file, content: input.content, recordPath: input.recordPath, diagnostics });
  session.push(content);
  const tree = session.finish();
  return { tree, diagnostics: [...diagnostics, ...session.inferrer.diagnostics] };
}

/**
 * A streaming inference session over text pieces: the record parser and the inferrer wired
 * together (used by `inferSchema` and the CLI's constant-memory `infer`).
 * `content` is the start of the input, for dialect and record-path detection.
 */
export function createSampleSession(
  format: SampleFormat,
  opts: { name: string; file?: string; content: string; recordPath?: string; diagnostics: Diagnostic[] },
): { push(text: string): void; finish(): FieldTree; inferrer: Inferrer } {
  const { file, diagnostics } = opts;
  let rejected = 0;
  const onRecordError = (d: Diagnostic) => {
    rejected++;
    if (rejected <= MAX_RECORD_DIAGNOSTICS) diagnostics.push(d);
  };
  const note = (d: Diagnostic) => diagnostics.push(d);
  if (format === 'xml') {
    const recordPath = opts.recordPath ?? detectXmlRecordPath(opts.content);
    const inferrer = createInferrer('xml', { name: opts.name, file, recordPath });
    const parser = createXmlElementParser({ recordPath, file, onDiagnostic: note });
    const take = (events: ReturnType<typeof parser.push>) => {
      for (const e of events) {
        if ('error' in e) onRecordError(e.error);
        else inferrer.add(e.element, { line: e.line, record: e.record });
      }
    };
    return { inferrer, push: (t) => take(parser.push(t)), finish: () => (take(parser.end()), summarise(inferrer.finish())) };
  }
  let dialect: FieldTree['dialect'];
  let delimiter: string | undefined;
  let quote: string | undefined;
  if (format === 'csv' || format === 'tsv') {
    const sniffed = sniffCsvDialect(opts.content.slice(0, 65536));
    delimiter = format === 'tsv' ? '\t' : sniffed.delimiter;
    quote = sniffed.quote;
    dialect = { delimiter, quote, header: true, bom: sniffed.bom, lineEnding: sniffed.lineEnding };
  }
  const inferrer = createInferrer(format, { name: opts.name, file, ...(dialect ? { dialect } : {}) });
  const parser = createRecordParser({
    format,
    file,
    delimiter,
    quote,
    onDiagnostic: note,
    onHeader: (cols, line) => inferrer.setColumns(cols, line),
  });
  const take = (records: ReturnType<typeof parser.push>) => {
    for (const r of records) {
      if ('error' in r) onRecordError(r.error);
      else inferrer.add(r.value, { line: r.line, record: r.record });
    }
  };
  return { inferrer, push: (t) => take(parser.push(t)), finish: () => (take(parser.end()), summarise(inferrer.finish())) };

  function summarise(tree: FieldTree): FieldTree {
    if (rejected > MAX_RECORD_DIAGNOSTICS) diagnostics.push(diag(SCHEMA.MW1206, { count: rejected - MAX_RECORD_DIAGNOSTICS }, { ...(file ? { file } : {}) }));
    return tree;
  }
}

/**
 * Picks the XML record element: the most frequent child of the root when it repeats
 * (`/Export/Offence`), else the root itself (`/Export`, the document is one record). Reads only
 * the given text, so callers pass the start of a large file.
 */
export function detectXmlRecordPath(text: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let depth = 0;
  let root = '';
  const counts = new Map<string, number>();
  parser.on('opentag', (t) => {
    depth++;
    if (depth === 1) root = t.local;
    else if (depth === 2) counts.set(t.local, (counts.get(t.local) ?? 0) + 1);
  });
  parser.on('closetag', () => {
    depth--;
  });
  parser.on('error', () => undefined);
  try {
    parser.write(text);
  } catch {
    /* a truncated prefix or malformed text: use what was seen; the real read reports errors */
  }
  let best = '';
  let bestCount = 0;
  for (const [k, v] of counts) if (v > bestCount) [best, bestCount] = [k, v];
  if (!root) return '/*';
  return bestCount > 1 ? `/${root}/${best}` : `/${root}`;
}

/**
 * Reader options that read records the way a tree was inferred: format, CSV dialect, XML record
 * path, and the XML elements that must always be arrays (so a record with one `Person` still
 * yields `Person: [...]`). Undefined for schema trees without a record format.
 * @example readRecords(chunks, readerOptionsForTree(tree, 'offences.xml')!)
 */
export function readerOptionsForTree(tree: FieldTree, file?: string): ReaderOptions | undefined {
  const base = file ? { file } : {};
  switch (tree.origin) {
    case 'csv':
    case 'tsv':
      return { ...base, format: tree.origin, ...(tree.dialect ? { delimiter: tree.dialect.delimiter, quote: tree.dialect.quote, header: tree.dialect.header } : {}) };
    case 'json':
    case 'ndjson':
      return { ...base, format: tree.origin };
    case 'xml':
    case 'xsd': {
      const repeated = [...walkFields(tree.fields)].filter((f) => f.cardinality === 'many').map((f) => withoutMany(f.path));
      return { ...base, format: 'xml', ...(tree.recordPath ? { recordPath: tree.recordPath } : {}), ...(repeated.length ? { repeated } : {}) };
    }
    default:
      return undefined;
  }
}
