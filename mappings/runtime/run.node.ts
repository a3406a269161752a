/**
 * File-to-file runs: streams the primary input through a compiled transform (constant memory),
 * writes output and reject NDJSON with backpressure, reads secondary sources into a join index
 * first. The Node edge of `runMapping`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { MappingDocument, SourceDecl } from '../document/types';
import { readFileRecords } from '../io/files.node.js';
import type { SourceRecord } from '../io/types';
import { RUN_CODES } from './codes';
import { createJoinIndexBuilder, OutputRejected, runMapping, type OutputValidator, type RejectLine, type RunCounts, type Transform } from './run';

/** A buffered line writer that honours backpressure (awaits `drain` when the stream is full). */
export class LineWriter {
  private buf = '';
  constructor(
    readonly stream: Writable,
    private readonly highWater = 65536,
  ) {}
  /** Queues one line; resolves once the stream can take more when a flush was needed. */
  write(line: string): Promise<void> | undefined {
    this.buf += `${line}\n`;
    if (this.buf.length < this.highWater) return undefined;
    return this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  /** Flushes and, for streams we own, ends them and waits until the data is on disk. */
  async close(end: boolean): Promise<void> {
    await this.flush();
    if (end) {
      this.stream.end();
      await once(this.stream, 'finish');
    }
  }
}

export interface RunFilesOptions {
  doc: Pick<MappingDocument, 'sources' | 'joins'>;
  transform: Transform;
  /** Primary input file. */
  input: string;
  /** Overrides the primary source's declared format (e.g. from the file extension). */
  format?: SourceDecl['format'];
  /** Output NDJSON file, or a stream (e.g. stdout, not ended). */
  out: string | Writable;
  /** Rejects NDJSON file or stream, or a callback per reject. */
  rejects: string | Writable | ((reject: RejectLine) => void);
  /** Secondary source files by source id (or source name). */
  sources?: Record<string, string>;
  params?: Record<string, unknown>;
  validate?: OutputValidator;
  includeInput?: boolean;
  /** Progress after each record: counts and bytes of the primary input read so far. */
  onProgress?: (counts: RunCounts, bytesRead: number, totalBytes: number) => void;
}

export interface RunFilesResult extends RunCounts {
  /** Problems reading secondary sources (their bad rows cannot join; they are reported, not dropped silently). */
  secondaryDiagnostics: Diagnostic[];
}

/** An error in how a run was asked for (missing source files): the CLI maps it to exit code 2. */
export class RunSetupError extends Error {
  readonly exitCode = 2;
}

function readerOptions(source: Pick<SourceDecl, 'format' | 'recordPath'>, format?: SourceDecl['format']) {
  return { format: format ?? source.format, ...(source.recordPath !== undefined ? { recordPath: source.recordPath } : {}) };
}

/** One NDJSON line; a document that cannot be serialised (absurdly deep data) rejects its record. */
function serialise(doc: unknown): string {
  try {
    return JSON.stringify(doc);
  } catch (e) {
    throw new OutputRejected(RUN_CODES.failed, `The output could not be written as JSON: ${(e as Error).message}`);
  }
}

/**
 * Runs a compiled transform over files.
 * @example await runMappingFiles({ doc, transform, input: 'offences.ndjson', out: 'out.ndjson', rejects: 'out.rejects.ndjson' })
 */
export async function runMappingFiles(options: RunFilesOptions): Promise<RunFilesResult> {
  const { doc } = options;
  const primary = doc.sources.find((s) => s.primary);
  if (!primary) throw new RunSetupError('The mapping has no primary source');
  const secondaryDiagnostics: Diagnostic[] = [];

  let joins;
  if (doc.joins.length) {
    const builder = createJoinIndexBuilder(doc);
    const needed = [...new Set(doc.joins.map((j) => j.source))];
    for (const id of needed) {
      const src = doc.sources.find((s) => s.id === id);
      const file = options.sources?.[id] ?? (src ? options.sources?.[src.name] : undefined);
      if (!src || !file) throw new RunSetupError(`Join source "${src?.name ?? id}" (${id}) needs a file: pass --source ${id}=FILE`);
      for await (const rec of readFileRecords(file, readerOptions(src))) {
        if ('error' in rec) secondaryDiagnostics.push(rec.error);
        else builder.add(id, rec.value);
      }
    }
    joins = builder.index;
  }

  const outStream = typeof options.out === 'string' ? createWriteStream(options.out) : options.out;
  const out = new LineWriter(outStream);
  const rejectTarget = options.rejects;
  const rejectWriter = typeof rejectTarget === 'function' ? undefined : new LineWriter(typeof rejectTarget === 'string' ? createWriteStream(rejectTarget) : rejectTarget);
  let bytes = 0;
  let total = 0;
  const records: AsyncIterable<SourceRecord> = readFileRecords(options.input, {
    ...readerOptions(primary, options.format),
    onProgress: (read, size) => {
      bytes = read;
      total = size;
    },
  });
  try {
    const counts = await runMapping({
      transform: options.transform,
      records,
      file: options.input,
      ...(options.params ? { params: options.params } : {}),
      ...(joins ? { joins } : {}),
      ...(options.validate ? { validate: options.validate } : {}),
      ...(options.includeInput ? { includeInput: true } : {}),
      onOutput: (docOut) => out.write(serialise(docOut)),
      onReject: (r) => (typeof rejectTarget === 'function' ? rejectTarget(r) : rejectWriter!.write(JSON.stringify(r))),
      ...(options.onProgress ? { onProgress: (c: RunCounts) => options.onProgress!(c, bytes, total) } : {}),
    });
    return { ...counts, secondaryDiagnostics };
  } finally {
    await out.close(typeof options.out === 'string');
    await rejectWriter?.close(typeof rejectTarget === 'string');
  }
}
