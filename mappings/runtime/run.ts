/**
 * Streams records through a compiled transform and reconciles by construction: every record read
 * is either written or rejected — reader errors, filter and value-map rejects, target-model
 * validation failures and anything thrown inside the transform all become reject lines; nothing
 * stops the run and nothing is dropped.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { MappingDocument } from '../document/types';
import type { SourceRecord } from '../io/types';
import { RUN_CODES } from './codes';
import { errorReject, joinKey, readPath, type JoinIndex, type Seg } from './helpers';
import { parsePath } from '../model/field-tree';

/**
 * Thrown by an `onOutput` callback that cannot write one document (e.g. it cannot be serialised):
 * the record is rejected with this code and message instead of stopping the run.
 */
export class OutputRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputRejected';
  }
}

/** The transform signature of a compiled module (see compiler/compile.ts). */
export type Transform = (
  record: unknown,
  ctx: { file?: string; record?: number; line?: number; params?: Record<string, unknown>; joins?: JoinIndex },
) => { ok: true; output: Record<string, unknown> } | { ok: false; reject: { code: string; message: string; ruleId?: string; nodeId?: string; field?: string } };

/** A validator from the target model: `(doc) => {valid, errors}` (see model `createValidator`). */
export type OutputValidator = (doc: unknown) => { valid: boolean; errors: { path: string; message: string; keyword?: string }[] };

/** One line of the rejects NDJSON file. */
export interface RejectLine {
  record: number;
  line: number;
  file?: string;
  code: string;
  message: string;
  ruleId?: string;
  nodeId?: string;
  field?: string;
  /** Target-model validation errors (code MW6201). */
  errors?: { path: string; message: string; keyword?: string }[];
  /** The input record, when requested (never for reader errors: there is no value). */
  input?: unknown;
}

export interface RunCounts {
  read: number;
  written: number;
  rejected: number;
}

export interface RunOptions {
  transform: Transform;
  records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>;
  /** Input file name for contexts and reject lines. */
  file?: string;
  params?: Record<string, unknown>;
  joins?: JoinIndex;
  validate?: OutputValidator;
  /** Called for each written document; a returned promise is awaited (backpressure). */
  onOutput(doc: Record<string, unknown>, rec: SourceRecord): void | Promise<void>;
  onReject(reject: RejectLine, rec: SourceRecord): void | Promise<void>;
  /** Called after every record with the running counts. */
  onProgress?(counts: RunCounts): void;
  /** Copy the input record into reject lines (off by default: rejects files travel further than you think). */
  includeInput?: boolean;
}

function rejectFromDiagnostic(d: Diagnostic, rec: SourceRecord, file: string | undefined): RejectLine {
  const where = [d.location.line !== undefined ? `line ${d.location.line}` : '', d.location.column !== undefined ? `column ${d.location.column}` : ''].filter(Boolean).join(', ');
  return {
    record: rec.record,
    line: d.location.line ?? rec.line,
    ...((d.location.file ?? file) !== undefined ? { file: d.location.file ?? file } : {}),
    code: d.code,
    message: where && !d.message.includes(where) ? `${d.message} (${where})` : d.message,
    ...(d.location.field ? { field: d.location.field } : {}),
  };
}

/**
 * Runs a transform over records. Resolves with the counts; `read === written + rejected` always.
 * @example
 * const counts = await runMapping({ transform, records: readRecords(chunks, { format: 'ndjson' }),
 *   onOutput: (doc) => out.push(doc), onReject: (r) => rejects.push(r) });
 */
export async function runMapping(options: RunOptions): Promise<RunCounts> {
  const { transform, file, params, joins, validate, onOutput, onReject, onProgress, includeInput } = options;
  const counts: RunCounts = { read: 0, written: 0, rejected: 0 };
  const reject = async (line: RejectLine, rec: SourceRecord) => {
    counts.rejected++;
    const p = onReject(line, rec);
    if (p) await p;
  };
  const write = async (doc: Record<string, unknown>, rec: SourceRecord, base: { record: number; line: number; file?: string }) => {
    try {
      const p = onOutput(doc, rec);
      if (p) await p;
      counts.written++;
    } catch (e) {
      if (!(e instanceof OutputRejected)) throw e;
      await reject({ ...base, code: e.code, message: e.message, ...(includeInput && 'value' in rec ? { input: rec.value } : {}) }, rec);
    }
  };
  for await (const rec of options.records) {
    counts.read++;
    if ('error' in rec) {
      await reject(rejectFromDiagnostic(rec.error, rec, file), rec);
      onProgress?.(counts);
      continue;
    }
    const base = { record: rec.record, line: rec.line, ...(file !== undefined ? { file } : {}) };
    let result: ReturnType<Transform>;
    try {
      result = transform(rec.value, { ...(file !== undefined ? { file } : {}), record: rec.record, line: rec.line, ...(params ? { params } : {}), ...(joins ? { joins } : {}) });
    } catch (e) {
      // A transform catches its own errors; this guards hand-written or foreign transforms.
      result = { ok: false, reject: errorReject(e) };
    }
    if (!result.ok) {
      await reject({ ...base, ...result.reject, ...(includeInput ? { input: rec.value } : {}) }, rec);
    } else if (validate) {
      const v = validate(result.output);
      if (!v.valid) {
        const first = v.errors[0];
        await reject(
          {
            ...base,
            code: RUN_CODES.invalid,
            message: `The output does not match the target model (${v.errors.length} error${v.errors.length === 1 ? '' : 's'}; first: ${first ? (first.message.startsWith(first.path) ? first.message : `${first.path} ${first.message}`) : 'unknown'}).`,
            ...(first ? { field: first.path } : {}),
            errors: v.errors,
            ...(includeInput ? { input: rec.value } : {}),
          },
          rec,
        );
      } else await write(result.output, rec, base);
    } else await write(result.output, rec, base);
    onProgress?.(counts);
  }
  return counts;
}

/** Builds a join index incrementally (secondary sources are read before the primary stream). */
export interface JoinIndexBuilder {
  /** Adds one record of a secondary source (records of sources no join uses are ignored). */
  add(sourceId: string, record: unknown): void;
  /** Join ids that read `sourceId`. */
  joinsOf(sourceId: string): string[];
  index: JoinIndex;
}

/** Incremental join-index builder for a document's joins. */
export function createJoinIndexBuilder(doc: Pick<MappingDocument, 'joins'>): JoinIndexBuilder {
  const index: JoinIndex = {};
  const specs = doc.joins.map((j) => {
    index[j.id] = new Map();
    return { join: j, foreign: j.on.map((o) => parsePath(o.foreign).map((s) => [s.name, s.many] as Seg)) };
  });
  return {
    index,
    joinsOf: (sourceId) => specs.filter((s) => s.join.source === sourceId).map((s) => s.join.id),
    add(sourceId, record) {
      for (const s of specs) {
        if (s.join.source !== sourceId) continue;
        const key = joinKey(s.foreign.map((segs) => readPath(record, segs)));
        if (key === undefined) continue;
        const m = index[s.join.id];
        const list = m.get(key);
        if (list) list.push(record);
        else m.set(key, [record]);
      }
    },
  };
}

/**
 * Indexes secondary-source records by join key, for `ctx.joins` of a transform.
 * @example buildJoinIndex(doc, { 's-vehicles': vehicleRows })
 */
export function buildJoinIndex(doc: Pick<MappingDocument, 'joins'>, secondary: Record<string, Iterable<unknown>>): JoinIndex {
  const b = createJoinIndexBuilder(doc);
  for (const sourceId of Object.keys(secondary)) for (const r of secondary[sourceId]) b.add(sourceId, r);
  return b.index;
}
