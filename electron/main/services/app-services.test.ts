import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MappingDocument, TestCase } from '../../../mappings/document/types';
import type { ApiEventName } from '../../shared/api';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { dispatch } from '../dispatch';
import { memoryLogger } from '../log';
import { tempDir } from '../test-support/temp';
import { createHostServices, type HostServices } from './create';

let t: ReturnType<typeof tempDir>;
let host: HostServices;
let events: { event: ApiEventName; payload: unknown }[];
const log = memoryLogger();

beforeEach(async () => {
  t = tempDir();
  host = await createHostServices({ home: path.join(t.dir, 'ws'), host: 'browser', appVersion: '9.9.9', log, seed: false });
  events = [];
  host.events.on((event, payload) => events.push({ event, payload }));
});
afterEach(async () => {
  await host.close();
  t.cleanup();
});

const h = () => host.services.handlers;
const test1: TestCase = { id: 't-1', name: 'Adult victim', input: { 'Crime ID': 'A1', age: 34 }, expected: { output: { entities: [] } } };
const test2: TestCase = { id: 't-0', name: 'Rejected', input: { x: null }, expected: { reject: { code: 'MW6001', ruleId: 'r-1' } } };

describe('projects', () => {
  it('creates a project with a first mapping revision and reports it', async () => {
    const p = await h()['projects.create']({ name: '  Acme RMS  ', description: 'Offences export' });
    expect(p).toMatchObject({ name: 'Acme RMS', description: 'Offences export', revision: 1, isExample: false, openedAt: null });
    const { revision, document } = await h()['mapping.get']({ projectId: p.id });
    expect(revision).toBe(1);
    expect(document).toMatchObject({ format: 'mapwright.mapping', formatVersion: 1, name: 'Acme RMS' });
    expect(events).toContainEqual({ event: 'projects.changed', payload: { projectId: p.id } });
    expect(await h()['projects.list']({})).toHaveLength(1);
  });

  it('renames, opens (recent list) and deletes with everything it owns', async () => {
    const a = await h()['projects.create']({ name: 'A' });
    const b = await h()['projects.create']({ name: 'B' });
    expect((await h()['projects.rename']({ id: a.id, name: 'A2' })).name).toBe('A2');
    await h()['projects.open']({ id: b.id });
    await new Promise((r) => setTimeout(r, 5));
    await h()['projects.open']({ id: a.id });
    expect((await h()['projects.recent']({})).map((p) => p.id)).toEqual([a.id, b.id]);
    expect((await h()['projects.recent']({ limit: 1 })).map((p) => p.id)).toEqual([a.id]);
    await h()['samples.add']({ projectId: a.id, sourceId: 's-1', name: 'x.csv', format: 'csv', content: 'a\n1\n' });
    await h()['tests.save']({ projectId: a.id, test: test1 });
    await h()['projects.delete']({ id: a.id });
    for (const table of ['mapping_revisions', 'samples', 'test_cases', 'source_schemas']) {
      const n = host.ws.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE project_id = @id`).get({ id: a.id }) as { n: number };
      expect(n.n, table).toBe(0);
    }
    const r = await dispatch(h(), 'projects.get', { id: a.id }, log);
    expect(r).toEqual({ ok: false, error: { code: 'not-found', message: `Project "${a.id}" does not exist.` } });
  });
});

describe('mapping history', () => {
  it('appends revisions, refuses a stale base revision, and skips unchanged saves', async () => {
    const p = await h()['projects.create']({ name: 'P' });
    const { document } = await h()['mapping.get']({ projectId: p.id });
    const doc2: MappingDocument = { ...document, description: 'second' };
    const s2 = await h()['mapping.save']({ projectId: p.id, document: doc2, baseRevision: 1, message: 'describe' });
    expect(s2.revision).toBe(2);
    expect(s2.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(events).toContainEqual({ event: 'mapping.saved', payload: { projectId: p.id, revision: 2 } });

    const stale = await dispatch(h(), 'mapping.save', { projectId: p.id, document: { ...document, description: 'other' }, baseRevision: 1 }, log);
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.message).toContain('revision 2');
    }
    const same = await h()['mapping.save']({ projectId: p.id, document: doc2, baseRevision: 2 });
    expect(same).toEqual(s2);
    expect((await h()['mapping.revisions']({ projectId: p.id })).map((r) => [r.revision, r.message])).toEqual([
      [2, 'describe'],
      [1, 'Created'],
    ]);
    expect((await h()['mapping.get']({ projectId: p.id, revision: 1 })).document.description).toBeUndefined();
  });

  it('restores an old revision by appending it', async () => {
    const p = await h()['projects.create']({ name: 'P' });
    const { document } = await h()['mapping.get']({ projectId: p.id });
    await h()['mapping.save']({ projectId: p.id, document: { ...document, description: 'v2' }, baseRevision: 1 });
    expect(await h()['mapping.restore']({ projectId: p.id, revision: 1 })).toEqual({ revision: 3 });
    const latest = await h()['mapping.get']({ projectId: p.id });
    expect(latest.revision).toBe(3);
    expect(latest.document).toEqual(document);
    const revs = await h()['mapping.revisions']({ projectId: p.id });
    expect(revs[0]).toMatchObject({ revision: 3, message: 'Restored revision 1', hash: revs[2].hash });
    expect((await dispatch(h(), 'mapping.restore', { projectId: p.id, revision: 42 }, log)).ok).toBe(false);
  });

  it('cannot rewrite history, even with direct SQL', async () => {
    const p = await h()['projects.create']({ name: 'P' });
    expect(() => host.ws.db.prepare("UPDATE mapping_revisions SET message = 'x'").run()).toThrow(/append-only/);
    expect(() => host.ws.db.prepare('DELETE FROM mapping_revisions WHERE project_id = @id').run({ id: p.id })).toThrow(/append-only/);
  });
});

describe('samples and tests', () => {
  it('stores sample content byte-exactly', async () => {
    const p = await h()['projects.create']({ name: 'P' });
    const content = '\uFEFFCrime ID,Name\r\n1,"Zoë Ó Briain"\r\n2,😀\r\n';
    const s = await h()['samples.add']({ projectId: p.id, sourceId: 's-1', name: 'offences.csv', format: 'csv', content });
    expect(s).toMatchObject({ projectId: p.id, sourceId: 's-1', name: 'offences.csv', format: 'csv', sizeBytes: Buffer.byteLength(content) });
    expect((await h()['samples.get']({ id: s.id })).content).toBe(content);
    expect(await h()['samples.list']({ projectId: p.id })).toEqual([s]);
    await h()['samples.delete']({ id: s.id });
    expect(await h()['samples.list']({ projectId: p.id })).toEqual([]);
    expect((await dispatch(h(), 'samples.add', { projectId: 'nope', sourceId: 's', name: 'n', format: 'csv', content: '' }, log)).ok).toBe(false);
  });

  it('saves, updates, lists and deletes test cases', async () => {
    const p = await h()['projects.create']({ name: 'P' });
    const saved = await h()['tests.save']({ projectId: p.id, test: test1 });
    expect(saved).toMatchObject({ ...test1, projectId: p.id });
    await h()['tests.save']({ projectId: p.id, test: { ...test1, name: 'Renamed' } });
    await h()['tests.save']({ projectId: p.id, test: test2 });
    expect((await h()['tests.list']({ projectId: p.id })).map((x) => [x.id, x.name])).toEqual([
      ['t-1', 'Renamed'],
      ['t-0', 'Rejected'],
    ]);
    await h()['tests.delete']({ projectId: p.id, id: 't-1' });
    expect((await dispatch(h(), 'tests.delete', { projectId: p.id, id: 't-1' }, log)).ok).toBe(false);
    expect(await h()['tests.run']({ projectId: 'missing' }).catch((e: Error) => e.message)).toMatch(/does not exist/);
  });
});

describe('project folders', () => {
  async function populated() {
    const p = await h()['projects.create']({ name: 'Acme', description: 'Offences' });
    const { document } = await h()['mapping.get']({ projectId: p.id });
    await h()['mapping.save']({ projectId: p.id, document: { ...document, sourceSystem: 'ACME-RMS', description: 'Zoë' }, baseRevision: 1 });
    await h()['samples.add']({ projectId: p.id, sourceId: 's-1', name: 'offences', format: 'csv', content: 'a,b\r\n1,2\r\n' });
    await h()['samples.add']({ projectId: p.id, sourceId: 's-2', name: 'people/../x.json', format: 'json', content: '[{"a":1}]' });
    await h()['tests.save']({ projectId: p.id, test: test1 });
    await h()['tests.save']({ projectId: p.id, test: test2 });
    return p;
  }

  const readTree = (dir: string): Record<string, string> =>
    Object.fromEntries(
      (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f), 'latin1')]),
    );

  it('exports a folder in the documented format and round-trips it exactly', async () => {
    const p = await populated();
    const out1 = path.join(t.dir, 'export1');
    expect(await h()['projects.exportFolder']({ id: p.id, dir: out1 })).toEqual({ dir: out1, files: 6 });
    const manifest = JSON.parse(fs.readFileSync(path.join(out1, 'mapwright-project.json'), 'utf8'));
    expect(manifest).toEqual({
      format: 'mapwright.project',
      formatVersion: 1,
      id: p.id,
      name: 'Acme',
      description: 'Offences',
      mapping: 'mapping.json',
      samples: [
        { file: 'samples/offences.csv', source: 's-1', format: 'csv' },
        { file: 'samples/people_.._x.json', source: 's-2', format: 'json' },
      ],
      tests: ['tests/t-0.json', 'tests/t-1.json'],
    });

    // Import into a second workspace, export again: byte-identical.
    const other = await createHostServices({ home: path.join(t.dir, 'ws2'), host: 'browser', appVersion: 'x', log, seed: false });
    try {
      const imported = await other.services.handlers['projects.importFolder']({ dir: out1 });
      expect(imported).toMatchObject({ id: p.id, name: 'Acme', description: 'Offences', revision: 1 });
      const out2 = path.join(t.dir, 'export2');
      await other.services.handlers['projects.exportFolder']({ id: p.id, dir: out2 });
      expect(readTree(out2)).toEqual(readTree(out1));
      const [a, b] = await Promise.all([h()['mapping.get']({ projectId: p.id }), other.services.handlers['mapping.get']({ projectId: p.id })]);
      expect(b.document).toEqual(a.document);
    } finally {
      await other.close();
    }
    // Re-importing into the same workspace keeps both projects (the copy gets a new id).
    const copy = await h()['projects.importFolder']({ dir: out1 });
    expect(copy.id).not.toBe(p.id);
    expect(copy.name).toBe('Acme');
  });

  it('re-exports over a previous export but refuses an unrelated non-empty folder', async () => {
    const p = await populated();
    const out = path.join(t.dir, 'exp');
    await h()['projects.exportFolder']({ id: p.id, dir: out });
    await h()['tests.delete']({ projectId: p.id, id: 't-0' });
    await h()['projects.exportFolder']({ id: p.id, dir: out });
    expect(fs.existsSync(path.join(out, 'tests', 't-0.json'))).toBe(false);
    const busy = path.join(t.dir, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'thesis.docx'), 'precious');
    const r = await dispatch(h(), 'projects.exportFolder', { id: p.id, dir: busy }, log);
    expect(r.ok ? null : r.error.code).toBe('conflict');
    expect(fs.readFileSync(path.join(busy, 'thesis.docx'), 'utf8')).toBe('precious');
  });

  it('rejects hostile or broken folders with the file named', async () => {
    const p = await populated();
    const out = path.join(t.dir, 'bad');
    await h()['projects.exportFolder']({ id: p.id, dir: out });
    const manifestPath = path.join(out, 'mapwright-project.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const attempt = async (m: unknown) => {
      fs.writeFileSync(manifestPath, JSON.stringify(m));
      const r = await dispatch(h(), 'projects.importFolder', { dir: out }, log);
      return r.ok ? 'ok' : r.error.message;
    };
    expect(await attempt({ ...manifest, samples: [{ file: '../../etc/passwd', source: 's-1', format: 'csv' }] })).toMatch(/inside the project folder/);
    expect(await attempt({ ...manifest, samples: [{ file: '/etc/passwd', source: 's-1', format: 'csv' }] })).toMatch(/inside the project folder/);
    expect(await attempt({ ...manifest, tests: ['tests/missing.json'] })).toMatch(/tests\/missing\.json: the file is missing/);
    expect(await attempt({ ...manifest, extra: 1 })).toMatch(/mapwright-project\.json/);
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    fs.writeFileSync(path.join(out, 'mapping.json'), '{\n  "format": "mapwright.mapping",\n  oops\n}');
    const r = await dispatch(h(), 'projects.importFolder', { dir: out }, log);
    expect(r.ok ? '' : r.error.message).toMatch(/^mapping\.json:3:3: /);
    expect(r.ok ? [] : r.error.diagnostics?.map((d) => [d.code, d.location.file, d.location.line])).toEqual([['MW3001', 'mapping.json', 3]]);
    fs.writeFileSync(path.join(out, 'mapping.json'), '{"format":"mapwright.mapping"}');
    const r1 = await dispatch(h(), 'projects.importFolder', { dir: out }, log);
    expect(r1.ok ? '' : r1.error.message).toMatch(/^mapping\.json:1:1: /);
    fs.writeFileSync(path.join(out, 'mapping.json'), '{"format":"mapwright.mapping","formatVersion":1,"id":"x"}');
    const r2 = await dispatch(h(), 'projects.importFolder', { dir: out }, log);
    expect(r2.ok ? '' : r2.error.message).toMatch(/^mapping\.json: the mapping document must have required property/);
    fs.writeFileSync(path.join(out, 'tests', 't-1.json'), '{"__proto__": {"polluted": true}}');
    fs.writeFileSync(path.join(out, 'mapping.json'), JSON.stringify((await h()['mapping.get']({ projectId: p.id })).document));
    const r3 = await dispatch(h(), 'projects.importFolder', { dir: out }, log);
    expect(r3.ok ? '' : r3.error.message).toMatch(/^tests\/t-1\.json: .*forbidden key "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('examples and app info', () => {
  it('seeds each example once, even after the user deletes it', async () => {
    const p = await (async () => {
      const p = await h()['projects.create']({ name: 'Example burglary' });
      await h()['samples.add']({ projectId: p.id, sourceId: 's-1', name: 'burglary.csv', format: 'csv', content: 'a\n1\n' });
      return p;
    })();
    const examples = path.join(t.dir, 'examples');
    await h()['projects.exportFolder']({ id: p.id, dir: path.join(examples, 'burglary') });
    fs.mkdirSync(path.join(examples, 'not-a-project'));
    await h()['projects.delete']({ id: p.id });

    expect(await host.services.seedExamples(examples)).toEqual(['burglary']);
    const list = await h()['projects.list']({});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Example burglary', isExample: true });
    expect(await host.services.seedExamples(examples)).toEqual([]);
    await h()['projects.delete']({ id: list[0].id });
    expect(await host.services.seedExamples(examples)).toEqual([]);
    expect(await h()['projects.list']({})).toEqual([]);
  });

  it('reports workspace info and validates external links', async () => {
    expect(await h()['app.info']({})).toEqual({
      home: path.join(t.dir, 'ws'),
      databasePath: path.join(t.dir, 'ws', 'workspace.sqlite'),
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: '9.9.9',
      host: 'browser',
    });
    expect(await h()['app.openExternal']({ url: 'https://www.police.uk/' })).toEqual({ opened: false });
    const bad = await dispatch(h(), 'app.openExternal', { url: 'file:///etc/passwd' }, log);
    expect(bad.ok ? '' : bad.error.code).toBe('invalid-request');
  });
});
