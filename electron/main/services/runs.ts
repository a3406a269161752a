import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { ApiFailure } from '../errors';
import type { Logger } from '../log';
import type { WorkerResults, WorkerTask } from '../worker/protocol';
import type { EventBus } from './events';
import { WorkerLauncher, type WorkerScriptSource } from './worker-task';

/**
 * Runs previews, test runs and sample counts in worker threads. One worker is kept warm between
 * runs (the target model and its compiled validator stay loaded, which is most of a small
 * preview's cost); a run that starts while it is busy gets a worker of its own, discarded after.
 * A worker that crashes or overruns the time limit (a user expression looping forever) is
 * terminated and never reused.
 */
export class RunRunner {
  private idle: Worker | null = null;
  /** Stops watching the idle worker (a crash or exit while idle only forgets it). */
  private unwatchIdle: (() => void) | null = null;
  private readonly busy = new Set<Worker>();
  private readonly workers: WorkerLauncher;
  private nextId = 1;
  private closed = false;

  constructor(
    /** The worker script, or a function finding it on first use (bundling it when run from source). */
    script: WorkerScriptSource,
    private readonly events: EventBus,
    log: Logger,
    /** A run taking longer than this is stopped. */
    private readonly timeoutMs = 10 * 60_000,
  ) {
    this.workers = new WorkerLauncher(script, 'run', log);
  }

  run<K extends WorkerTask['kind']>(task: WorkerTask & { kind: K }): Promise<WorkerResults[K]> {
    if (this.closed) return Promise.reject(new ApiFailure('unavailable', 'Mapwright is shutting down.'));
    let worker: Worker;
    try {
      worker = this.idle ?? this.workers.start();
    } catch (e) {
      return Promise.reject(e as ApiFailure);
    }
    this.unwatchIdle?.();
    this.unwatchIdle = null;
    this.idle = null;
    this.busy.add(worker);
    worker.ref();
    const runId = randomUUID();
    // Counting a sample is bookkeeping, not a run the user watches.
    const report = task.kind !== 'count';
    let counts = { read: 0, written: 0, rejected: 0 };

    return this.workers.run<WorkerResults[K]>(
      worker,
      { id: this.nextId++, task },
      {
        timeout: { ms: this.timeoutMs, message: `The run was stopped after ${formatDuration(this.timeoutMs)}.` },
        onReply: (m) => {
          if (m.type === 'progress') {
            counts = { read: m.read, written: m.written, rejected: m.rejected };
            if (report) this.events.emit('run.progress', { runId, ...counts, done: false });
          } else if (m.type === 'done' && m.value && 'read' in m.value && 'written' in m.value) {
            counts = { read: m.value.read, written: m.value.written, rejected: m.value.rejected };
          }
        },
        release: (reusable) => {
          this.busy.delete(worker);
          if (report) this.events.emit('run.progress', { runId, ...counts, done: true });
          if (!reusable || this.closed || this.idle) return 'terminate';
          // The warm worker must not keep a quitting host alive.
          worker.unref();
          this.idle = worker;
          // An idle worker that crashes or exits is forgotten; unwatched, its `error` would be uncaught.
          this.unwatchIdle = this.workers.watch(worker, () => {
            if (this.idle !== worker) return;
            this.idle = null;
            this.unwatchIdle = null;
          });
          return 'keep';
        },
      },
    );
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
