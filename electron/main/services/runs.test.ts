import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../shared/api';
import { ApiFailure } from '../errors';
import { memoryLogger } from '../log';
import type { WorkerTask } from '../worker/protocol';
import { EventBus } from './events';
import { RunRunner } from './runs';

const script = { file: path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'scripted-worker.mjs'), execArgv: [] };
const task = (mode: string) => ({ kind: 'preview', mode }) as unknown as WorkerTask & { kind: 'preview' };
const countTask = (mode: string) => ({ kind: 'count', mode }) as unknown as WorkerTask & { kind: 'count' };

function setup(timeoutMs?: number) {
  const events = new EventBus();
  const progress: ApiEvents['run.progress'][] = [];
  events.on((e, p) => e === 'run.progress' && progress.push(p as ApiEvents['run.progress']));
  return { runner: new RunRunner(script, events, memoryLogger(), timeoutMs), progress };
}

describe('RunRunner', () => {
  it('relays progress as run.progress events and resolves with the result', async () => {
    const { runner, progress } = setup();
    const r = await runner.run(task('ok'));
    expect(r).toMatchObject({ read: 2, written: 1, rejected: 1 });
    expect(progress.at(-1)).toMatchObject({ read: 2, written: 1, rejected: 1, done: true });
    expect(new Set(progress.map((p) => p.runId)).size).toBe(1);
    await runner.close();
  });

  it('passes coded failures through with their diagnostics', async () => {
    const err = await setup().runner.run(task('fail')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toMatchObject({ code: 'MW6001', message: 'bad record' });
  });

  it('reports crashes and unexpected exits as internal errors', async () => {
    const { runner } = setup();
    await expect(runner.run(task('throw'))).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('worker blew up') });
    await expect(runner.run(task('exit'))).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('exit code 3') });
  });

  it('stops a runaway run at the time limit, keeping the caller responsive', async () => {
    const { runner, progress } = setup(3000);
    const started = Date.now();
    await expect(runner.run(task('loop'))).rejects.toMatchObject({ code: 'internal', message: 'The run was stopped after 3 s.' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(progress.at(-1)?.done).toBe(true);
    // The looping worker was discarded: the next run gets a fresh one and completes.
    await expect(runner.run(task('ok'))).resolves.toMatchObject({ read: 2 });
    await runner.close();
  });

  it('keeps one worker warm between runs, and gives concurrent runs their own', async () => {
    const { runner, progress } = setup();
    const a = await runner.run(countTask('thread'));
    const b = await runner.run(countTask('thread'));
    expect(b.records).toBe(a.records);
    const [c, d] = await Promise.all([runner.run(countTask('slow-thread')), runner.run(countTask('slow-thread'))]);
    expect(c.records).not.toBe(d.records);
    expect(progress).toEqual([]);
    // A crashed worker is not reused.
    await expect(runner.run(task('exit'))).rejects.toMatchObject({ code: 'internal' });
    const e = await runner.run(countTask('thread'));
    expect([a.records, c.records, d.records]).not.toContain(e.records);
    await runner.close();
    await expect(runner.run(countTask('thread'))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('forgets a warm worker that exits or crashes while idle, and starts another for the next run', async () => {
    const { runner } = setup(5000);
    for (const mode of ['done-then-exit', 'done-then-throw']) {
      const first = await runner.run(countTask(mode));
      await new Promise((r) => setTimeout(r, 400));
      const next = await runner.run(countTask('thread'));
      expect(next.records, mode).not.toBe(first.records);
    }
    await runner.close();
  });
});
