import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../errors';
import { memoryLogger } from '../log';
import type { WorkerScript } from '../paths';
import type { WorkerReply, WorkerRequest, WorkerTask } from '../worker/protocol';
import { WorkerLauncher, type WorkerTaskOptions } from './worker-task';

const script: WorkerScript = { file: path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'scripted-worker.mjs'), execArgv: [] };
const request = (mode: string, id = 1): WorkerRequest => ({ id, task: { kind: 'count', mode } as unknown as WorkerTask });
const timeout = { ms: 10_000, message: 'The job was stopped after 10 s.' };

const started: Worker[] = [];
function setup() {
  const log = memoryLogger();
  const workers = new WorkerLauncher(script, 'job', log);
  const start = () => {
    const w = workers.start();
    started.push(w);
    return w;
  };
  return { log, workers, start };
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.terminate()));
});

/** Resolves with the exit code once `worker` has stopped (at once if it already has). */
const exited = (worker: Worker) => new Promise<number>((resolve) => (worker.threadId === -1 ? resolve(-1) : worker.once('exit', resolve)));

describe('WorkerLauncher.start', () => {
  it('finds the script on first use only', () => {
    let found = 0;
    const workers = new WorkerLauncher(() => (found++, script), 'job', memoryLogger());
    started.push(workers.start(), workers.start());
    expect(found).toBe(1);
  });

  it('fails as internal, naming the work and logging the cause, when the script cannot be found', () => {
    const log = memoryLogger();
    const workers = new WorkerLauncher(
      () => {
        throw new Error('esbuild: cannot bundle run-worker.ts');
      },
      'job',
      log,
    );
    let caught: unknown;
    try {
      workers.start();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiFailure);
    expect(caught).toMatchObject({ code: 'internal', message: 'The job worker could not be started: esbuild: cannot bundle run-worker.ts' });
    expect(log.lines).toEqual(['error cannot start the job worker: esbuild: cannot bundle run-worker.ts']);
  });

  it('names the script file when the worker itself cannot start', () => {
    const log = memoryLogger();
    const workers = new WorkerLauncher({ file: script.file, execArgv: ['--no-such-node-flag'] }, 'job', log);
    expect(() => workers.start()).toThrow(/^The job worker could not be started: .*scripted-worker\.mjs/);
    expect(log.lines[0]).toContain(`cannot start the job worker (${script.file})`);
  });
});

describe('WorkerLauncher.run', () => {
  it('resolves with the done value, passing every reply to this request on and ignoring other ids', async () => {
    const { workers, start } = setup();
    const worker = start();
    const replies: WorkerReply['type'][] = [];
    const value = await workers.run<{ records: number }>(worker, request('other-ids', 7), { timeout, onReply: (m) => replies.push(m.type) });
    expect(value.records).toBe(worker.threadId);
    expect(replies).toEqual(['progress', 'done']);
  });

  it('keeps a worker that answered when release says so, and terminates it otherwise', async () => {
    const { workers, start } = setup();
    const worker = start();
    const keep: WorkerTaskOptions = { timeout, release: () => 'keep' };
    const a = await workers.run<{ records: number }>(worker, request('thread', 1), keep);
    await expect(workers.run(worker, request('fail', 2), keep)).rejects.toMatchObject({ code: 'MW6001', message: 'bad record', diagnostics: [] });
    const b = await workers.run<{ records: number }>(worker, request('thread', 3), { timeout });
    expect(b.records).toBe(a.records);
    expect(await exited(worker)).toBeGreaterThanOrEqual(-1);
    expect(worker.threadId).toBe(-1);
  });

  it('reports a crash as internal, logs it, and terminates the worker whatever release says', async () => {
    const { workers, start, log } = setup();
    const worker = start();
    const released: boolean[] = [];
    const run = workers.run(worker, request('throw'), { timeout, release: (reusable) => (released.push(reusable), 'keep') });
    await expect(run).rejects.toMatchObject({ code: 'internal', message: 'The job failed: worker blew up' });
    expect(released).toEqual([false]);
    expect(log.lines).toContain('error job worker crashed: worker blew up');
    await exited(worker);
    expect(worker.threadId).toBe(-1);
  });

  it('reports an unexpected exit with its code', async () => {
    const { workers, start } = setup();
    await expect(workers.run(start(), request('exit'), { timeout })).rejects.toMatchObject({ code: 'internal', message: 'The job stopped unexpectedly (worker exit code 3).' });
  });

  it('reports a missing script file as a crash naming the file', async () => {
    const workers = new WorkerLauncher({ file: path.join(path.dirname(script.file), 'no-such-worker.mjs'), execArgv: [] }, 'job', memoryLogger());
    const worker = workers.start();
    started.push(worker);
    await expect(workers.run(worker, request('ok'), { timeout })).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('no-such-worker.mjs') });
  });

  it('stops a runaway request at the time limit with the given message, terminating the worker', async () => {
    const { workers, start } = setup();
    const worker = start();
    const released: boolean[] = [];
    const run = workers.run(worker, request('loop'), { timeout: { ms: 300, message: 'The job was stopped after 300 ms.' }, release: (r) => (released.push(r), 'keep') });
    await expect(run).rejects.toMatchObject({ code: 'internal', message: 'The job was stopped after 300 ms.' });
    expect(released).toEqual([false]);
    await exited(worker);
    expect(worker.threadId).toBe(-1);
  });

  it('cancels on abort, terminating a busy worker, with the abort reason when it is an ApiFailure', async () => {
    const { workers, start } = setup();
    const worker = start();
    const job = new AbortController();
    const run = workers.run(worker, request('loop'), { timeout, signal: job.signal });
    setTimeout(() => job.abort(new ApiFailure('cancelled', 'The job was cancelled; nothing was kept.')), 100);
    await expect(run).rejects.toMatchObject({ code: 'cancelled', message: 'The job was cancelled; nothing was kept.' });
    await exited(worker);
    expect(worker.threadId).toBe(-1);

    const plain = new AbortController();
    const other = workers.run(start(), request('loop'), { timeout, signal: plain.signal });
    plain.abort();
    await expect(other).rejects.toMatchObject({ code: 'cancelled', message: 'The job was cancelled.' });
  });

  it('fails at once, without posting, when the signal is already aborted', async () => {
    const { workers, start } = setup();
    const replies: unknown[] = [];
    const released: boolean[] = [];
    const run = workers.run(start(), request('ok'), { timeout, signal: AbortSignal.abort(), onReply: (m) => replies.push(m), release: (r) => (released.push(r), 'keep') });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(released).toEqual([false]);
    expect(replies).toEqual([]);
  });

  it('settles exactly once: later answers, an exit, an abort and the time limit change nothing', async () => {
    // Only the main thread's timers are faked (the worker's are its own): the time limit can then be
    // passed on demand, however slowly a loaded machine starts the worker.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { workers, start } = setup();
      const worker = start();
      const job = new AbortController();
      const released: boolean[] = [];
      const replies: string[] = [];
      const value = await workers.run<{ records: number }>(worker, request('answer-twice-then-exit'), {
        timeout: { ms: 60_000, message: 'late time-out' },
        signal: job.signal,
        onReply: (m) => replies.push(m.type),
        release: (r) => (released.push(r), 'keep'),
      });
      expect(value).toEqual({ records: 1 });
      expect(vi.getTimerCount()).toBe(0);
      job.abort();
      expect(await exited(worker)).toBe(4);
      vi.advanceTimersByTime(60_000);
      expect(released).toEqual([true]);
      expect(replies).toEqual(['done']);
      expect(worker.listenerCount('message') + worker.listenerCount('error')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('WorkerLauncher.watch', () => {
  it('reports a crash once (the exit that follows is not a second failure), and stops on request', async () => {
    const { workers, start } = setup();
    const crashing = start();
    const gone: ApiFailure[] = [];
    workers.watch(crashing, (f) => gone.push(f));
    crashing.postMessage(request('throw'));
    await exited(crashing);
    expect(gone.map((f) => f.message)).toEqual(['The job failed: worker blew up']);

    const quiet = start();
    const unseen: ApiFailure[] = [];
    const stop = workers.watch(quiet, (f) => unseen.push(f));
    stop();
    quiet.postMessage(request('exit'));
    expect(await exited(quiet)).toBe(3);
    expect(unseen).toEqual([]);
  });
});
