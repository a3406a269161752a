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
  /** `sha256:` of the content: changes whenever the sample is edited (a preview can key on it). */
  sha256?: string;
}

/** What an import adds: a sample to a source, or the source's schema (field tree). */
export type ImportKind = 'sample' | 'schema';
export type SchemaImportFormat = SampleSummary['format'] | 'xsd' | 'jsonschema';

/** Stages of an import, in order; `done`/`total` count characters of the content. */
export type ImportPhase = 'reading' | 'inferring' | 'storing';

export type ImportResult =
  | {
      importId: string;
      kind: 'sample';
      sample: SampleSummary;
      /** Reader problems (first 100, located); the sample is stored anyway, preview shows rejects. */
      diagnostics: Diagnostic[];
      /** Records that failed to parse (all of them, not only the reported ones). */
      rejected: number;
    }
  | {
      importId: string;
      kind: 'schema';
      tree: FieldTree;
      diagnostics: Diagnostic[];
      /** XML record element used (detected when not given). */
      recordPath?: string;
      /** `sha256:` of the imported content, for the source's `schemaHash`. */
      schemaHash: string;
      /** Records read to infer the tree (0 for XSD/JSON Schema documents). */
      records: number;
    };

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
  /** The output document; for a record rejected by target-schema validation, the invalid document. */
  output?: unknown;
  reject?: { code: string; message: string; ruleId?: string; field?: string };
  /**
   * Target-schema errors (instancePath + message). `ruleId`/`fieldRuleIds`/`modelPath`: the entity
   * or link rule (`root` for document fields) and field rules that wrote the value, and the path
   * inside that entity in model syntax (`names[].family`), so the canvas can mark the row.
   */
  validation?: { path: string; message: string; ruleId?: string; fieldRuleIds?: string[]; modelPath?: string }[];
}

export interface PreviewResult {
  read: number;
  written: number;
  rejected: number;
  records: PreviewRecord[];
  diagnostics: Diagnostic[];
  elapsedMs: number;
  /**
   * Staged preview (`pageSize` given): the counts and records are the first stage only (the focused
   * record and the first page); `preview.summary` with `runId` resolves with the whole sample's.
   */
  partial?: boolean;
  runId?: string;
  /** Records the preview covers in all (the sample's, up to `limit`). */
  total?: number;
}

/** One record's outcome in a whole-sample summary (no output: fetch it with `preview.record`). */
export interface PreviewStatus {
  record: number;
  status: 'written' | 'rejected';
  /** Reject code (MW6201 for target-schema failures). */
  code?: string;
  /** Number of target-schema errors. */
  errors?: number;
}

/** The whole sample's outcome of a staged preview. */
export interface PreviewSummary {
  runId: string;
  read: number;
  written: number;
  rejected: number;
  statuses: PreviewStatus[];
  /** From the start of the preview (including its first stage) to the last record. */
  elapsedMs: number;
}

/** Values one node or field rule produced for a record (once per loop iteration; first few kept). */
export interface PreviewTracedValues {
  count: number;
  /** JSON-safe: an absent (empty) value is `{ absent: true }`; long values are cut (`{ cut: text }`). */
  values: unknown[];
}

/** Values on the graph for one record (see mappings/compiler/trace.ts). */
export interface PreviewTrace {
  /** By value-node id (edges carry the value of their `valueId`). */
  nodes: Record<string, PreviewTracedValues>;
  /** By field-rule id. */
  fields: Record<string, PreviewTracedValues>;
  /** By entity/link rule id. */
  rules: Record<string, { made: number; skipped: number }>;
  filters: Record<string, boolean>;
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
  /** Replaces a sample's content (the sample editor's Save); the record count is recomputed. */
  'samples.update': { req: { id: string; content: string; format?: SampleSummary['format'] }; res: SampleSummary };

  /**
   * Imports a file off the UI thread: a sample (read, counted and stored) or a source schema
   * (inferred; the caller puts the tree into the mapping document). Resolves when the work is done;
   * `import.progress` events report it; `imports.cancel` with the same caller-chosen `importId`
   * stops it (the promise then fails with code `cancelled`).
   */
  'imports.start': {
    req: { importId: string; projectId: string; kind: ImportKind; sourceId: string; name: string; format: SchemaImportFormat; content: string; recordPath?: string };
    res: ImportResult;
  };
  'imports.cancel': { req: { importId: string }; res: { cancelled: boolean } };

  'tests.list': { req: { projectId: string }; res: StoredTestCase[] };
  'tests.save': { req: { projectId: string; test: TestCase }; res: StoredTestCase };
  'tests.delete': { req: { projectId: string; id: string }; res: { deleted: true } };
  'tests.run': { req: { projectId: string }; res: TestRunResult };

  /**
   * Runs the mapping over the sample. With `pageSize`, staged: resolves as soon as the `focus`
   * record (1-based) and the first `pageSize` records are done (`partial`, `runId`), while the rest
   * runs on in the worker; a newer staged preview of the same mapping cancels that rest.
   */
  'preview.run': { req: { document: MappingDocument; sampleId: string; limit?: number; focus?: number; pageSize?: number }; res: PreviewResult };
  /** The rest of a staged preview: resolves when the whole sample is done; fails `superseded` when a newer preview replaced it. */
  'preview.summary': { req: { runId: string }; res: PreviewSummary };
  /** One record's output on demand, with the values on the graph for it (interpreted trace); `limit` as given to `preview.run`. */
  'preview.record': { req: { document: MappingDocument; sampleId: string; record: number; limit?: number }; res: { record: PreviewRecord; trace: PreviewTrace | null } };

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
  'import.progress': { importId: string; phase: ImportPhase; done: number; total: number; records: number };
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
  'samples.update',
  'imports.start',
  'imports.cancel',
  'tests.list',
  'tests.save',
  'tests.delete',
  'tests.run',
  'preview.run',
  'preview.summary',
  'preview.record',
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

export const API_EVENTS = ['projects.changed', 'mapping.saved', 'run.progress', 'theme.changed', 'import.progress'] as const satisfies readonly ApiEventName[];
