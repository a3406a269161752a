/**
 * The import dialog's logic, kept out of React so it is tested directly: format detection from a
 * file's name and first bytes, the form's defaults and checks, the command that puts an imported
 * schema into the mapping document (one undoable edit), and which mapped fields a re-import loses.
 */
import type { ImportKind, SampleSummary, SchemaImportFormat } from '../../../../electron/shared/api';
import type { MappingDocument, SourceDecl } from '../../../../mappings/document/types';
import { walkFields, type FieldTree } from '../../../../mappings/model/field-tree';
import { detectXmlRecordPath, formatFromFileName } from '../../../../mappings/schema/index';
import { SaxesParser } from 'saxes';
import type { Command, Op } from '../store/commands';
import { absoluteFieldPath, collectIds, ruleScopes, visitValues } from '../graph/walk';

export type SampleFormat = SampleSummary['format'];

/** Bytes read from a file to detect its format and XML record element. */
export const HEAD_BYTES = 64 * 1024;
/** Same figure as the host's cap (electron/main/services/imports.ts `SAMPLE_MAX_BYTES`). */
export const SAMPLE_MAX_BYTES = 64 * 1024 * 1024;

export const FORMAT_LABELS: Record<SchemaImportFormat, string> = {
  csv: 'CSV',
  tsv: 'TSV (tab-separated)',
  json: 'JSON (array of records)',
  ndjson: 'NDJSON (one record per line)',
  xml: 'XML',
  xsd: 'XSD (XML Schema)',
  jsonschema: 'JSON Schema',
};
export const SAMPLE_FORMATS: SampleFormat[] = ['csv', 'tsv', 'json', 'ndjson', 'xml'];
export const SCHEMA_FORMATS: SchemaImportFormat[] = ['csv', 'tsv', 'json', 'ndjson', 'xml', 'xsd', 'jsonschema'];

const isSampleFormat = (f: SchemaImportFormat): f is SampleFormat => (SAMPLE_FORMATS as string[]).includes(f);

/**
 * The format of a file, from its extension when that is telling, else from its first bytes.
 * @example detectFormat('export.txt', '{"a":1}\n{"a":2}\n') // 'ndjson'
 */
export function detectFormat(fileName: string, head: string): SchemaImportFormat {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const byName = formatFromFileName(fileName);
  const trimmed = text.trimStart();
  if (byName === 'xml' && /<(?:[\w-]+:)?schema\b[^>]*XMLSchema/.test(trimmed.slice(0, 4096))) return 'xsd';
  if (byName === 'json' && looksLikeJsonSchema(trimmed)) return 'jsonschema';
  if (byName === 'json' && isNdjson(trimmed)) return 'ndjson';
  // `.txt` maps to CSV by name, but its content may say otherwise.
  if (byName && !fileName.toLowerCase().endsWith('.txt')) return byName;
  if (trimmed.startsWith('<')) return /<(?:[\w-]+:)?schema\b[^>]*XMLSchema/.test(trimmed.slice(0, 4096)) ? 'xsd' : 'xml';
  if (trimmed.startsWith('[')) return 'json';
  if (trimmed.startsWith('{')) return looksLikeJsonSchema(trimmed) ? 'jsonschema' : isNdjson(trimmed) ? 'ndjson' : 'json';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? 'tsv' : 'csv';
}

function looksLikeJsonSchema(text: string): boolean {
  return /"\$schema"\s*:\s*"[^"]*json-schema/.test(text.slice(0, 4096)) || /^\{\s*"(?:\$id|\$defs|definitions)"/.test(text);
}

/** Two or more lines that each start a JSON object: one record per line. */
function isNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) return false;
  const complete = lines.slice(0, -1).slice(0, 20);
  return complete.every((l) => l.trimStart().startsWith('{') && l.trimEnd().endsWith('}'));
}

/**
 * Record element choices for an XML file: the detected one first, then the root and each element
 * under it (the document may be one record, or records may sit one level deeper).
 */
export function xmlRecordCandidates(head: string): string[] {
  const detected = detectXmlRecordPath(head);
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  const seen = new Set<string>();
  parser.on('opentag', (t) => {
    stack.push(t.local);
    if (stack.length <= 3) seen.add('/' + stack.join('/'));
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', () => undefined);
  try {
    parser.write(head);
  } catch {
    /* a truncated or malformed head: offer what was seen */
  }
  return [...new Set([detected, ...[...seen].filter((p) => p !== detected)])].filter((p) => p !== '/*');
}

/** `''` as `sourceId` means "a new source", named `newSourceName`. */
export interface ImportForm {
  kind: ImportKind;
  sourceId: string;
  newSourceName: string;
  format: SchemaImportFormat;
  recordPath: string;
}

export interface PickedFile {
  name: string;
  size: number;
  /** The first {@link HEAD_BYTES} of the file as text. */
  head: string;
}

/** A source's display name without the file extension, e.g. `Offences` from `offences.csv`. */
export function sourceNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(schema\.json|[^.]+)$/i, '').replace(/[_-]+/g, ' ').trim();
  return base ? base[0].toUpperCase() + base.slice(1) : 'Source';
}

/**
 * Defaults for a picked file: schema documents and projects without sources import a schema (a
 * sample needs a source to belong to); otherwise a sample for the primary source.
 */
export function initialForm(file: PickedFile, sources: readonly SourceDecl[]): ImportForm {
  const format = detectFormat(file.name, file.head);
  const kind: ImportKind = !isSampleFormat(format) || sources.length === 0 ? 'schema' : 'sample';
  const primary = sources.find((s) => s.primary) ?? sources[0];
  return {
    kind,
    sourceId: primary?.id ?? '',
    newSourceName: sources.length === 0 ? sourceNameFromFile(file.name) : '',
    format,
    // A sample is read the way its source is: the source's record element wins over detection.
    recordPath: format === 'xml' ? ((kind === 'sample' ? primary?.recordPath : undefined) ?? xmlRecordCandidates(file.head)[0] ?? '') : '',
  };
}

/** What stops the form from being submitted, by field; empty when it can go. */
export function formProblems(form: ImportForm, file: PickedFile, sources: readonly SourceDecl[]): Partial<Record<'kind' | 'source' | 'format' | 'recordPath' | 'file', string>> {
  const p: Partial<Record<'kind' | 'source' | 'format' | 'recordPath' | 'file', string>> = {};
  if (form.kind === 'sample' && !isSampleFormat(form.format)) p.format = `${FORMAT_LABELS[form.format]} describes records; import it as the source's schema.`;
  if (form.kind === 'sample' && !form.sourceId) p.source = 'A sample belongs to a source: pick one, or import the schema first to create it.';
  if (form.kind === 'sample' && form.sourceId && !sources.some((s) => s.id === form.sourceId)) p.source = 'That source is no longer in the mapping.';
  if (form.kind === 'schema' && !form.sourceId) {
    const name = form.newSourceName.trim();
    if (!name) p.source = 'Name the new source.';
    else if (name.length > 200) p.source = 'Use at most 200 characters.';
    else if (sources.some((s) => s.name.trim().toLowerCase() === name.toLowerCase())) p.source = `A source named “${name}” already exists; pick it to re-import its schema.`;
  }
  if (form.format === 'xml' && form.recordPath && !/^\/\/?[^/\s]+(\/[^/\s]+)*$/.test(form.recordPath)) p.recordPath = 'Write the record element as a path from the root, e.g. /Export/Offence.';
  if (form.kind === 'sample' && file.size > SAMPLE_MAX_BYTES) p.file = `The file is ${formatBytes(file.size)}; samples are limited to ${formatBytes(SAMPLE_MAX_BYTES)}. Use a smaller extract here, and "mapwright run" for the whole file.`;
  if (form.kind === 'schema' && file.size > SAMPLE_MAX_BYTES) p.file = `The file is ${formatBytes(file.size)}; imports are limited to ${formatBytes(SAMPLE_MAX_BYTES)}. Infer the schema from a smaller extract.`;
  return p;
}

/** `1.5 MB`, `820 KB`, `12 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** A source id not used anywhere in the document, from its name (`src-offences`, `src-offences-2`). */
export function newSourceId(doc: MappingDocument, name: string): string {
  const used = collectIds(doc);
  const base = `src-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'source'}`;
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** The record format a source keeps when its schema came from a schema document. */
const sourceFormatFor = (f: SchemaImportFormat, current?: SampleFormat): SampleFormat => (f === 'xsd' ? 'xml' : f === 'jsonschema' ? (current ?? 'json') : f);

export interface SchemaImport {
  tree: FieldTree;
  schemaHash: string;
  recordPath?: string;
  format: SchemaImportFormat;
  fileName: string;
}

/**
 * The edit that puts an imported tree into the document: a new source (primary when there is none
 * yet), or the existing source's schema, record path and hash replaced. Field paths are stable, so
 * rules reading fields that are still there keep working.
 */
export function schemaImportCommand(doc: MappingDocument, form: ImportForm, imported: SchemaImport): { command: Command; sourceId: string } {
  if (!form.sourceId) {
    const name = form.newSourceName.trim();
    const id = newSourceId(doc, name);
    const source: SourceDecl = {
      id,
      name,
      format: sourceFormatFor(imported.format),
      primary: !doc.sources.some((s) => s.primary),
      ...(imported.recordPath ? { recordPath: imported.recordPath } : {}),
      schema: { ...imported.tree, name },
      schemaHash: imported.schemaHash,
    };
    return { sourceId: id, command: { label: `Add source “${name}” from ${imported.fileName}`, ops: [{ op: 'insert', path: ['sources'], index: doc.sources.length, value: source }] } };
  }
  const index = doc.sources.findIndex((s) => s.id === form.sourceId);
  if (index < 0) throw new Error(`Source "${form.sourceId}" is not in the mapping`);
  const current = doc.sources[index];
  const ops: Op[] = [
    { op: 'set', path: ['sources', index, 'schema'], value: { ...imported.tree, name: current.name } },
    { op: 'set', path: ['sources', index, 'schemaHash'], value: imported.schemaHash },
    { op: 'set', path: ['sources', index, 'format'], value: sourceFormatFor(imported.format, current.format) },
    { op: 'set', path: ['sources', index, 'recordPath'], value: imported.recordPath },
  ];
  return { sourceId: current.id, command: { label: `Re-import the schema of “${current.name}” from ${imported.fileName}`, ops } };
}

/**
 * Source fields the mapping reads (field references, loop collections, join keys) that were in the
 * source's old tree and are not in `next`: what a re-import breaks. Expression text is not parsed
 * here; the checker reports unknown fields in expressions after the import.
 */
export function lostMappedFields(doc: MappingDocument, sourceId: string, next: FieldTree): string[] {
  const source = doc.sources.find((s) => s.id === sourceId);
  if (!source) return [];
  const old = new Set([...walkFields(source.schema.fields)].map((f) => f.path));
  const now = new Set([...walkFields(next.fields)].map((f) => f.path));
  const read = new Set<string>();
  if (source.primary) {
    const scopes = ruleScopes(doc);
    for (const chain of scopes.values()) for (const l of chain) read.add(l.prefix);
    visitValues(doc, (site) => {
      if (site.node.kind === 'field') read.add(absoluteFieldPath(site.node, scopes.get(site.ruleId) ?? []));
    });
  }
  // A joined (secondary) source's fields are read as its join keys and under the join's name.
  for (const j of doc.joins.filter((x) => x.source === sourceId)) {
    for (const on of j.on) read.add(on.foreign);
    if (!source.primary) {
      const scopes = ruleScopes(doc);
      visitValues(doc, (site) => {
        if (site.node.kind !== 'field') return;
        const abs = absoluteFieldPath(site.node, scopes.get(site.ruleId) ?? []);
        for (const prefix of [`${j.as}[].`, `${j.as}.`]) if (abs.startsWith(prefix)) read.add(abs.slice(prefix.length));
      });
    }
  }
  return [...read].filter((p) => old.has(p) && !now.has(p)).sort();
}

/** Source fields in `next` that the old tree did not have (shown after a re-import). */
export function addedFields(previous: FieldTree | undefined, next: FieldTree): string[] {
  const old = new Set(previous ? [...walkFields(previous.fields)].map((f) => f.path) : []);
  return [...walkFields(next.fields)].map((f) => f.path).filter((p) => !old.has(p));
}
