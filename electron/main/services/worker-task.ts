/**
 * What the run, import and preview services share about worker threads: finding the worker script
 * (bundled on first use from source), starting a worker with a clear error when it cannot start,
 * turning a crash or an exit into the service's failure, and running one request on a worker to
 * completion (time limit, cancellation, per-message callback, settling exactly once).
 *
 * Node's worker_threads API gives none of this: a Worker is an EventEmitter whose `error`, `exit`
 * and `message` events race each other (a crash is followed by an exit), so each service used to
 * hand-write the same guard. Pooling libraries (piscina, workerpool) would bring their own script
 * loading and queueing, which the three services deliberately differ on (a warm worker kept for
 * reuse, a fresh worker per import so Cancel can terminate it, one worker multiplexing previews).
 */
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../errors';
import type { Logger } from '../log';
import type { WorkerScript } from '../paths';
import type { WorkerMessage, WorkerReply, WorkerRequest } from '../worker/protocol';

/** A worker script, or a function finding it on first use (bundling it when run from source). */
export type WorkerScriptSource = WorkerScript | (() => WorkerScript);

/** How one request on a worker is run (see {@link WorkerLauncher.run}). */
export interface WorkerTaskOptions {
  /** The request fails with `message` (code `internal`) after `ms`, and the worker is terminated. */
  timeout: { ms: number; message: string };
  /**
   * Aborting terminates the worker and fails the request with the abort reason when it is an
   * `ApiFailure`, else with a `cancelled` failure.
   */
  signal?: AbortSignal;
  /** Every reply to this request, in order, including the final `done` or `failed`. */
  onReply?(reply: WorkerReply): void;
  /**
   * Called exactly once, synchronously, when the request settles and before its promise does.
   * `reusable` is true when the worker answered (`done` or `failed`) and can take another request;
   * return `'keep'` to leave it running. After a crash, an exit, a time-out or an abort the worker is
   * terminated whatever this returns. Without it the worker is always terminated.
   */
  release?(reusable: boolean): 'keep' | 'terminate';
}

/**
 * Starts worker threads for one service and runs requests on them. `what` names the work in every
 * error and log line ("The import failed: …", "preview worker crashed").
 * @example
 * const workers = new WorkerLauncher(runWorkerScript, 'import', log);
 * const value = await workers.run<ImportTaskResult>(workers.start(), { id: 1, task }, { timeout: { ms, message }, signal });
 */
export class WorkerLauncher {
  private script: WorkerScriptSource;

  constructor(
    script: WorkerScriptSource,
    /** The work the worker does, as the user reads it: `run`, `import`, `preview`. */
    readonly what: string,
    private readonly log: Logger,
  ) {
    this.script = script;
  }

  /**
   * A new worker running the script (found on the first call, then reused). Throws an `internal`
   * `ApiFailure` naming the script when the script cannot be found or the worker cannot start.
   */
  start(): Worker {
    let file: string | undefined;
    try {
      if (typeof this.script === 'function') this.script = this.script();
      file = this.script.file;
      return new Worker(file, { execArgv: this.script.execArgv });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`cannot start the ${this.what} worker${file ? ` (${file})` : ''}`, e);
      const where = file && !message.includes(file) ? ` (worker script ${file})` : '';
      throw new ApiFailure('internal', `The ${this.what} worker could not be started: ${message}${where}`);
    }
  }

  /**
   * Calls `onGone` once when `worker` crashes (an uncaught error, logged) or exits, with the failure
   * to report for the work it had. Returns a function that stops watching.
   */
  watch(worker: Worker, onGone: (failure: ApiFailure) => void): () => void {
    let gone = false;
    const once = (failure: ApiFailure) => {
      if (gone) return;
      gone = true;
      onGone(failure);
    };
    const onError = (err: Error) => {
      this.log.error(`${this.what} worker crashed`, err);
      once(new ApiFailure('internal', `The ${this.what} failed: ${err.message}`));
    };
    const onExit = (code: number) => once(new ApiFailure('internal', `The ${this.what} stopped unexpectedly (worker exit code ${code}).`));
    worker.on('error', onError);
    worker.on('exit', onExit);
    return () => {
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
  }

  /**
   * Posts `request` to `worker` and settles once with its `done` value or `failed` error, or with
   * the failure of a crash, an exit, the time limit or an abort, whichever comes first. Replies to
   * other request ids are ignored. The worker is terminated unless `release` keeps it.
   */
  run<T>(worker: Worker, request: WorkerRequest, o: WorkerTaskOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: { value: T } | { failure: ApiFailure }, reusable: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        unwatch();
        o.signal?.removeEventListener('abort', onAbort);
        const kept = o.release?.(reusable) === 'keep' && reusable;
        // Terminating is what makes a time-out or Cancel real: the worker may be mid-task.
        if (!kept) void worker.terminate();
        if ('failure' in outcome) reject(outcome.failure);
        else resolve(outcome.value);
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.id !== request.id) return;
        o.onReply?.(m);
        if (m.type === 'done') finish({ value: m.value as T }, true);
        else if (m.type === 'failed') finish({ failure: new ApiFailure(m.error.code, m.error.message, m.error.diagnostics) }, true);
      };
      const onAbort = () => {
        const reason: unknown = o.signal?.reason;
        finish({ failure: reason instanceof ApiFailure ? reason : new ApiFailure('cancelled', `The ${this.what} was cancelled.`) }, false);
      };
      const unwatch = this.watch(worker, (failure) => finish({ failure }, false));
      const timer = setTimeout(() => finish({ failure: new ApiFailure('internal', o.timeout.message) }, false), o.timeout.ms);
      worker.on('message', onMessage);
      if (o.signal?.aborted) return onAbort();
      o.signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(request);
    });
  }
}
