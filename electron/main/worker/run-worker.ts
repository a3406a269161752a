/**
 * Runs previews, test runs and sample counts off the main thread, so neither Electron's main
 * process nor the browser host's HTTP server stalls while a large sample streams through a mapping.
 * The worker stays alive between tasks (one at a time), so the target model and its validator,
 * which the domain modules cache, are loaded once rather than per preview.
 */
import { parentPort } from 'node:worker_threads';
import { ApiFailure } from '../errors';
import { countRecords, runPreview, runTests } from '../services/domain';
import type { WorkerMessage, WorkerReply, WorkerRequest, WorkerResults, WorkerTask } from './protocol';

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
    else if (task.kind === 'tests') value = await runTests(task, progress);
    else value = { records: countRecords(task.format, task.content) };
    post({ type: 'done', value });
  } catch (e) {
    if (e instanceof ApiFailure) post({ type: 'failed', error: e.toApiError() });
    else post({ type: 'failed', error: { code: 'internal', message: `The run failed: ${e instanceof Error ? e.message : String(e)}` } });
  }
}

parentPort!.on('message', (m: WorkerRequest) => void main(m.id, m.task));
