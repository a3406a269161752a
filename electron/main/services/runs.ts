import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../errors';
import type { Logger } from '../log';
import type { WorkerScript } from '../paths';
import type { WorkerMessage, WorkerRequest, WorkerResults, WorkerTask } from '../worker/protocol';
import type { EventBus } from './events';

/**
 * Runs previews, test runs and sample counts in worker threads. One worker is kept warm between
 * runs (the target model and its compiled validator stay loaded, which is most of a small
 * preview's cost); a run that starts while it is busy gets a worker of its own, discarded after.
 * A worker that crashes or overruns the time limit (a user expression looping forever) is
 * terminated and never reused.
 */
export class RunRunner {
  private idle: Worker | null = null;
  private readonly busy = new Set<Worker>();
  private nextId = 1;
  private closed = false;

  constructor(
    /** The worker script, or a function finding it on first use (bundling it when run from source). */
    private script: WorkerScript | (() => WorkerScript),
    private readonly events: EventBus,
    private readonly log: Logger,
    /** A run taking longer than this is stopped. */
    private readonly timeoutMs = 10 * 60_000,
  ) {}

  private spawn(): Worker {
    if (typeof this.script === 'function') this.script = this.script();
    return new Worker(this.script.file, { execArgv: this.script.execArgv });
  }

  run<K extends WorkerTask['kind']>(task: WorkerTask & { kind: K }): Promise<WorkerResults[K]> {
    if (this.closed) return Promise.reject(new ApiFailure('unavailable', 'Mapwright is shutting down.'));
    let worker: Worker;
    try {
      worker = this.idle ?? this.spawn();
    } catch (e) {
      this.log.error('cannot start the run worker', e);
      return Promise.reject(new ApiFailure('internal', `The run worker could not be started: ${(e as Error).message}`));
    }
    this.idle = null;
    this.busy.add(worker);
    worker.ref();
    const id = this.nextId++;
    const runId = randomUUID();
    // Counting a sample is bookkeeping, not a run the user watches.
    const report = task.kind !== 'count';

    return new Promise((resolve, reject) => {
      let settled = false;
      let counts = { read: 0, written: 0, rejected: 0 };
      const finish = (outcome: ApiFailure | WorkerResults[keyof WorkerResults], reusable: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.busy.delete(worker);
        if (reusable && !this.closed && !this.idle) {
          worker.unref();
          this.idle = worker;
        } else {
          void worker.terminate();
        }
        if (report) this.events.emit('run.progress', { runId, ...counts, done: true });
        if (outcome instanceof ApiFailure) reject(outcome);
        else resolve(outcome as WorkerResults[K]);
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.id !== id) return;
        if (m.type === 'progress') {
          counts = { read: m.read, written: m.written, rejected: m.rejected };
          if (report) this.events.emit('run.progress', { runId, ...counts, done: false });
        } else if (m.type === 'done') {
          if (m.value && 'read' in m.value && 'written' in m.value) counts = { read: m.value.read, written: m.value.written, rejected: m.value.rejected };
          finish(m.value, true);
        } else if (m.type === 'failed') {
          finish(new ApiFailure(m.error.code, m.error.message, m.error.diagnostics), true);
        }
      };
      const onError = (err: Error) => {
        this.log.error('run worker crashed', err);
        finish(new ApiFailure('internal', `The run failed: ${err.message}`), false);
      };
      const onExit = (code: number) => finish(new ApiFailure('internal', `The run stopped unexpectedly (worker exit code ${code}).`), false);
      const timer = setTimeout(
        () => finish(new ApiFailure('internal', `The run was stopped after ${formatDuration(this.timeoutMs)}.`), false),
        this.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, task } satisfies WorkerRequest);
    });
  }

  /** Stops every worker (on shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.busy, ...(this.idle ? [this.idle] : [])];
    this.idle = null;
    this.busy.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}

const formatDuration = (ms: number) => (ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} minutes`);
