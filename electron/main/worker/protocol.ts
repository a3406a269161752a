import type { ApiError, PreviewResult, TestRunResult } from '../../shared/api';
import type { PreviewTask, TestsTask } from '../services/domain';

/** What the main thread hands a run worker (as `workerData`). */
export type WorkerTask =
  | ({ kind: 'preview' } & PreviewTask)
  | ({ kind: 'tests' } & TestsTask)
  | { kind: 'count'; format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml'; content: string };

/** What each task resolves with. */
export interface WorkerResults {
  preview: PreviewResult;
  tests: TestRunResult;
  count: { records: number };
}

/** What the main thread posts to a run worker: one task at a time, numbered. */
export interface WorkerRequest {
  id: number;
  task: WorkerTask;
}

export type WorkerReply =
  | { type: 'progress'; read: number; written: number; rejected: number }
  | { type: 'done'; value: WorkerResults[keyof WorkerResults] }
  | { type: 'failed'; error: ApiError };

/** Messages a run worker posts back, tagged with the request's id. */
export type WorkerMessage = { id: number } & WorkerReply;
