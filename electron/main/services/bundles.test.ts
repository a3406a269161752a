import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipFiles, zipFiles } from '../../../mappings/bundle/zip';
import type { ReviewRecord } from '../../shared/api';
import { dispatch } from '../dispatch';
import { ApiFailure } from '../errors';
import { memoryLogger } from '../log';
import { tempDir } from '../test-support/temp';
import { reviewRecordProblem, suggestNextVersion } from './bundles';
import { createHostServices, type HostServices } from './create';

let t: ReturnType<typeof tempDir>;
let host: HostServices;
const log = memoryLogger();
const h = () => host.services.handlers;
let exampleId: string;

beforeAll(async () => {
  t = tempDir();
  host = await createHostServices({ home: path.join(t.dir, 'ws'), host: 'browser', appVersion: '9.9.9', log });
  exampleId = (await h()['projects.list']({})).find((p) => p.isExample)!.id;
});
afterAll(async () => {
  await host.close();
  t.cleanup();
});

async function failure(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiFailure) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('keys', () => {
  it('keeps private keys encrypted and refuses a wrong passphrase', async () => {
    const k = await h()['keys.create']({ name: 'Reviewer', passphrase: 'correct horse' });
    expect(k).toMatchObject({ name: 'Reviewer', protection: 'passphrase' });
    expect(k.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    const row = host.ws.db.prepare('SELECT private_key FROM signing_keys WHERE id = ?').get(k.id) as {
      private_key: string;
    };
    expect(row.private_key).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const pub = await h()['keys.exportPublic']({ id: k.id });
    expect(pub.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(JSON.stringify(pub)).not.toContain('PRIVATE');
    const e = await failure(
      h()['bundles.export']({
        projectId: exampleId,
        version: '1.0.0',
        notes: '',
        signWith: k.id,
        passphrase: 'wrong one!',
      }),
    );
    expect(e.code).toBe('forbidden');
  });

  it('seals passphrase-less keys with a 0600 workspace secret file', async () => {
    const k = await h()['keys.create']({ name: 'Author' });
    expect(k.protection).toBe('workspace');
    const st = fs.statSync(path.join(host.ws.home, 'keys.secret'));
    if (process.platform !== 'win32') expect(st.mode & 0o777).toBe(0o600);
    expect((await h()['keys.list']({})).map((x) => x.name)).toContain('Author');
  });
});

describe('export', () => {
  it('refuses to export a mapping the checker finds errors in, with the located errors', async () => {
    const p = await h()['projects.create']({ name: 'Empty' });
    const pre = await h()['bundles.preflight']({ projectId: p.id });
    expect(pre.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const r = await dispatch(h(), 'bundles.export', { projectId: p.id, version: '1.0.0', notes: '' }, log);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('MW7401');
      expect(r.error.diagnostics?.some((d) => d.severity === 'error' && d.code.startsWith('MW'))).toBe(true);
    }
    expect(
      fs.existsSync(path.join(host.ws.home, 'exports')) ? fs.readdirSync(path.join(host.ws.home, 'exports')) : [],
    ).toEqual([]);
  });

  it('rejects a version that is not semver at the boundary', async () => {
    const r = await dispatch(h(), 'bundles.export', { projectId: exampleId, version: 'latest', notes: '' }, log);
    expect(r.ok).toBe(false);
  });

  it('suggests the next patch version', () => {
    expect(suggestNextVersion('1.0.0', [])).toBe('1.0.0');
    expect(suggestNextVersion('1.0.0', ['1.0.0', '1.0.3'])).toBe('1.0.4');
  });
});

describe('review', () => {
  let exported: Awaited<ReturnType<Handlers['bundles.export']>>;
  type Handlers = HostServices['services']['handlers'];
  let reviewId: string;
  let authorKey: string;

  beforeAll(async () => {
    const pre = await h()['bundles.preflight']({ projectId: exampleId });
    expect(pre.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(pre.tests.failed).toBe(0);
    expect(pre.coverage?.perEntity.length).toBeGreaterThan(0);
    authorKey = (await h()['keys.create']({ name: 'Acme Records' })).id;
    exported = await h()['bundles.export']({
      projectId: exampleId,
      version: pre.suggestedVersion,
      notes: 'First release',
      signWith: authorKey,
    });
  }, 120_000);

  it('writes the bundle into the workspace exports folder and serves it for download', () => {
    const bytes = fs.readFileSync(exported.path);
    expect(exported.path.startsWith(path.join(host.ws.home, 'exports'))).toBe(true);
    expect(bytes.length).toBe(exported.sizeBytes);
    expect(exported.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(host.services.bundles.download(exported.exportId)?.path).toBe(exported.path);
    expect(host.services.bundles.download('nope')).toBeNull();
    expect(Object.keys(unzipFiles(bytes))).toContain(
      'signatures/author-' + exported.signedBy!.keyId.slice('ed25519:'.length) + '.json',
    );
  });

  it('opens a good bundle as verified, signed, described, and self-tests it', async () => {
    const opened = await h()['bundles.open']({
      name: exported.fileName,
      contentBase64: fs.readFileSync(exported.path).toString('base64'),
    });
    reviewId = opened.reviewId;
    expect(opened.integrity).toMatchObject({ ok: true, problems: [] });
    expect(opened.signatures).toEqual([
      expect.objectContaining({ valid: true, role: 'author', knownAs: 'Acme Records' }),
    ]);
    expect(opened.describe?.fields.length).toBeGreaterThan(0);
    expect(opened.manifest?.releaseNotes).toBe('First release');
    const st = await h()['bundles.selfTest']({ reviewId });
    expect(st.ok).toBe(true);
    expect(st.failed).toBe(0);
    expect(st.passed).toBeGreaterThan(0);
  }, 60_000);

  it('runs the bundle on a reviewer sample and reports outputs and rejects with counts', async () => {
    const samples = await h()['samples.list']({ projectId: exampleId });
    const { document } = await h()['mapping.get']({ projectId: exampleId });
    const primary = document.sources.find((x) => x.primary)!.id;
    const b64 = (c: string) => Buffer.from(c).toString('base64');
    const s = await h()['samples.get']({ id: samples.find((x) => x.sourceId === primary)!.id });
    const joined = await Promise.all(
      samples
        .filter((x) => x.sourceId !== primary)
        .map(async (x) => ({
          sourceId: x.sourceId,
          sampleBase64: b64((await h()['samples.get']({ id: x.id })).content),
          format: x.format,
        })),
    );
    const missing = await failure(h()['bundles.run']({ reviewId, sampleBase64: b64(s.content), format: s.format }));
    expect(missing.message).toMatch(/needs a file/);
    const r = await h()['bundles.run']({ reviewId, sampleBase64: b64(s.content), format: s.format, joined });
    expect(r.read).toBe(r.written + r.rejected);
    expect(r.read).toBeGreaterThan(0);
    expect(r.outputs.length).toBe(Math.min(r.written, 500));
  }, 60_000);

  it('flags a tampered bundle and refuses to run its code', async () => {
    const files = unzipFiles(fs.readFileSync(exported.path));
    files['transform.mjs'] = new TextEncoder().encode(
      new TextDecoder().decode(files['transform.mjs']) + '\n// changed\n',
    );
    const opened = await h()['bundles.open']({
      name: 'tampered.mwb',
      contentBase64: Buffer.from(zipFiles(files)).toString('base64'),
    });
    expect(opened.integrity.ok).toBe(false);
    expect(opened.integrity.problems.join(' ')).toContain('transform.mjs');
    const e = await failure(h()['bundles.selfTest']({ reviewId: opened.reviewId }));
    expect(e.code).toBe('MW7102');
  });

  it('refuses a file that is not a bundle, with a clear message', async () => {
    const e = await failure(
      h()['bundles.open']({ name: 'notes.mwb', contentBase64: Buffer.from('hello').toString('base64') }),
    );
    expect(e.message).toContain('notes.mwb');
  });

  it('saves a signed review record that verifies, and detects a changed one', async () => {
    const key = await h()['keys.create']({ name: 'Force reviewer', passphrase: 'a long passphrase' });
    const record = await h()['reviews.save']({
      reviewId,
      reviewer: 'Sgt. Example',
      decisions: [{ target: 'Person.dateOfBirth', verdict: 'approve', comment: 'OK' }],
      overall: { verdict: 'approve', comment: 'Fine to deploy.' },
      signWith: key.id,
      passphrase: 'a long passphrase',
    });
    expect(record.bundleSha256).toBe(exported.sha256);
    expect(reviewRecordProblem(record)).toBeNull();
    const exportedRecord = await h()['reviews.export']({ reviewId });
    expect(exportedRecord.verified).toBe(true);
    const parsed = JSON.parse(exportedRecord.text) as ReviewRecord;
    expect(reviewRecordProblem(parsed)).toBeNull();
    const changed: ReviewRecord = { ...parsed, overall: { verdict: 'approve', comment: 'Changed later' } };
    expect(reviewRecordProblem(changed)).toMatch(/changed after signing/);
    expect((await h()['bundles.get']({ reviewId })).review?.overall.comment).toBe('Fine to deploy.');
  });

  it('adds a reviewer signature to a copy of the bundle', async () => {
    const key = await h()['keys.create']({ name: 'Second reviewer' });
    const signed = await h()['reviews.signBundle']({ reviewId, signWith: key.id });
    const reopened = await h()['bundles.open']({
      name: signed.fileName,
      contentBase64: fs.readFileSync(signed.path).toString('base64'),
    });
    expect(reopened.integrity.ok).toBe(true);
    expect(reopened.signatures.map((s) => [s.role, s.valid]).sort()).toEqual([
      ['author', true],
      ['reviewer', true],
    ]);
    // Same mapping id: the first review is offered for comparison, and nothing changed.
    expect(reopened.earlier.map((x) => x.reviewId)).toContain(reviewId);
    const diff = await h()['bundles.diff']({ reviewId: reopened.reviewId, againstReviewId: reviewId });
    expect(diff.changes).toEqual([]);
  });
});
