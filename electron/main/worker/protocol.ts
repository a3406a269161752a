import type { ApiError, ImportPhase, PreviewRecord, PreviewResult, PreviewSummary, PreviewTrace, TestRunResult } from '../../shared/api';
import type { PreviewTask, TestsTask } from '../services/domain';
import type { ImportTask, ImportTaskResult } from '../services/import-task';

/** What the main thread hands a run worker (as `workerData`). */
export type WorkerTask =
  | ({ kind: 'preview' } & PreviewTask)
  | ({ kind: 'tests' } & TestsTask)
  | { kind: 'count'; format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml'; content: string }
  | ({ kind: 'import' } & ImportTask)
  /** First stage of a preview, replied as `stage`; the rest then runs on until `done` (or is cancelled). */
  | ({ kind: 'preview-staged' } & PreviewTask & { focus?: number; pageSize: number; runId: string })
  | { kind: 'preview-cancel'; runId: string }
  | ({ kind: 'preview-record' } & PreviewTask & { record: number });

/** What each task resolves with. */
export interface WorkerResults {
  preview: PreviewResult;
  tests: TestRunResult;
  count: { records: number };
  import: ImportTaskResult;
  /** `null`: cancelled by a newer preview before the end. */
  'preview-staged': PreviewSummary | null;
  'preview-cancel': { cancelled: boolean };
  'preview-record': { record: PreviewRecord; trace: PreviewTrace | null };
}

/** What the main thread posts to a run worker: one task at a time, numbered. */
export interface WorkerRequest {
  id: number;
  task: WorkerTask;
}

export type WorkerReply =
  | { type: 'progress'; read: number; written: number; rejected: number }
  | { type: 'import-progress'; phase: ImportPhase; done: number; total: number; records: number }
  | { type: 'stage'; value: PreviewResult }
  | { type: 'done'; value: WorkerResults[keyof WorkerResults] }
  | { type: 'failed'; error: ApiError };

/** Messages a run worker posts back, tagged with the request's id. */
export type WorkerMessage = { id: number } & WorkerReply;
