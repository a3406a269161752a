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

// --- Bundles: export, review, keys -------------------------------------------------------------

/** A signing key made in this workspace (the private half never leaves it unencrypted). */
export interface SigningKeySummary {
  id: string;
  name: string;
  /** `ed25519:` + 16 hex digits, as in bundle signatures. */
  keyId: string;
  publicKey: string;
  /** `passphrase`: needs the user's passphrase to sign; `workspace`: sealed with the workspace secret file. */
  protection: 'passphrase' | 'workspace';
  createdAt: string;
}

/** Coverage figures (the checker's `Coverage`), as plain JSON. */
export interface CoverageSummary {
  perEntity: { ruleId: string; entity: string; label?: string; required: number; mapped: number; percent: number }[];
  unusedSourceFields: string[];
  unmappedRequired: { ruleId: string; entity: string; field: string }[];
  codeValuesWithoutMapping: { valueMap: string; valueMapName: string; value: string; count: number }[];
}

export interface BundleExportResult {
  /** Workspace id of this export: the download handle. */
  exportId: string;
  bundleId: string;
  version: string;
  /** File in the workspace `exports` folder. */
  path: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  signedBy?: { keyId: string; name: string };
}

export interface BundleSignatureStatus {
  file: string;
  keyId?: string;
  role?: string;
  valid: boolean;
  signedAt?: string;
  /** Name of a workspace key with this key id, when known. */
  knownAs?: string;
  detail?: string;
}

/** One row of the plain-language mapping table (see mappings/bundle/describe.ts). */
export interface DescribedFieldRow {
  ruleId: string;
  section: string;
  target: string;
  label: string;
  description: string;
  comment?: string;
  valueMaps: string[];
  dataProtection?: string;
  /** The value passes through a lossy step (a value-map default or a lossy entry). */
  lossy?: boolean;
}

export interface OpenedBundle {
  reviewId: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  openedAt: string;
  /** The parsed manifest (absent when manifest.json is missing or unreadable). */
  manifest?: {
    bundle: { id: string; version: string };
    mapping: { id: string; name: string; version: string };
    author?: string;
    createdAt: string;
    releaseNotes?: string;
    target: { modelId: string; modelVersion: string };
    sources: { id: string; name: string; format: string }[];
    fileCount: number;
  };
  manifestSha256?: string;
  integrity: { ok: boolean; fileCount: number; problems: string[] };
  signatures: BundleSignatureStatus[];
  mapping?: MappingDocument;
  describe?: { rules: { ruleId: string; kind: string; text: string }[]; fields: DescribedFieldRow[] };
  coverage?: CoverageSummary;
  /** Earlier opened versions of the same mapping id (for Changes). */
  earlier: { reviewId: string; version: string; openedAt: string }[];
  review?: ReviewRecord;
}

export type ReviewVerdict = 'approve' | 'query' | 'reject';

export interface ReviewDecision {
  /** Target field (`Person.dateOfBirth`), or a rule id. */
  target: string;
  verdict: ReviewVerdict;
  comment: string;
}

/** A review record: travels with the bundle, signed over its canonical JSON (without `signature`). */
export interface ReviewRecord {
  format: 'mapwright.review';
  bundleId: string;
  bundleVersion: string;
  mappingId: string;
  bundleSha256: string;
  manifestSha256: string;
  reviewer: { name: string; keyId?: string; publicKey?: string };
  decisions: ReviewDecision[];
  overall: { verdict: ReviewVerdict; comment: string };
  signedAt: string;
  /** Base64 Ed25519 signature; absent for an unsigned (draft) record. */
  signature?: string;
}

export interface SelfTestResult {
  ok: boolean;
  passed: number;
  failed: number;
  results: { name: string; file: string; passed: boolean; detail?: string }[];
  /** The runner's own words, for the record. */
  output: string;
}

export interface BundleRunResult {
  read: number;
  written: number;
  rejected: number;
  outputs: unknown[];
  rejects: { record: number; line: number; code: string; message: string; ruleId?: string; field?: string }[];
  /** Output/rejects shown are capped; counts are complete. */
  truncated: boolean;
  log: string;
}

export interface BundleDiffResult {
  from: { reviewId: string; version: string };
  to: { reviewId: string; version: string };
  /** Field by field, in plain words (see mappings/bundle/semantic-diff.ts). */
  changes: { kind: 'added' | 'removed' | 'changed'; area: string; id: string; subject?: string; text: string }[];
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

  'keys.list': { req: Record<string, never>; res: SigningKeySummary[] };
  'keys.create': { req: { name: string; passphrase?: string }; res: SigningKeySummary };
  'keys.exportPublic': { req: { id: string }; res: { name: string; keyId: string; publicKey: string } };

  'bundles.preflight': { req: { projectId: string }; res: { diagnostics: Diagnostic[]; coverage: CoverageSummary | null; tests: TestRunResult; suggestedVersion: string } };
  'bundles.export': {
    req: { projectId: string; version: string; notes: string; signWith?: string; passphrase?: string };
    res: BundleExportResult;
  };
  /** Electron: asks where to save an export and copies it there; the browser host downloads instead. */
  'bundles.saveAs': { req: { exportId: string }; res: { saved: boolean; path?: string } };
  'bundles.open': { req: { name: string; contentBase64: string }; res: OpenedBundle };
  'bundles.get': { req: { reviewId: string }; res: OpenedBundle };
  'bundles.selfTest': { req: { reviewId: string }; res: SelfTestResult };
  'bundles.run': {
    /** `joined`: files for the mapping's joined (secondary) sources, by source id. */
    req: { reviewId: string; sampleBase64: string; format: SampleSummary['format']; joined?: { sourceId: string; sampleBase64: string; format: SampleSummary['format'] }[] };
    res: BundleRunResult;
  };
  'bundles.diff': { req: { reviewId: string; againstReviewId: string }; res: BundleDiffResult };
  'reviews.save': {
    req: { reviewId: string; reviewer: string; decisions: ReviewDecision[]; overall: { verdict: ReviewVerdict; comment: string }; signWith?: string; passphrase?: string };
    res: ReviewRecord;
  };
  'reviews.export': { req: { reviewId: string }; res: { fileName: string; text: string; record: ReviewRecord; verified: boolean } };
  /** Adds the reviewer's signature to a copy of the bundle; the copy is downloadable like an export. */
  'reviews.signBundle': { req: { reviewId: string; signWith: string; passphrase?: string }; res: BundleExportResult };
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
  'keys.list',
  'keys.create',
  'keys.exportPublic',
  'bundles.preflight',
  'bundles.export',
  'bundles.saveAs',
  'bundles.open',
  'bundles.get',
  'bundles.selfTest',
  'bundles.run',
  'bundles.diff',
  'reviews.save',
  'reviews.export',
  'reviews.signBundle',
] as const satisfies readonly ApiMethodName[];

export const API_EVENTS = ['projects.changed', 'mapping.saved', 'run.progress', 'theme.changed'] as const satisfies readonly ApiEventName[];
