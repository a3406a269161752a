/**
 * The AppApi contract: every operation the renderer can ask of the host, with request and response
 * types, and every event the host pushes. One contract, three transports:
 *  - Electron: preload exposes `window.mapwright` (built from `API_METHODS`, `satisfies AppApi`),
 *    main registers one validated `handle()` per method on channel `app:<area>.<verb>`;
 *  - Browser host: `POST /api/<method>` with the per-launch token, events over SSE `/api/events`;
 *  - Tests: the services called directly.
 *
 * Everything crossing the boundary is plain JSON (no Dates, Maps, class instances, or Errors).
 * Handlers never throw across the boundary: they return `Result`.
 */

import type { Diagnostic } from '../../mappings/diagnostics/diagnostic';
import type { MappingDocument, TestCase } from '../../mappings/document/types';
import type { FieldTree } from '../../mappings/model/field-tree';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  /** Stable code: `not-found`, `invalid-request`, `conflict`, `forbidden`, `internal`, or an MW code. */
  code: string;
  message: string;
  /** Located problems, when the failure came from the mapping domain. */
  diagnostics?: Diagnostic[];
}

export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Last time it was opened, for the recent list. */
  openedAt: string | null;
  /** Latest mapping revision number. */
  revision: number;
  isExample: boolean;
}

export interface RevisionSummary {
  revision: number;
  createdAt: string;
  message: string;
  /** SHA-256 of the canonical document text. */
  hash: string;
}

export interface SampleSummary {
  id: string;
  projectId: string;
  sourceId: string;
  name: string;
  format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml';
  sizeBytes: number;
  recordCount: number | null;
  createdAt: string;
}

export interface StoredTestCase extends TestCase {
  projectId: string;
  updatedAt: string;
}

export interface WorkspaceInfo {
  /** Folder holding the workspace database. */
  home: string;
  databasePath: string;
  schemaVersion: number;
  appVersion: string;
  host: 'electron' | 'browser';
}

export interface PreviewRecord {
  /** 1-based record number in the sample. */
  record: number;
  status: 'written' | 'rejected';
  output?: unknown;
  reject?: { code: string; message: string; ruleId?: string; field?: string };
  /** Target-schema errors for written records (instancePath + message). */
  validation?: { path: string; message: string }[];
}

export interface PreviewResult {
  read: number;
  written: number;
  rejected: number;
  records: PreviewRecord[];
  diagnostics: Diagnostic[];
  elapsedMs: number;
}

export interface TestRunResult {
  passed: number;
  failed: number;
  results: { id: string; name: string; passed: boolean; actual?: unknown; expected?: unknown; message?: string }[];
}

/** Every request/response pair, keyed by method name (`area.verb`). */
export interface ApiMethods {
  'app.info': { req: Record<string, never>; res: WorkspaceInfo };
  'app.openExternal': { req: { url: string }; res: { opened: boolean } };

  'projects.list': { req: Record<string, never>; res: ProjectSummary[] };
  'projects.create': { req: { name: string; description?: string }; res: ProjectSummary };
  'projects.get': { req: { id: string }; res: ProjectSummary };
  'projects.rename': { req: { id: string; name: string }; res: ProjectSummary };
  'projects.delete': { req: { id: string }; res: { deleted: true } };
  'projects.open': { req: { id: string }; res: ProjectSummary };
  'projects.recent': { req: { limit?: number }; res: ProjectSummary[] };
  'projects.exportFolder': { req: { id: string; dir: string }; res: { dir: string; files: number } };
  'projects.importFolder': { req: { dir: string }; res: ProjectSummary };

  'mapping.get': { req: { projectId: string; revision?: number }; res: { revision: number; document: MappingDocument } };
  'mapping.save': {
    req: { projectId: string; document: MappingDocument; baseRevision: number; message?: string };
    res: { revision: number; hash: string };
  };
  'mapping.revisions': { req: { projectId: string }; res: RevisionSummary[] };
  'mapping.restore': { req: { projectId: string; revision: number }; res: { revision: number } };
  'mapping.check': { req: { document: MappingDocument }; res: { diagnostics: Diagnostic[] } };

  'schemas.infer': {
    req: { name: string; format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml' | 'xsd' | 'jsonschema'; content: string; recordPath?: string };
    res: { tree: FieldTree; diagnostics: Diagnostic[] };
  };
  'models.list': { req: Record<string, never>; res: { id: string; version: string; name: string; entities: string[] }[] };
  'models.get': { req: { id: string; version?: string }; res: { id: string; version: string; tree: FieldTree; schema: unknown } };

  'samples.list': { req: { projectId: string }; res: SampleSummary[] };
  'samples.add': {
    req: { projectId: string; sourceId: string; name: string; format: SampleSummary['format']; content: string };
    res: SampleSummary;
  };
  'samples.get': { req: { id: string }; res: SampleSummary & { content: string } };
  'samples.delete': { req: { id: string }; res: { deleted: true } };

  'tests.list': { req: { projectId: string }; res: StoredTestCase[] };
  'tests.save': { req: { projectId: string; test: TestCase }; res: StoredTestCase };
  'tests.delete': { req: { projectId: string; id: string }; res: { deleted: true } };
  'tests.run': { req: { projectId: string }; res: TestRunResult };

  'preview.run': { req: { document: MappingDocument; sampleId: string; limit?: number }; res: PreviewResult };
}

export type ApiMethodName = keyof ApiMethods;
export type ApiRequest<M extends ApiMethodName> = ApiMethods[M]['req'];
export type ApiResponse<M extends ApiMethodName> = ApiMethods[M]['res'];

/** Events pushed from host to renderer. */
export interface ApiEvents {
  'projects.changed': { projectId: string | null };
  'mapping.saved': { projectId: string; revision: number };
  'run.progress': { runId: string; read: number; written: number; rejected: number; done: boolean };
  'theme.changed': { dark: boolean };
}
export type ApiEventName = keyof ApiEvents;

/** The client surface the renderer uses, whatever hosts it. */
export type AppApi = {
  [M in ApiMethodName]: (req: ApiRequest<M>) => Promise<Result<ApiResponse<M>>>;
} & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/** Channel name for a method: `app:projects.create`; events: `app:event.projects.changed`. */
export const channelFor = (method: ApiMethodName): string => `app:${method}`;
export const eventChannelFor = (event: ApiEventName): string => `app:event.${event}`;

/** Runtime list of method names (kept in sync with `ApiMethods` by a type test). */
export const API_METHODS = [
  'app.info',
  'app.openExternal',
  'projects.list',
  'projects.create',
  'projects.get',
  'projects.rename',
  'projects.delete',
  'projects.open',
  'projects.recent',
  'projects.exportFolder',
  'projects.importFolder',
  'mapping.get',
  'mapping.save',
  'mapping.revisions',
  'mapping.restore',
  'mapping.check',
  'schemas.infer',
  'models.list',
  'models.get',
  'samples.list',
  'samples.add',
  'samples.get',
  'samples.delete',
  'tests.list',
  'tests.save',
  'tests.delete',
  'tests.run',
  'preview.run',
] as const satisfies readonly ApiMethodName[];

export const API_EVENTS = ['projects.changed', 'mapping.saved', 'run.progress', 'theme.changed'] as const satisfies readonly ApiEventName[];
