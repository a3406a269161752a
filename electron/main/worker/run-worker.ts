/**
 * Runs previews, test runs and sample counts off the main thread, so neither Electron's main
 * process nor the browser host's HTTP server stalls while a large sample streams through a mapping.
 * The worker stays alive between tasks (one at a time), so the target model and its validator,
 * which the domain modules cache, are loaded once rather than per preview.
 */
import { parentPort } from 'node:worker_threads';
import { ApiFailure } from '../errors';
import { countRecords, previewRecord, runPreview, runTests, startPreview, type Progress, type StagedPreview } from '../services/domain';
import { runImportTask } from '../services/import-task';
import type { WorkerMessage, WorkerReply, WorkerRequest, WorkerResults, WorkerTask } from './protocol';

/**
 * Staged previews whose rest is running, by run id. The rest yields to the event loop between small
 * slices, so a `preview-cancel` (sent when a newer edit's preview starts) or a record request is
 * handled within one slice, and the cancelled rest stops there instead of running to completion.
 */
const staged = new Map<string, StagedPreview>();

async function runStaged(task: Extract<WorkerTask, { kind: 'preview-staged' }>, progress: Progress, first: (r: StagedPreview['first']) => void): Promise<WorkerResults['preview-staged']> {
  const run = await startPreview(task, { pageSize: task.pageSize, runId: task.runId, progress, ...(task.focus !== undefined ? { focus: task.focus } : {}) });
  first(run.first);
  if (!run.first.partial) return null;
  staged.set(task.runId, run);
  try {
    return await run.rest();
  } finally {
    staged.delete(task.runId);
  }
}

async function main(id: number, task: WorkerTask): Promise<void> {
  const post = (m: WorkerReply) => parentPort!.postMessage({ id, ...m } satisfies WorkerMessage);
  // Progress is throttled: a message per record would cost more than the work.
  let last = 0;
  const progress = (p: { read: number; written: number; rejected: number }) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    post({ type: 'progress', ...p });
  };
  try {
    let value: WorkerResults[keyof WorkerResults];
    if (task.kind === 'preview') value = await runPreview(task, progress);
    else if (task.kind === 'preview-staged') value = await runStaged(task, progress, (first) => post({ type: 'stage', value: first }));
    else if (task.kind === 'preview-cancel') {
      const run = staged.get(task.runId);
      run?.cancel();
      value = { cancelled: run !== undefined };
    } else if (task.kind === 'preview-record') value = await previewRecord(task, task.record);
    else if (task.kind === 'tests') value = await runTests(task, progress);
    else if (task.kind === 'import') {
      let lastImport = 0;
      value = runImportTask(task, (p) => {
        const now = Date.now();
        if (now - lastImport < 100 && p.done < p.total) return;
        lastImport = now;
        post({ type: 'import-progress', ...p });
      });
    } else value = { records: countRecords(task.format, task.content) };
    post({ type: 'done', value });
  } catch (e) {
    if (e instanceof ApiFailure) post({ type: 'failed', error: e.toApiError() });
    else post({ type: 'failed', error: { code: 'internal', message: `The run failed: ${e instanceof Error ? e.message : String(e)}` } });
  }
}

parentPort!.on('message', (m: WorkerRequest) => void main(m.id, m.task));
