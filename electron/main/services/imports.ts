/**
 * File imports (a sample for a source, or a source's schema) and sample edits.
 *
 * Each import runs in a worker thread of its own (the run worker's script, task kind `import`), so
 * neither Electron's main process nor the browser host's HTTP server stalls on a 60 MB file, and
 * Cancel can really stop the work: it terminates that worker. The caller picks the import id, so it
 * can cancel before `imports.start` has answered.
 */
import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { ApiRequest, ApiResponse, ImportResult, SampleSummary } from '../../shared/api';
import type { SampleRow } from '../db/repositories/samples';
import type { WorkspaceDb } from '../db/workspace';
import { ApiFailure, notFound } from '../errors';
import type { Logger } from '../log';
import * as domain from './domain';
import type { EventBus } from './events';
import { sha256 } from './hash';
import type { ImportTask, ImportTaskResult } from './import-task';
import type { RunRunner } from './runs';
import { WorkerLauncher, type WorkerScriptSource } from './worker-task';

/**
 * Largest sample stored in the workspace, in UTF-8 bytes. Previews hold a sample in memory twice
 * (main and worker), and the transport's payload limit is the same figure: anything bigger belongs
 * in `mapwright run`, which streams from disk.
 */
export const SAMPLE_MAX_BYTES = 64 * 1024 * 1024;
/** Imports running at once; each holds its content in two threads. */
export const MAX_CONCURRENT_IMPORTS = 2;
/** Samples up to this size are counted in place on save; larger ones in the run worker. */
const INLINE_COUNT_LIMIT = 2 * 1024 * 1024;

type ImportHandlers = { [M in 'imports.start' | 'imports.cancel' | 'samples.update']: (req: ApiRequest<M>) => Promise<ApiResponse<M>> };

export interface ImportServicesOptions {
  ws: WorkspaceDb;
  events: EventBus;
  log: Logger;
  runner: RunRunner;
  now: () => string;
  /** The run worker script, or a function finding it on first use. */
  script: WorkerScriptSource;
  /** An import running longer than this is stopped. */
  timeoutMs?: number;
}

export const toSampleSummary = (r: SampleRow): SampleSummary => ({
  id: r.id,
  projectId: r.project_id,
  sourceId: r.source_id,
  name: r.name,
  format: r.format,
  sizeBytes: r.size_bytes,
  recordCount: r.record_count,
  createdAt: r.created_at,
  sha256: r.sha256,
});

const cancelled = () => new ApiFailure('cancelled', 'The import was cancelled; nothing was stored.');

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** `imports.start`, `imports.cancel` and `samples.update` (see the module comment). */
export class ImportServices {
  /** Running imports by id; aborting one cancels it. */
  private readonly jobs = new Map<string, AbortController>();
  private readonly workers: WorkerLauncher;
  private closed = false;

  constructor(private readonly o: ImportServicesOptions) {
    this.workers = new WorkerLauncher(o.script, 'import', o.log);
  }

  handlers(): ImportHandlers {
    return {
      'imports.start': (req) => this.start(req),
      'imports.cancel': async ({ importId }) => {
        const job = this.jobs.get(importId);
        if (!job) return { cancelled: false };
        job.abort(cancelled());
        return { cancelled: true };
      },
      'samples.update': async ({ id, content, format }) => {
        const row = this.o.ws.samples.get(id);
        if (!row) throw notFound('Sample', id);
        const bytes = Buffer.from(content, 'utf8');
        this.checkSize(bytes.byteLength, row.name);
        const fmt = format ?? row.format;
        const recordCount = await this.count(fmt, content);
        if (!this.o.ws.samples.updateContent({ id, format: fmt, content: bytes, recordCount, sha256: sha256(bytes) })) throw notFound('Sample', id);
        return toSampleSummary(this.o.ws.samples.get(id)!);
      },
    };
  }

  private checkSize(bytes: number, name: string): void {
    if (bytes > SAMPLE_MAX_BYTES) {
      throw new ApiFailure(
        'too-large',
        `"${name}" is ${mib(bytes)}; samples are limited to ${mib(SAMPLE_MAX_BYTES)}. Use a smaller extract here and run the full file with "mapwright run".`,
      );
    }
  }

  private async count(format: SampleRow['format'], content: string): Promise<number | null> {
    try {
      if (content.length <= INLINE_COUNT_LIMIT) return domain.countRecords(format, content);
      return (await this.o.runner.run({ kind: 'count', format, content })).records;
    } catch (e) {
      this.o.log.warn(`could not count records of a ${format} sample: ${(e as Error).message}`);
      return null;
    }
  }

  private async start(req: ApiRequest<'imports.start'>): Promise<ImportResult> {
    if (this.closed) throw new ApiFailure('unavailable', 'Mapwright is shutting down.');
    const { importId, projectId, kind, sourceId, name, format, content, recordPath } = req;
    if (!this.o.ws.projects.get(projectId)) throw notFound('Project', projectId);
    if (this.jobs.has(importId)) throw new ApiFailure('conflict', `An import with id "${importId}" is already running.`);
    if (this.jobs.size >= MAX_CONCURRENT_IMPORTS) {
      throw new ApiFailure('unavailable', `${this.jobs.size} imports are already running; wait for one to finish or cancel it.`);
    }
    if (kind === 'sample' && (format === 'xsd' || format === 'jsonschema')) {
      throw new ApiFailure('invalid-request', `A ${format === 'xsd' ? 'XSD' : 'JSON Schema'} document describes records; import it as the source's schema, not as a sample.`);
    }
    const bytes = Buffer.from(content, 'utf8');
    if (kind === 'sample') this.checkSize(bytes.byteLength, name);

    const result = await this.runInWorker(importId, { mode: kind, name: name.trim(), format, content, ...(recordPath ? { recordPath } : {}) });

    if (kind === 'schema') {
      return {
        importId,
        kind,
        tree: result.tree!,
        diagnostics: result.diagnostics,
        ...(result.recordPath ? { recordPath: result.recordPath } : {}),
        schemaHash: sha256(bytes),
        records: result.records,
      };
    }
    this.o.events.emit('import.progress', { importId, phase: 'storing', done: 0, total: content.length, records: result.records });
    const id = randomUUID();
    // The project may have been deleted while the worker read the file.
    if (!this.o.ws.projects.get(projectId)) throw notFound('Project', projectId);
    this.o.ws.samples.insert({
      id,
      projectId,
      sourceId,
      name: name.trim(),
      format: format as SampleRow['format'],
      content: bytes,
      recordCount: result.records,
      sha256: sha256(bytes),
      createdAt: this.o.now(),
    });
    this.o.events.emit('import.progress', { importId, phase: 'storing', done: content.length, total: content.length, records: result.records });
    this.o.events.emit('projects.changed', { projectId });
    return { importId, kind, sample: toSampleSummary(this.o.ws.samples.get(id)!), diagnostics: result.diagnostics, rejected: result.rejected };
  }

  private runInWorker(importId: string, task: ImportTask): Promise<ImportTaskResult> {
    let worker: Worker;
    try {
      worker = this.workers.start();
    } catch (e) {
      return Promise.reject(e as ApiFailure);
    }
    const job = new AbortController();
    this.jobs.set(importId, job);
    const timeoutMs = this.o.timeoutMs ?? 10 * 60_000;
    return this.workers.run<ImportTaskResult>(
      worker,
      { id: 1, task: { kind: 'import', ...task } },
      {
        timeout: { ms: timeoutMs, message: `The import was stopped after ${Math.round(timeoutMs / 1000)} s.` },
        signal: job.signal,
        onReply: (m) => {
          if (m.type === 'import-progress') this.o.events.emit('import.progress', { importId, phase: m.phase, done: m.done, total: m.total, records: m.records });
        },
        // A fresh worker per import: never kept, so Cancel can terminate it mid-slice.
        release: () => {
          this.jobs.delete(importId);
          return 'terminate';
        },
      },
    );
  }

  /** Stops every running import (on shutdown). */
  close(): void {
    this.closed = true;
    for (const job of [...this.jobs.values()]) job.abort(cancelled());
  }
}

