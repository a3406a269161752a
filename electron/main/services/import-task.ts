/**
 * The work of one import, run inside a worker thread (see ../worker/run-worker.ts): the content is
 * fed to the engine's streaming readers/inferrer in slices so progress can be reported between
 * them. Cancelling terminates the worker, so nothing here needs to poll for it.
 */
import { diag } from '../../../mappings/diagnostics/catalog';
import type { Diagnostic } from '../../../mappings/diagnostics/diagnostic';
import { createRecordParser, type ReaderOptions, type SourceRecord } from '../../../mappings/io/index';
import type { FieldTree } from '../../../mappings/model/field-tree';
import { SCHEMA, createSampleSession, detectXmlRecordPath, inferSchema } from '../../../mappings/schema/index';
import type { ImportKind, ImportPhase, SampleSummary, SchemaImportFormat } from '../../shared/api';

export interface ImportTask {
  mode: ImportKind;
  name: string;
  format: SchemaImportFormat;
  content: string;
  recordPath?: string;
}

export interface ImportTaskResult {
  records: number;
  rejected: number;
  diagnostics: Diagnostic[];
  /** Schema imports: the inferred tree. */
  tree?: FieldTree;
  recordPath?: string;
}

export type ImportProgress = (p: { phase: ImportPhase; done: number; total: number; records: number }) => void;

/** At most this many record problems travel back; the rest are counted (as the inferrer does). */
export const MAX_IMPORT_DIAGNOSTICS = 100;
/** Slice size: small enough for frequent progress, large enough that slicing costs nothing. */
const SLICE = 256 * 1024;

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Reads (sample) or infers (schema) `task.content`, reporting progress per slice. */
export function runImportTask(task: ImportTask, progress: ImportProgress): ImportTaskResult {
  const body = stripBom(task.content);
  const total = body.length;
  if (task.mode === 'schema' && (task.format === 'xsd' || task.format === 'jsonschema')) {
    // Schema documents are parsed whole (XSD includes, JSON Schema $refs): no useful midpoints.
    progress({ phase: 'inferring', done: 0, total, records: 0 });
    const { tree, diagnostics } = inferSchema({ name: task.name, format: task.format, content: body, file: task.name, ...(task.recordPath ? { recordPath: task.recordPath } : {}) });
    progress({ phase: 'inferring', done: total, total, records: 0 });
    return { records: 0, rejected: 0, diagnostics, tree, ...(tree.recordPath ? { recordPath: tree.recordPath } : {}) };
  }
  const format = task.format as SampleSummary['format'];
  const recordPath = format === 'xml' ? (task.recordPath ?? detectXmlRecordPath(body.slice(0, 65536))) : undefined;

  if (task.mode === 'schema') {
    const diagnostics: Diagnostic[] = [];
    const session = createSampleSession(format, { name: task.name, file: task.name, content: body.slice(0, 65536), ...(recordPath ? { recordPath } : {}), diagnostics });
    for (let i = 0; i < total; i += SLICE) {
      session.push(body.slice(i, i + SLICE));
      progress({ phase: 'inferring', done: Math.min(total, i + SLICE), total, records: 0 });
    }
    const tree = session.finish();
    const all = [...diagnostics, ...session.inferrer.diagnostics];
    const rejected = all.filter((d) => d.severity === 'error' && d.location.record !== undefined).length;
    return { records: tree.recordCount ?? 0, rejected, diagnostics: all, tree, ...(recordPath ? { recordPath } : {}) };
  }

  // A sample: read every record with the same reader options preview and runs use.
  const diagnostics: Diagnostic[] = [];
  const options: ReaderOptions = { format, file: task.name, onDiagnostic: (d) => diagnostics.length < MAX_IMPORT_DIAGNOSTICS && diagnostics.push(d), ...(recordPath ? { recordPath } : {}) };
  const parser = createRecordParser(options);
  let records = 0;
  let rejected = 0;
  const take = (rs: SourceRecord[]) => {
    for (const r of rs) {
      records++;
      if ('error' in r) {
        rejected++;
        if (diagnostics.length < MAX_IMPORT_DIAGNOSTICS) diagnostics.push(r.error);
      }
    }
  };
  for (let i = 0; i < total; i += SLICE) {
    take(parser.push(body.slice(i, i + SLICE)));
    progress({ phase: 'reading', done: Math.min(total, i + SLICE), total, records });
  }
  take(parser.end());
  const listed = diagnostics.filter((d) => d.location.record !== undefined).length;
  if (rejected > listed) diagnostics.push(diag(SCHEMA.MW1206, { count: rejected - listed }, { file: task.name }));
  return { records, rejected, diagnostics, ...(recordPath ? { recordPath } : {}) };
}
