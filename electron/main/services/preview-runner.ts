import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { PreviewRecord, PreviewResult, PreviewSummary, PreviewTrace } from '../../shared/api';
import { ApiFailure } from '../errors';
import type { Logger } from '../log';
import type { WorkerMessage, WorkerRequest, WorkerResults, WorkerTask } from '../worker/protocol';
import type { PreviewTask } from './domain';
import type { EventBus } from './events';
import { WorkerLauncher, type WorkerScriptSource } from './worker-task';

interface Pending {
  onStage?(first: PreviewResult): void;
  resolve(value: WorkerResults[keyof WorkerResults]): void;
  reject(error: ApiFailure): void;
  timer?: ReturnType<typeof setTimeout>;
  runId?: string;
}

interface StagedRun {
  /** Runs are superseded per mapping: a newer preview of the same mapping cancels this one's rest. */
  key: string;
  summary: Promise<PreviewSummary>;
  done: boolean;
}

/**
 * Live preview off the main thread, staged: `start` resolves with the first stage (the focused
 * record and the first page) while the rest of the sample runs on in the same warm worker; `summary`
 * waits for that rest; `record` fetches one record's output and trace on demand.
 *
 * Unlike `RunRunner` (one task per worker), the preview worker takes several requests at once: the
 * rest of a staged run yields between small slices, so a new edit's first stage and record requests
 * are served in between, and a newer preview of the same mapping cancels the older rest (it fails
 * `superseded`) rather than queueing behind work nobody will look at. A worker that crashes or
 * overruns the time limit is terminated; the next request starts a fresh one.
 */
export class PreviewRunner {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly runs = new Map<string, StagedRun>();
  private readonly workers: WorkerLauncher;
  private nextId = 1;
  private closed = false;

  constructor(
    script: WorkerScriptSource,
    private readonly events: EventBus,
    private readonly log: Logger,
    /** A first stage or record taking longer than this stops the worker (a runaway expression). */
    private readonly stageTimeoutMs = 60_000,
    /** Runs whose summary is kept for `summary` after they finish. */
    private readonly keepRuns = 16,
  ) {
    this.workers = new WorkerLauncher(script, 'preview', log);
  }

  /**
   * Starts a staged preview; resolves with its first stage. Cancels the rest of any earlier staged
   * preview of the same mapping (`document.id`).
   */
  async start(task: PreviewTask, o: { focus?: number; pageSize: number }): Promise<PreviewResult> {
    const key = task.document.id;
    for (const [runId, run] of this.runs) {
      if (run.key === key && !run.done) void this.request({ kind: 'preview-cancel', runId }).catch(() => {});
    }
    const runId = randomUUID();
    let stage!: (first: PreviewResult) => void;
    let stageFailed!: (e: ApiFailure) => void;
    const first = new Promise<PreviewResult>((resolve, reject) => {
      stage = resolve;
      stageFailed = reject;
    });
    const run = { key, done: false } as StagedRun;
    const whole = this.request({ kind: 'preview-staged', ...task, ...(o.focus !== undefined ? { focus: o.focus } : {}), pageSize: o.pageSize, runId }, stage, runId);
    run.summary = whole.then(
      (v) => {
        run.done = true;
        if (v === null) throw new ApiFailure('superseded', 'A newer preview replaced this one before it finished.');
        return v as PreviewSummary;
      },
      (e: ApiFailure) => {
        run.done = true;
        stageFailed(e);
        throw e;
      },
    );
    // Nobody may ask for the summary (the window closed): never an unhandled rejection.
    run.summary.catch(() => {});
    this.runs.set(runId, run);
    while (this.runs.size > this.keepRuns) {
      const oldest = [...this.runs.entries()].find(([, r]) => r.done);
      if (!oldest) break;
      this.runs.delete(oldest[0]);
    }
    const result = await first;
    if (!result.partial) this.runs.delete(runId);
    return result;
  }

  /** The whole sample's outcome of a staged preview; fails `superseded` when a newer one cancelled it. */
  summary(runId: string): Promise<PreviewSummary> {
    const run = this.runs.get(runId);
    if (!run) return Promise.reject(new ApiFailure('not-found', `Preview run "${runId}" is not running or was superseded long ago.`));
    return run.summary;
  }

  /** One record's output and values on the graph. */
  async record(task: PreviewTask, record: number): Promise<{ record: PreviewRecord; trace: PreviewTrace | null }> {
    return (await this.request({ kind: 'preview-record', ...task, record })) as WorkerResults['preview-record'];
  }

  private spawn(): Worker {
    const worker = this.workers.start();
    // The warm worker must not keep a quitting host alive.
    worker.unref();
    worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.workers.watch(worker, (failure) => this.fail(worker, failure));
    return worker;
  }

  private request(task: WorkerTask, onStage?: (first: PreviewResult) => void, runId?: string): Promise<WorkerResults[keyof WorkerResults]> {
    if (this.closed) return Promise.reject(new ApiFailure('unavailable', 'Mapwright is shutting down.'));
    try {
      this.worker ??= this.spawn();
    } catch (e) {
      return Promise.reject(e as ApiFailure);
    }
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve, reject, ...(onStage ? { onStage } : {}), ...(runId ? { runId } : {}) };
      if (task.kind !== 'preview-cancel') {
        p.timer = setTimeout(() => {
          this.log.warn(`preview ${task.kind} overran ${this.stageTimeoutMs} ms; stopping the preview worker`);
          this.fail(worker, new ApiFailure('internal', `The preview was stopped after ${Math.round(this.stageTimeoutMs / 1000)} s.`));
          void worker.terminate();
        }, this.stageTimeoutMs);
      }
      this.pending.set(id, p);
      worker.postMessage({ id, task } satisfies WorkerRequest);
    });
  }

  private onMessage(m: WorkerMessage): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'stage') {
      // The first stage is bounded by the time limit; the rest is not (it can be cancelled).
      clearTimeout(p.timer);
      p.onStage?.(m.value);
      if (!m.value.partial) {
        this.pending.delete(m.id);
        p.resolve(null);
      }
    } else if (m.type === 'progress') {
      if (p.runId) this.events.emit('run.progress', { runId: p.runId, read: m.read, written: m.written, rejected: m.rejected, done: false });
    } else if (m.type === 'done') {
      clearTimeout(p.timer);
      this.pending.delete(m.id);
      const v = m.value as PreviewSummary | null;
      if (p.runId && v) this.events.emit('run.progress', { runId: p.runId, read: v.read, written: v.written, rejected: v.rejected, done: true });
      p.resolve(m.value);
    } else if (m.type === 'failed') {
      clearTimeout(p.timer);
      this.pending.delete(m.id);
      p.reject(new ApiFailure(m.error.code, m.error.message, m.error.diagnostics));
    }
  }

  /** Fails every request in flight on `worker` and forgets it (the next request starts another). */
  private fail(worker: Worker, error: ApiFailure): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(error);
    }
  }

  /** Stops the worker (on shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    if (w) {
      this.fail(w, new ApiFailure('unavailable', 'Mapwright is shutting down.'));
      await w.terminate();
    }
  }
}
