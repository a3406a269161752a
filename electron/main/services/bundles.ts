/**
 * Bundles in the app: signing keys kept in the workspace, guided export of a project to a `.mwb`,
 * and review mode (open a bundle, verify it, run its self-test and a reviewer's own sample through
 * it, diff it against an earlier version, record signed decisions).
 *
 * Everything bundle-shaped is done by `mappings/bundle` (the same code as `mapwright bundle`,
 * `verify`, `diff`): this file only stores, looks up and adapts results to the AppApi. Bundle code
 * (self-test, run on a sample) runs in a child `node run.mjs` process — exactly what a force runs,
 * and off the main thread, with the bundle's own integrity gate in front of it.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, randomBytes, randomUUID, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coverage as checkerCoverage, checkMapping } from '../../../mappings/checker/index';
import { loadProject } from '../../../mappings/checker/project.node.js';
import { describeMapping } from '../../../mappings/bundle/describe';
import {
  checkIntegrity,
  parseManifest,
  sha256Hex,
  type BundleManifest,
  type FileEntry,
} from '../../../mappings/bundle/manifest';
import { extractBundle } from '../../../mappings/bundle/reader.node.js';
import { diffMappings } from '../../../mappings/bundle/semantic-diff';
import {
  checkSignature,
  generateKeys,
  keyIdOf,
  signManifest,
  type SignatureCheck,
} from '../../../mappings/bundle/signatures.node.js';
import { addSignature, buildBundle, writeBundle } from '../../../mappings/bundle/writer.node.js';
import { unzipFiles } from '../../../mappings/bundle/zip';
import { MappingError } from '../../../mappings/diagnostics/diagnostic';
import { canonicalJson } from '../../../mappings/document/serialize';
import type { MappingDocument } from '../../../mappings/document/types';
import { getModel } from '../../../mappings/model/index';
import type {
  ApiRequest,
  ApiResponse,
  BundleExportResult,
  BundleSignatureStatus,
  OpenedBundle,
  ReviewRecord,
  SelfTestResult,
  SigningKeySummary,
} from '../../shared/api';
import type { WorkspaceDb } from '../db/workspace';
import { ApiFailure, notFound } from '../errors';
import type { Logger } from '../log';
import type { Handlers } from './app-services';

export type BundleMethod =
  | 'keys.list'
  | 'keys.create'
  | 'keys.exportPublic'
  | 'bundles.preflight'
  | 'bundles.export'
  | 'bundles.saveAs'
  | 'bundles.open'
  | 'bundles.get'
  | 'bundles.selfTest'
  | 'bundles.run'
  | 'bundles.diff'
  | 'reviews.save'
  | 'reviews.export'
  | 'reviews.signBundle';

export interface BundleServicesOptions {
  ws: WorkspaceDb;
  log: Logger;
  now: () => string;
  /** The other handlers (project folder export, test runs), looked up at call time. */
  handlers: () => Handlers;
  /** Electron: a save dialog; copies `file` where the user chooses. Absent in the browser host. */
  saveFile?: (file: string, suggestedName: string) => Promise<string | null>;
  /** Folder holding prebuilt engine.mjs/run.mjs (packaged app); default: the checkout's. */
  engineDir?: string;
  /** The `node` that runs bundle code; default this process (Electron runs as node). */
  nodePath?: string;
}

/** A file the browser host may send for `GET /api/download/<id>`. */
export interface DownloadFile {
  path: string;
  fileName: string;
  contentType: string;
}

interface KeyRow {
  id: string;
  name: string;
  key_id: string;
  public_key: string;
  private_key: string;
  protection: 'passphrase' | 'workspace';
  created_at: string;
}
interface ExportRow {
  id: string;
  project_id: string | null;
  review_id: string | null;
  bundle_id: string;
  version: string;
  file: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
}
interface ReviewRow {
  id: string;
  name: string;
  file: string;
  sha256: string;
  bundle_id: string | null;
  mapping_id: string | null;
  version: string | null;
  opened_at: string;
  record: string | null;
  saved_at: string | null;
}

/** Largest bundle accepted for review (the zip reader also caps entries, total size and ratio). */
const MAX_BUNDLE_BYTES = 48 * 1024 * 1024;
/** Rows of output/rejects sent back from a try-it run; counts are always complete. */
const RUN_ROWS = 500;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const toKey = (r: KeyRow): SigningKeySummary => ({
  id: r.id,
  name: r.name,
  keyId: r.key_id,
  publicKey: r.public_key,
  protection: r.protection,
  createdAt: r.created_at,
});

/** The bytes a review record's signature covers: its canonical JSON without `signature`. */
export function reviewSigningBytes(record: ReviewRecord): Buffer {
  const { signature: _omit, ...rest } = record;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

/**
 * Checks a review record's signature against the public key it names.
 * @returns null when valid, else the reason in words.
 */
export function reviewRecordProblem(record: ReviewRecord): string | null {
  if (!record.signature) return 'the review record is not signed';
  if (!record.reviewer.publicKey) return 'the review record has no public key';
  try {
    const pub = createPublicKey(record.reviewer.publicKey);
    if (record.reviewer.keyId && keyIdOf(pub) !== record.reviewer.keyId)
      return 'the key id does not belong to the public key';
    return verify(null, reviewSigningBytes(record), pub, Buffer.from(record.signature, 'base64'))
      ? null
      : 'the signature does not match the record (it was changed after signing)';
  } catch (e) {
    return `the public key cannot be read (${(e as Error).message})`;
  }
}

/** `1.4.2` → `1.4.3`; anything else gets `.1` appended to stay distinct. */
export function suggestNextVersion(current: string, exported: string[]): string {
  const m = SEMVER.exec(current);
  const all = [current, ...exported].filter((v) => SEMVER.test(v));
  if (!m) return '1.0.0';
  const newest = all
    .map((v) => v.split(/[-+]/)[0]!.split('.').map(Number))
    .sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]! || b[2]! - a[2]!)[0]!;
  // The mapping's own version is unreleased until exported once: suggest it as is.
  if (!exported.includes(current) && newest.join('.') === current.split(/[-+]/)[0]) return current;
  return `${newest[0]}.${newest[1]}.${newest[2]! + 1}`;
}

/** Storage and services behind the bundle, review and key methods of the AppApi. */
export class BundleServices {
  readonly exportsDir: string;
  readonly reviewsDir: string;
  private readonly secretFile: string;

  constructor(private readonly o: BundleServicesOptions) {
    this.exportsDir = path.join(o.ws.home, 'exports');
    this.reviewsDir = path.join(o.ws.home, 'reviews');
    this.secretFile = path.join(o.ws.home, 'keys.secret');
  }

  /** The handlers for `BundleMethod`s, merged into the host's `Handlers`. */
  handlers(): { [M in BundleMethod]: (req: ApiRequest<M>) => Promise<ApiResponse<M>> } {
    return {
      'keys.list': async () => this.keyRows().map(toKey),
      'keys.create': async (r) => this.createKey(r.name, r.passphrase),
      'keys.exportPublic': async ({ id }) => {
        const k = this.key(id);
        return { name: k.name, keyId: k.key_id, publicKey: k.public_key };
      },
      'bundles.preflight': async ({ projectId }) => this.preflight(projectId),
      'bundles.export': async (r) => this.exportBundle(r),
      'bundles.saveAs': async ({ exportId }) => {
        const e = this.exportRow(exportId);
        if (!this.o.saveFile) return { saved: false };
        const to = await this.o.saveFile(e.file, path.basename(e.file));
        return to ? { saved: true, path: to } : { saved: false };
      },
      'bundles.open': async ({ name, contentBase64 }) => this.open(name, contentBase64),
      'bundles.get': async ({ reviewId }) => this.describe(this.review(reviewId)),
      'bundles.selfTest': async ({ reviewId }) => this.selfTest(reviewId),
      'bundles.run': async (r) => this.runOnSample(r),
      'bundles.diff': async ({ reviewId, againstReviewId }) => {
        const to = this.review(reviewId);
        const from = this.review(againstReviewId);
        const a = this.loadReviewFiles(from).doc;
        const b = this.loadReviewFiles(to).doc;
        if (!a || !b)
          throw new ApiFailure(
            'invalid-request',
            'One of the two bundles has no readable mapping.json, so there is nothing to compare.',
          );
        const d = diffMappings(a, b);
        return {
          from: { reviewId: from.id, version: from.version ?? '' },
          to: { reviewId: to.id, version: to.version ?? '' },
          changes: d.changes.map((c) => ({
            kind: c.kind,
            area: c.area,
            id: c.id,
            ...(c.subject ? { subject: c.subject } : {}),
            text: c.text,
          })),
        };
      },
      'reviews.save': async (r) => this.saveReview(r),
      'reviews.export': async ({ reviewId }) => {
        const row = this.review(reviewId);
        if (!row.record)
          throw new ApiFailure('conflict', 'This review has not been saved yet: save your decision first.');
        const record = JSON.parse(row.record) as ReviewRecord;
        const base = (row.name.replace(/\.mwb$/i, '') || 'bundle').replace(/[^A-Za-z0-9._-]+/g, '-');
        return {
          fileName: `${base}.review.json`,
          text: `${JSON.stringify(record, null, 2)}\n`,
          record,
          verified: reviewRecordProblem(record) === null,
        };
      },
      'reviews.signBundle': async ({ reviewId, signWith, passphrase }) =>
        this.signBundle(reviewId, signWith, passphrase),
    };
  }

  /** Resolves a download id (an export or a re-signed bundle) to its file. */
  download(id: string): DownloadFile | null {
    const row = this.o.ws.db.prepare('SELECT * FROM bundle_exports WHERE id = ?').get(id) as ExportRow | undefined;
    if (!row || !fs.existsSync(row.file)) return null;
    return { path: row.file, fileName: path.basename(row.file), contentType: 'application/zip' };
  }

  // ---------------------------------------------------------------------------------------------
  // Keys

  private keyRows(): KeyRow[] {
    return this.o.ws.db.prepare('SELECT * FROM signing_keys ORDER BY created_at, name').all() as KeyRow[];
  }

  private key(id: string): KeyRow {
    const row = this.o.ws.db.prepare('SELECT * FROM signing_keys WHERE id = ?').get(id) as KeyRow | undefined;
    if (!row) throw notFound('Signing key', id);
    return row;
  }

  /**
   * The workspace secret: 32 random bytes in `keys.secret` (mode 0600) beside the database. Keys
   * made without a passphrase are encrypted with it, so the database alone (copied, backed up,
   * attached to a ticket) never holds a usable private key; the browser host has no OS keychain
   * to lean on, and a passphrase prompt on every signature is what users skip keys to avoid.
   */
  private workspaceSecret(): string {
    try {
      return fs.readFileSync(this.secretFile, 'utf8').trim();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const secret = randomBytes(32).toString('base64url');
    // 'wx': two hosts racing to create it must not overwrite each other's secret.
    try {
      fs.writeFileSync(this.secretFile, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(this.secretFile, 'utf8').trim();
      throw e;
    }
  }

  private createKey(name: string, passphrase?: string): SigningKeySummary {
    if (passphrase !== undefined && passphrase.length < 8)
      throw new ApiFailure(
        'invalid-request',
        'A passphrase must be at least 8 characters long (or leave it empty to protect the key with the workspace secret).',
      );
    const protection = passphrase ? 'passphrase' : 'workspace';
    const keys = generateKeys(passphrase || this.workspaceSecret());
    const row: KeyRow = {
      id: randomUUID(),
      name: name.trim(),
      key_id: keys.keyId,
      public_key: keys.publicKey,
      private_key: keys.privateKey,
      protection,
      created_at: this.o.now(),
    };
    this.o.ws.db
      .prepare(
        'INSERT INTO signing_keys (id, name, key_id, public_key, private_key, protection, created_at) VALUES (@id, @name, @key_id, @public_key, @private_key, @protection, @created_at)',
      )
      .run(row);
    return toKey(row);
  }

  /** Decrypts a key for one signature; a wrong or missing passphrase is the user's to fix. */
  private unlock(id: string, passphrase?: string): { pem: string; secret: string; row: KeyRow } {
    const row = this.key(id);
    const secret = row.protection === 'workspace' ? this.workspaceSecret() : (passphrase ?? '');
    if (row.protection === 'passphrase' && !passphrase)
      throw new ApiFailure('invalid-request', `The key "${row.name}" is protected by a passphrase: enter it to sign.`);
    try {
      createPrivateKey({ key: row.private_key, passphrase: secret });
    } catch {
      throw new ApiFailure(
        'forbidden',
        row.protection === 'passphrase'
          ? `The passphrase for "${row.name}" is not correct.`
          : `The key "${row.name}" cannot be unlocked: the workspace secret file ${this.secretFile} has changed or is missing.`,
      );
    }
    return { pem: row.private_key, secret, row };
  }

  // ---------------------------------------------------------------------------------------------
  // Export

  /** Writes the project's latest revision, samples and tests as a project folder in a temp dir. */
  private async withProjectFolder<T>(projectId: string, fn: (dir: string) => Promise<T>): Promise<T> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapwright-export-'));
    try {
      const dir = path.join(tmp, 'project');
      await this.o.handlers()['projects.exportFolder']({ id: projectId, dir });
      return await fn(dir);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  private exportedVersions(projectId: string): string[] {
    return (
      this.o.ws.db.prepare('SELECT version FROM bundle_exports WHERE project_id = ?').all(projectId) as {
        version: string;
      }[]
    ).map((r) => r.version);
  }

  private async preflight(projectId: string): Promise<ApiResponse<'bundles.preflight'>> {
    const tests = await this.o.handlers()['tests.run']({ projectId });
    return this.withProjectFolder(projectId, async (dir) => {
      const project = await loadProject(dir);
      const doc = project.document;
      const readErrors = project.diagnostics.filter((d) => d.severity === 'error');
      if (!doc || readErrors.length)
        return { diagnostics: project.diagnostics, coverage: null, tests, suggestedVersion: '1.0.0' };
      let model;
      try {
        model = getModel(doc.target.modelId, doc.target.modelVersion);
      } catch (e) {
        if (e instanceof MappingError)
          return { diagnostics: [e.diagnostic], coverage: null, tests, suggestedVersion: doc.version };
        throw e;
      }
      const diagnostics = [
        ...project.diagnostics,
        ...checkMapping(doc, { model, samples: project.samples, recordNumbers: project.recordNumbers }),
      ];
      const cov = checkerCoverage(doc, model, project.samples);
      return {
        diagnostics,
        coverage: cov,
        tests,
        suggestedVersion: suggestNextVersion(doc.version, this.exportedVersions(projectId)),
      };
    });
  }

  private async exportBundle(r: ApiRequest<'bundles.export'>): Promise<BundleExportResult> {
    if (!SEMVER.test(r.version))
      throw new ApiFailure('invalid-request', `"${r.version}" is not a version number like 1.2.0 (major.minor.patch).`);
    // Unlock first: a wrong passphrase should not cost a full build.
    const signer = r.signWith ? this.unlock(r.signWith, r.passphrase) : undefined;
    const built = await this.withProjectFolder(r.projectId, (dir) =>
      buildBundle(dir, { version: r.version, notes: r.notes.trim() || undefined, engineDir: this.o.engineDir }),
    );
    if (!built.bundle) {
      const errors = built.diagnostics.filter((d) => d.severity === 'error');
      throw new ApiFailure(
        'MW7401',
        `The bundle was not made: ${errors.length} problem${errors.length === 1 ? '' : 's'} must be fixed first. ${errors
          .slice(-1)
          .map((d) => d.message)
          .join('')}`,
        built.diagnostics,
      );
    }
    const { files, manifest } = built.bundle;
    if (signer)
      addSignature(files, signManifest(files['manifest.json']!, signer.pem, 'author', this.o.now(), signer.secret));
    const fileName = `${safeFileName(manifest.mapping.name)}-${manifest.bundle.version}.mwb`;
    return this.storeBundle(files, manifest, fileName, { projectId: r.projectId }, signer?.row);
  }

  private async storeBundle(
    files: Record<string, Uint8Array>,
    manifest: BundleManifest,
    fileName: string,
    owner: { projectId?: string; reviewId?: string },
    signer?: KeyRow,
  ): Promise<BundleExportResult> {
    const exportId = randomUUID();
    // One folder per export keeps the user-facing file name while never overwriting an earlier one.
    const file = path.join(this.exportsDir, exportId, fileName);
    await writeBundle(files, file);
    const bytes = fs.readFileSync(file);
    const row: ExportRow = {
      id: exportId,
      project_id: owner.projectId ?? null,
      review_id: owner.reviewId ?? null,
      bundle_id: manifest.bundle.id,
      version: manifest.bundle.version,
      file,
      size_bytes: bytes.length,
      sha256: sha256Hex(bytes),
      created_at: this.o.now(),
    };
    this.o.ws.db
      .prepare(
        'INSERT INTO bundle_exports (id, project_id, review_id, bundle_id, version, file, size_bytes, sha256, created_at) VALUES (@id, @project_id, @review_id, @bundle_id, @version, @file, @size_bytes, @sha256, @created_at)',
      )
      .run(row);
    return {
      exportId,
      bundleId: row.bundle_id,
      version: row.version,
      path: file,
      fileName,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      ...(signer ? { signedBy: { keyId: signer.key_id, name: signer.name } } : {}),
    };
  }

  private exportRow(id: string): ExportRow {
    const row = this.o.ws.db.prepare('SELECT * FROM bundle_exports WHERE id = ?').get(id) as ExportRow | undefined;
    if (!row) throw notFound('Export', id);
    return row;
  }

  // ---------------------------------------------------------------------------------------------
  // Review

  private review(id: string): ReviewRow {
    const row = this.o.ws.db.prepare('SELECT * FROM reviews WHERE id = ?').get(id) as ReviewRow | undefined;
    if (!row) throw notFound('Opened bundle', id);
    return row;
  }

  private async open(name: string, contentBase64: string): Promise<OpenedBundle> {
    const bytes = Buffer.from(contentBase64, 'base64');
    if (!bytes.length) throw new ApiFailure('invalid-request', `${name} is empty.`);
    if (bytes.length > MAX_BUNDLE_BYTES)
      throw new ApiFailure(
        'too-large',
        `${name} is ${bytes.length} bytes; bundles up to ${MAX_BUNDLE_BYTES} bytes can be reviewed.`,
      );
    // Refuse what is not a readable bundle before keeping anything.
    let files: Record<string, Uint8Array>;
    try {
      files = unzipFiles(bytes);
    } catch (e) {
      if (e instanceof MappingError)
        throw new ApiFailure(e.diagnostic.code, `${name} cannot be opened as a bundle: ${e.diagnostic.message}`, [
          {
            ...e.diagnostic,
            location: { ...e.diagnostic.location, file: `${name}!${e.diagnostic.location.file ?? ''}` },
          },
        ]);
      throw new ApiFailure(
        'invalid-request',
        `${name} is not a Mapwright bundle (.mwb zip file): ${(e as Error).message}`,
      );
    }
    const parsed = files['manifest.json'] ? parseManifest(new TextDecoder().decode(files['manifest.json'])) : undefined;
    const id = randomUUID();
    const file = path.join(this.reviewsDir, `${id}.mwb`);
    fs.mkdirSync(this.reviewsDir, { recursive: true });
    fs.writeFileSync(file, bytes);
    const row: ReviewRow = {
      id,
      name: path.basename(name),
      file,
      sha256: sha256Hex(bytes),
      bundle_id: parsed?.manifest?.bundle.id ?? null,
      mapping_id: parsed?.manifest?.mapping.id ?? null,
      version: parsed?.manifest?.bundle.version ?? null,
      opened_at: this.o.now(),
      record: null,
      saved_at: null,
    };
    this.o.ws.db
      .prepare(
        'INSERT INTO reviews (id, name, file, sha256, bundle_id, mapping_id, version, opened_at, record, saved_at) VALUES (@id, @name, @file, @sha256, @bundle_id, @mapping_id, @version, @opened_at, @record, @saved_at)',
      )
      .run(row);
    return this.describe(row);
  }

  private loadReviewFiles(row: ReviewRow): {
    files: Record<string, Uint8Array>;
    manifest?: BundleManifest;
    doc?: MappingDocument;
  } {
    const files = unzipFiles(fs.readFileSync(row.file));
    const manifest = files['manifest.json']
      ? parseManifest(new TextDecoder().decode(files['manifest.json'])).manifest
      : undefined;
    let doc: MappingDocument | undefined;
    try {
      doc = files['mapping.json']
        ? (JSON.parse(new TextDecoder().decode(files['mapping.json'])) as MappingDocument)
        : undefined;
    } catch {
      doc = undefined;
    }
    return { files, manifest, doc };
  }

  /** Integrity, signatures and the plain-language table of a stored bundle. */
  private describe(row: ReviewRow): OpenedBundle {
    const { files, manifest, doc } = this.loadReviewFiles(row);
    const problems: string[] = [];
    const manifestBytes = files['manifest.json'];
    if (!manifestBytes) problems.push('The bundle has no manifest.json, so nothing in it can be checked.');
    else if (!manifest)
      problems.push(...parseManifest(new TextDecoder().decode(manifestBytes)).diagnostics.map((d) => d.message));
    if (manifest) {
      const actual: Record<string, FileEntry> = {};
      for (const [p, b] of Object.entries(files)) actual[p] = { sha256: sha256Hex(b), size: b.length };
      problems.push(...checkIntegrity(manifest, actual).map((d) => d.message));
    }
    const known = new Map(this.keyRows().map((k) => [k.key_id, k.name]));
    const signatures: BundleSignatureStatus[] = [];
    for (const file of Object.keys(files)
      .filter((p) => p.startsWith('signatures/'))
      .sort()) {
      const c: SignatureCheck = manifestBytes
        ? checkSignature(manifestBytes, new TextDecoder().decode(files[file]))
        : { ok: false, detail: 'no manifest.json to check it against' };
      const keyId = c.keyId;
      signatures.push({
        file,
        valid: c.ok,
        ...(keyId ? { keyId } : {}),
        ...(c.ok ? { role: c.role, signedAt: c.signedAt } : { detail: c.detail }),
        ...(keyId && known.has(keyId) ? { knownAs: known.get(keyId) } : {}),
      });
    }
    let described: OpenedBundle['describe'];
    let cov: OpenedBundle['coverage'];
    if (doc) {
      try {
        const model = getModel(doc.target.modelId, doc.target.modelVersion);
        const d = describeMapping(doc, model);
        const lossyMaps = new Set(
          doc.valueMaps
            .filter((m) => m.entries.some((e) => e.quality === 'lossy') || m.unmapped.policy === 'default')
            .map((m) => m.name),
        );
        described = {
          rules: d.rules,
          fields: d.fields.map((f) => ({
            ...f,
            lossy: f.valueMaps.some((m) => lossyMaps.has(m)) || /lossy/i.test(f.description),
          })),
        };
        cov = checkerCoverage(doc, model);
      } catch (e) {
        this.o.log.warn(`review ${row.id}: cannot describe the mapping: ${(e as Error).message}`);
      }
    }
    const earlier = row.mapping_id
      ? (
          this.o.ws.db
            .prepare(
              'SELECT id, version, opened_at FROM reviews WHERE mapping_id = ? AND id <> ? ORDER BY opened_at DESC',
            )
            .all(row.mapping_id, row.id) as { id: string; version: string | null; opened_at: string }[]
        ).map((r) => ({
          reviewId: r.id,
          version: r.version ?? '',
          openedAt: r.opened_at,
        }))
      : [];
    const fileCount = Object.keys(files).filter((p) => !p.startsWith('signatures/')).length;
    return {
      reviewId: row.id,
      name: row.name,
      sha256: row.sha256,
      sizeBytes: fs.statSync(row.file).size,
      openedAt: row.opened_at,
      ...(manifest
        ? {
            manifest: {
              bundle: manifest.bundle,
              mapping: manifest.mapping,
              ...(manifest.author ? { author: manifest.author } : {}),
              createdAt: manifest.createdAt,
              ...(manifest.releaseNotes ? { releaseNotes: manifest.releaseNotes } : {}),
              target: { modelId: manifest.target.modelId, modelVersion: manifest.target.modelVersion },
              sources: manifest.sources.map((s) => ({ id: s.id, name: s.name, format: s.format })),
              fileCount: Object.keys(manifest.files).length + 1,
            },
          }
        : {}),
      ...(manifestBytes ? { manifestSha256: sha256Hex(manifestBytes) } : {}),
      integrity: { ok: problems.length === 0, fileCount, problems },
      signatures,
      ...(doc ? { mapping: doc } : {}),
      ...(described ? { describe: described } : {}),
      ...(cov ? { coverage: cov } : {}),
      earlier,
      ...(row.record ? { review: JSON.parse(row.record) as ReviewRecord } : {}),
    };
  }

  /** Extracts a verified bundle to a temp folder for `run.mjs`; refuses a tampered one. */
  private async withExtracted<T>(row: ReviewRow, fn: (dir: string) => Promise<T>): Promise<T> {
    const opened = this.describe(row);
    if (!opened.integrity.ok)
      throw new ApiFailure(
        'MW7102',
        `This bundle does not match its manifest, so its code is not run: ${opened.integrity.problems[0] ?? ''}`,
      );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapwright-review-'));
    try {
      await extractBundle(this.loadReviewFiles(row).files, path.join(dir, 'bundle'));
      return await fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  private runNode(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        this.o.nodePath ?? process.execPath,
        ['run.mjs', ...args],
        // A clean environment: bundle code gets nothing of the host's but PATH. ELECTRON_RUN_AS_NODE
        // makes Electron's binary behave as plain node (ignored by node itself).
        {
          cwd,
          env: { PATH: process.env.PATH ?? '', ELECTRON_RUN_AS_NODE: '1' },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 10 * 60_000,
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  private async selfTest(reviewId: string): Promise<SelfTestResult> {
    return this.withExtracted(this.review(reviewId), async (dir) => {
      const r = await this.runNode(path.join(dir, 'bundle'), ['--self-test']);
      const results: SelfTestResult['results'] = [];
      for (const line of r.stdout.split('\n')) {
        const m = /^(PASS|FAIL) (.*) \(([^()]+\.json)\)(?:: (.*))?$/.exec(line);
        if (m) results.push({ name: m[2]!, file: m[3]!, passed: m[1] === 'PASS', ...(m[4] ? { detail: m[4] } : {}) });
        else if (/^ {4}/.test(line) && results.length) {
          const last = results[results.length - 1]!;
          last.detail = `${last.detail ?? ''}\n${line.trim()}`.trim();
        }
      }
      const passed = results.filter((x) => x.passed).length;
      return {
        ok: r.code === 0 && results.every((x) => x.passed),
        passed,
        failed: results.length - passed,
        results,
        output: `${r.stdout}${r.stderr}`.trim(),
      };
    });
  }

  private async runOnSample(req: ApiRequest<'bundles.run'>): Promise<ApiResponse<'bundles.run'>> {
    const sample = Buffer.from(req.sampleBase64, 'base64');
    return this.withExtracted(this.review(req.reviewId), async (dir) => {
      const input = path.join(dir, `sample.${req.format}`);
      fs.writeFileSync(input, sample);
      const out = path.join(dir, 'out.ndjson');
      const rejects = path.join(dir, 'rejects.ndjson');
      const sourceArgs = (req.joined ?? []).flatMap((j, i) => {
        const file = path.join(dir, `joined-${i}.${j.format}`);
        fs.writeFileSync(file, Buffer.from(j.sampleBase64, 'base64'));
        return ['--source', `${j.sourceId}=${file}`];
      });
      const r = await this.runNode(path.join(dir, 'bundle'), [
        '--input',
        input,
        '--out',
        out,
        '--rejects',
        rejects,
        ...sourceArgs,
      ]);
      const summary = /read (\d+), wrote (\d+), rejected (\d+)\s*$/.exec(r.stderr.trim());
      if (r.code !== 0 || !summary) {
        const last = r.stderr.trim().split('\n').slice(-3).join(' ');
        throw new ApiFailure(
          'invalid-request',
          `The bundle could not run on this file: ${(last || `exit code ${r.code}`).replace(/^run\.mjs: /, '')}`,
        );
      }
      const lines = (file: string) =>
        fs.existsSync(file)
          ? fs
              .readFileSync(file, 'utf8')
              .split('\n')
              .filter((l) => l.trim() !== '')
          : [];
      const outLines = lines(out);
      const rejectLines = lines(rejects);
      return {
        read: Number(summary[1]),
        written: Number(summary[2]),
        rejected: Number(summary[3]),
        outputs: outLines.slice(0, RUN_ROWS).map((l) => JSON.parse(l) as unknown),
        rejects: rejectLines.slice(0, RUN_ROWS).map((l) => {
          const x = JSON.parse(l) as {
            record: number;
            line: number;
            code: string;
            message: string;
            ruleId?: string;
            field?: string;
          };
          return {
            record: x.record,
            line: x.line,
            code: x.code,
            message: x.message,
            ...(x.ruleId ? { ruleId: x.ruleId } : {}),
            ...(x.field ? { field: x.field } : {}),
          };
        }),
        truncated: outLines.length > RUN_ROWS || rejectLines.length > RUN_ROWS,
        log: r.stderr.trim(),
      };
    });
  }

  private async saveReview(r: ApiRequest<'reviews.save'>): Promise<ReviewRecord> {
    const row = this.review(r.reviewId);
    const { files, manifest } = this.loadReviewFiles(row);
    if (!manifest || !files['manifest.json'])
      throw new ApiFailure('invalid-request', 'A bundle without a readable manifest cannot be reviewed.');
    const signer = r.signWith ? this.unlock(r.signWith, r.passphrase) : undefined;
    const record: ReviewRecord = {
      format: 'mapwright.review',
      bundleId: manifest.bundle.id,
      bundleVersion: manifest.bundle.version,
      mappingId: manifest.mapping.id,
      bundleSha256: row.sha256,
      manifestSha256: sha256Hex(files['manifest.json']),
      reviewer: {
        name: r.reviewer.trim(),
        ...(signer ? { keyId: signer.row.key_id, publicKey: signer.row.public_key } : {}),
      },
      decisions: r.decisions.map((d) => ({ target: d.target, verdict: d.verdict, comment: d.comment.trim() })),
      overall: { verdict: r.overall.verdict, comment: r.overall.comment.trim() },
      signedAt: this.o.now(),
    };
    if (signer) {
      const key = createPrivateKey({ key: signer.pem, passphrase: signer.secret });
      record.signature = sign(null, reviewSigningBytes(record), key).toString('base64');
    }
    this.o.ws.db
      .prepare('UPDATE reviews SET record = ?, saved_at = ? WHERE id = ?')
      .run(canonicalJson(record), record.signedAt, row.id);
    return record;
  }

  private async signBundle(reviewId: string, signWith: string, passphrase?: string): Promise<BundleExportResult> {
    const row = this.review(reviewId);
    const opened = this.describe(row);
    if (!opened.integrity.ok)
      throw new ApiFailure(
        'MW7102',
        'A bundle that does not match its manifest cannot be signed: signing would vouch for changed files.',
      );
    const signer = this.unlock(signWith, passphrase);
    const { files, manifest } = this.loadReviewFiles(row);
    addSignature(files, signManifest(files['manifest.json']!, signer.pem, 'reviewer', this.o.now(), signer.secret));
    const base = row.name.replace(/\.mwb$/i, '');
    return this.storeBundle(files, manifest!, `${safeFileName(base)}.reviewed.mwb`, { reviewId }, signer.row);
  }
}

const safeFileName = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'bundle';
