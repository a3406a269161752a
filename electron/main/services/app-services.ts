/**
 * The AppApi implemented over the workspace store: one plain class both hosts construct (Electron
 * main and the browser host) and tests call directly. Expected failures are thrown as `ApiFailure`
 * and become `Result` errors in `dispatch`.
 */
import { randomUUID } from 'node:crypto';
import type { MappingDocument, TestCase } from '../../../mappings/document/types';
import type {
  ApiMethodName,
  ApiRequest,
  ApiResponse,
  ProjectSummary,
  RevisionSummary,
  StoredTestCase,
} from '../../shared/api';
import type { ProjectRow } from '../db/repositories/projects';
import type { SampleRow } from '../db/repositories/samples';
import type { TestCaseRow } from '../db/repositories/test-cases';
import type { WorkspaceDb } from '../db/workspace';
import { ApiFailure, notFound } from '../errors';
import type { Logger } from '../log';
import { safeExternalUrl } from '../urls';
import { BundleServices } from './bundles';
import { ImportServices, toSampleSummary as toSample } from './imports';
import { runWorkerScript, type WorkerScript } from '../paths';
import * as domain from './domain';
import type { EventBus } from './events';
import { sha256 } from './hash';
import { listProjectFolders, readProjectFolder, sampleFileName, writeProjectFolder, type FolderProject } from './project-folder';
import { PreviewRunner } from './preview-runner';
import type { RunRunner } from './runs';

export type Handlers = { [M in ApiMethodName]: (req: ApiRequest<M>) => Promise<ApiResponse<M>> };

export interface ServicesOptions {
  ws: WorkspaceDb;
  host: 'electron' | 'browser';
  appVersion: string;
  events: EventBus;
  runner: RunRunner;
  log: Logger;
  /** Opens a validated http(s) URL in the user's browser; the browser host has none. */
  openExternal?: (url: string) => Promise<void>;
  now?: () => Date;
  /** Electron: a save dialog that copies an exported bundle where the user chooses. */
  saveFile?: (file: string, suggestedName: string) => Promise<string | null>;
  /** Prebuilt bundle engine folder (packaged app). */
  engineDir?: string;
  /** The run worker script imports run in (default: the app's, bundled on first use from source). */
  workerScript?: WorkerScript | (() => WorkerScript);
}

const toProject = (r: ProjectRow): ProjectSummary => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  openedAt: r.opened_at,
  revision: r.revision,
  isExample: r.is_example === 1,
});

const toTest = (r: TestCaseRow): StoredTestCase => ({ ...(JSON.parse(r.body) as TestCase), projectId: r.project_id, updatedAt: r.updated_at });

/** Storage-side services plus the domain calls, keyed by AppApi method. */
export class AppServices {
  readonly handlers: Handlers;
  /** Export, review and signing keys (see bundles.ts); also resolves browser-host downloads. */
  readonly bundles: BundleServices;
  /** File imports (sample or schema, off the main thread, cancellable) and sample edits. */
  readonly imports: ImportServices;
  /** Staged live preview in a warm worker of its own (see preview-runner.ts). */
  readonly previews: PreviewRunner;
  private readonly ws: WorkspaceDb;
  private readonly now: () => string;

  constructor(private readonly o: ServicesOptions) {
    this.ws = o.ws;
    this.now = () => (o.now ?? (() => new Date()))().toISOString();
    this.bundles = new BundleServices({ ws: o.ws, log: o.log, now: this.now, handlers: () => this.handlers, saveFile: o.saveFile, engineDir: o.engineDir });
    this.previews = new PreviewRunner(o.workerScript ?? runWorkerScript, o.events, o.log);
    this.imports = new ImportServices({ ws: o.ws, events: o.events, log: o.log, runner: o.runner, now: this.now, script: o.workerScript ?? runWorkerScript });
    this.handlers = this.buildHandlers();
  }

  private buildHandlers(): Handlers {
    const ws = this.ws;
    const h: Handlers = {
      'app.info': async () => ({
        home: ws.home,
        databasePath: ws.path,
        schemaVersion: ws.schemaVersion,
        appVersion: this.o.appVersion,
        host: this.o.host,
      }),
      'app.openExternal': async ({ url }) => {
        const safe = safeExternalUrl(url);
        if (!safe) throw new ApiFailure('invalid-request', `Only http and https links without credentials can be opened (got "${url.slice(0, 200)}").`);
        if (!this.o.openExternal) return { opened: false };
        await this.o.openExternal(safe);
        return { opened: true };
      },

      'projects.list': async () => ws.projects.list().map(toProject),
      'projects.create': async ({ name, description }) => {
        const id = randomUUID();
        const now = this.now();
        ws.write(() => {
          ws.projects.insert({ id, name: name.trim(), description: description ?? '', now });
          const doc = domain.newMapping({ id: randomUUID(), namespace: randomUUID(), name: name.trim() });
          this.appendRevision(id, 1, doc, 'Created', now);
        });
        this.o.events.emit('projects.changed', { projectId: id });
        return this.project(id);
      },
      'projects.get': async ({ id }) => this.project(id),
      'projects.rename': async ({ id, name }) => {
        if (!ws.projects.rename(id, name.trim(), this.now())) throw notFound('Project', id);
        this.o.events.emit('projects.changed', { projectId: id });
        return this.project(id);
      },
      'projects.delete': async ({ id }) => {
        if (!ws.projects.delete(id)) throw notFound('Project', id);
        this.o.events.emit('projects.changed', { projectId: id });
        return { deleted: true };
      },
      'projects.open': async ({ id }) => {
        if (!ws.projects.markOpened(id, this.now())) throw notFound('Project', id);
        // The recent list changed.
        this.o.events.emit('projects.changed', { projectId: id });
        return this.project(id);
      },
      'projects.recent': async ({ limit }) => ws.projects.recent(limit ?? 10).map(toProject),
      'projects.exportFolder': async ({ id, dir }) => {
        const p = this.project(id);
        const latest = ws.revisions.latest(id);
        if (!latest) throw notFound('Mapping of project', id);
        const taken = new Set<string>();
        const samples = ws.samples.list(id).map((s) => ({
          file: sampleFileName(s.name, s.format, taken),
          source: s.source_id,
          format: s.format,
          content: ws.samples.content(s.id)!,
        }));
        const tests = ws.tests.list(id).map((t) => JSON.parse(t.body) as TestCase);
        const { files } = writeProjectFolder(dir, {
          id: p.id,
          name: p.name,
          description: p.description,
          mappingText: domain.serializeMapping(JSON.parse(latest.document) as MappingDocument),
          samples,
          tests,
        });
        return { dir, files };
      },
      'projects.importFolder': async ({ dir }) => {
        const folder = readProjectFolder(dir);
        const id = await this.importProject(folder, {});
        this.o.events.emit('projects.changed', { projectId: id });
        return this.project(id);
      },

      'mapping.get': async ({ projectId, revision }) => {
        this.project(projectId);
        const row = revision === undefined ? ws.revisions.latest(projectId) : ws.revisions.get(projectId, revision);
        if (!row) throw notFound(`Revision ${revision ?? 'latest'} of project`, projectId);
        return { revision: row.revision, document: JSON.parse(row.document) as MappingDocument };
      },
      'mapping.save': async ({ projectId, document, baseRevision, message }) => {
        // Only the bridge's shape check applies here: a mapping being built (no source yet, rules
        // half-made) must still save; `mapping.check` reports what is incomplete.
        const text = domain.serializeMapping(document);
        const hash = sha256(text);
        const out = ws.write(() => {
          if (!ws.projects.get(projectId)) throw notFound('Project', projectId);
          const latest = ws.revisions.latest(projectId);
          const current = latest?.revision ?? 0;
          if (current !== baseRevision) {
            throw new ApiFailure(
              'conflict',
              `The mapping was saved elsewhere (now at revision ${current}) after revision ${baseRevision}, which this edit is based on. Reload it and apply the change again.`,
            );
          }
          // An unchanged document (autosave, double click) does not add history.
          if (latest && latest.hash === hash) return { revision: current, hash, changed: false };
          const now = this.now();
          ws.revisions.append({ projectId, revision: current + 1, document: text, hash, message: message ?? '', createdAt: now });
          ws.projects.touch(projectId, now);
          this.recordSchemas(projectId, document, now);
          return { revision: current + 1, hash, changed: true };
        });
        if (out.changed) this.o.events.emit('mapping.saved', { projectId, revision: out.revision });
        return { revision: out.revision, hash: out.hash };
      },
      'mapping.revisions': async ({ projectId }) => {
        this.project(projectId);
        return ws.revisions.list(projectId).map((r): RevisionSummary => ({ revision: r.revision, createdAt: r.created_at, message: r.message, hash: r.hash }));
      },
      'mapping.restore': async ({ projectId, revision }) => {
        const next = ws.write(() => {
          if (!ws.projects.get(projectId)) throw notFound('Project', projectId);
          const old = ws.revisions.get(projectId, revision);
          if (!old) throw notFound(`Revision ${revision} of project`, projectId);
          const latest = ws.revisions.latest(projectId)!;
          const now = this.now();
          // Restoring appends: history is never rewritten.
          ws.revisions.append({ projectId, revision: latest.revision + 1, document: old.document, hash: old.hash, message: `Restored revision ${revision}`, createdAt: now });
          ws.projects.touch(projectId, now);
          return latest.revision + 1;
        });
        this.o.events.emit('mapping.saved', { projectId, revision: next });
        return { revision: next };
      },
      'mapping.check': async ({ document }) => ({ diagnostics: domain.checkMapping(document) }),

      'schemas.infer': async (req) => domain.inferSchema(req),
      'models.list': async () => domain.listModels(),
      'models.get': async ({ id, version }) => domain.getModel(id, version),

      'samples.list': async ({ projectId }) => {
        this.project(projectId);
        return ws.samples.list(projectId).map(toSample);
      },
      'samples.add': async ({ projectId, sourceId, name, format, content }) => {
        this.project(projectId);
        const id = randomUUID();
        const bytes = Buffer.from(content, 'utf8');
        const recordCount = await this.countRecords(format, content);
        ws.samples.insert({
          id,
          projectId,
          sourceId,
          name: name.trim(),
          format,
          content: bytes,
          recordCount,
          sha256: sha256(bytes),
          createdAt: this.now(),
        });
        return toSample(ws.samples.get(id)!);
      },
      'samples.get': async ({ id }) => {
        const row = ws.samples.get(id);
        if (!row) throw notFound('Sample', id);
        return { ...toSample(row), content: ws.samples.content(id)!.toString('utf8') };
      },
      'samples.delete': async ({ id }) => {
        if (!ws.samples.delete(id)) throw notFound('Sample', id);
        return { deleted: true };
      },

      'tests.list': async ({ projectId }) => {
        this.project(projectId);
        return ws.tests.list(projectId).map(toTest);
      },
      'tests.save': async ({ projectId, test }) => {
        this.project(projectId);
        ws.tests.upsert({ projectId, id: test.id, name: test.name, body: JSON.stringify(test), now: this.now() });
        return toTest(ws.tests.get(projectId, test.id)!);
      },
      'tests.delete': async ({ projectId, id }) => {
        if (!ws.tests.delete(projectId, id)) throw notFound(`Test case in project ${projectId}`, id);
        return { deleted: true };
      },
      'tests.run': async ({ projectId }) => {
        this.project(projectId);
        const latest = ws.revisions.latest(projectId)!;
        const tests = ws.tests.list(projectId).map((t) => JSON.parse(t.body) as TestCase);
        if (!tests.length) return { passed: 0, failed: 0, results: [] };
        return this.o.runner.run({ kind: 'tests', document: JSON.parse(latest.document) as MappingDocument, tests });
      },

      'preview.run': async ({ document, sampleId, limit, focus, pageSize }) => {
        const task = this.previewTask(document, sampleId, limit ?? 200);
        if (pageSize !== undefined) return this.previews.start(task, { pageSize, ...(focus !== undefined ? { focus } : {}) });
        return this.o.runner.run({ kind: 'preview', ...task });
      },
      'preview.summary': async ({ runId }) => this.previews.summary(runId),
      // Same default limit as preview.run: the worker's parsed sample is cached per limit.
      'preview.record': async ({ document, sampleId, record, limit }) => this.previews.record(this.previewTask(document, sampleId, limit ?? 200), record),
      ...this.bundles.handlers(),
      ...this.imports.handlers(),
    };
    return h;
  }

  /** A preview over a stored sample; joined sources read the project's first sample of each secondary source. */
  private previewTask(document: MappingDocument, sampleId: string, limit: number): domain.PreviewTask {
    const ws = this.ws;
    const row = ws.samples.get(sampleId);
    if (!row) throw notFound('Sample', sampleId);
    const content = ws.samples.content(sampleId)!.toString('utf8');
    const joined: Record<string, domain.SampleText> = {};
    const projectSamples = ws.samples.list(row.project_id);
    for (const j of document.joins) {
      const s = projectSamples.find((x) => x.source_id === j.source);
      if (s && !joined[j.source]) joined[j.source] = { name: s.name, format: s.format, content: ws.samples.content(s.id)!.toString('utf8') };
    }
    return { document, sample: { name: row.name, format: row.format, content }, limit, joined };
  }

  private project(id: string): ProjectSummary {
    const row = this.ws.projects.get(id);
    if (!row) throw notFound('Project', id);
    return toProject(row);
  }

  private appendRevision(projectId: string, revision: number, doc: MappingDocument, message: string, now: string): void {
    const text = domain.serializeMapping(doc);
    this.ws.revisions.append({ projectId, revision, document: text, hash: sha256(text), message, createdAt: now });
    this.recordSchemas(projectId, doc, now);
  }

  private recordSchemas(projectId: string, doc: MappingDocument, now: string): void {
    for (const s of doc.sources) {
      const tree = JSON.stringify(s.schema);
      this.ws.sourceSchemas.record({ projectId, sourceId: s.id, hash: s.schemaHash ?? sha256(tree), name: s.name, format: s.format, tree, now });
    }
  }

  /** Samples up to this size are counted in place (milliseconds); larger ones in the run worker. */
  private static readonly INLINE_COUNT_LIMIT = 2 * 1024 * 1024;

  private async countRecords(format: SampleRow['format'], content: string): Promise<number | null> {
    try {
      if (content.length <= AppServices.INLINE_COUNT_LIMIT) return domain.countRecords(format, content);
      return (await this.o.runner.run({ kind: 'count', format, content })).records;
    } catch (e) {
      // A sample the reader cannot parse is still stored: preview reports its problems, located.
      this.o.log.warn(`could not count records of a ${format} sample: ${(e as Error).message}`);
      return null;
    }
  }

  /** Inserts a project read from a folder; a project id already in the workspace gets a new id. */
  private async importProject(folder: FolderProject, opts: { exampleKey?: string }): Promise<string> {
    const now = this.now();
    const counts = await Promise.all(folder.samples.map((s) => this.countRecords(s.format, s.content.toString('utf8'))));
    return this.ws.write(() => {
      const id = this.ws.projects.get(folder.manifest.id) ? randomUUID() : folder.manifest.id;
      this.ws.projects.insert({
        id,
        name: folder.manifest.name,
        description: folder.manifest.description ?? '',
        now,
        isExample: opts.exampleKey !== undefined,
        exampleKey: opts.exampleKey ?? null,
      });
      this.appendRevision(id, 1, folder.document, opts.exampleKey ? `Example "${opts.exampleKey}"` : 'Imported', now);
      folder.samples.forEach((s, i) => {
        this.ws.samples.insert({
          id: randomUUID(),
          projectId: id,
          sourceId: s.source,
          name: s.file,
          format: s.format,
          content: s.content,
          recordCount: counts[i],
          sha256: sha256(s.content),
          createdAt: now,
        });
      });
      if (opts.exampleKey !== undefined) this.ws.seededExamples.add(opts.exampleKey, now);
      for (const t of folder.tests) this.ws.tests.upsert({ projectId: id, id: t.id, name: t.name, body: JSON.stringify(t), now });
      return id;
    });
  }

  /**
   * Seeds built-in example projects (folders under `examplesDir`) that this workspace has never
   * seeded. A broken example is logged and skipped: it must not stop the app from starting.
   */
  async seedExamples(examplesDir: string): Promise<string[]> {
    const seeded: string[] = [];
    for (const ex of listProjectFolders(examplesDir)) {
      if (this.ws.seededExamples.has(ex.key)) continue;
      try {
        await this.importProject(readProjectFolder(ex.dir), { exampleKey: ex.key });
        seeded.push(ex.key);
      } catch (e) {
        this.o.log.error(`could not seed the example project "${ex.key}" from ${ex.dir}`, e);
      }
    }
    if (seeded.length) this.o.events.emit('projects.changed', { projectId: null });
    return seeded;
  }
}
