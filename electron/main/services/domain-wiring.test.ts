// The host's calls into mappings/, through the real modules (services/domain.ts).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { memoryLogger } from '../log';
import { tempDir } from '../test-support/temp';
import { createHostServices, type HostServices } from './create';

const t = tempDir();
let host: HostServices;
const log = memoryLogger();
beforeAll(async () => {
  host = await createHostServices({ home: path.join(t.dir, 'ws'), host: 'browser', appVersion: 't', log, seed: false });
});
afterAll(async () => {
  await host.close();
  t.cleanup();
});
const h = () => host.services.handlers;

describe('domain wiring', () => {
  it('infers a field tree from a CSV sample, with located diagnostics', async () => {
    const { tree, diagnostics } = await h()['schemas.infer']({ name: 'offences.csv', format: 'csv', content: 'Crime ID,Month\nA1,2024-01\nA2,2024-02\n' });
    expect(tree.fields.map((f) => f.name)).toEqual(['Crime ID', 'Month']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const bad = await h()['schemas.infer']({ name: 'bad.json', format: 'json', content: '[{"a":1},' });
    expect(bad.diagnostics.length).toBeGreaterThan(0);
    expect(bad.diagnostics[0].location.file).toBe('bad.json');
  });

  it('lists and gets the built-in target models', async () => {
    const models = await h()['models.list']({});
    expect(models.length).toBeGreaterThan(0);
    const pole = models.find((m) => m.id === 'pole');
    expect(pole?.entities).toEqual(expect.arrayContaining(['Person', 'Event']));
    const got = await h()['models.get']({ id: pole!.id, version: pole!.version });
    expect(got).toMatchObject({ id: 'pole', version: pole!.version });
    expect(got.tree.fields.length).toBeGreaterThan(0);
    const missing = await dispatch(h(), 'models.get', { id: 'no-such-model' }, log);
    expect(missing.ok ? '' : missing.error.code).toMatch(/^MW2\d{3}$/);
  });

  it('new projects target the newest built-in model, and check reports what is incomplete', async () => {
    const p = await h()['projects.create']({ name: 'Fresh' });
    const { document } = await h()['mapping.get']({ projectId: p.id });
    const models = await h()['models.list']({});
    expect(document.target).toEqual({ modelId: models[0].id, modelVersion: models[0].version });
    const { diagnostics } = await h()['mapping.check']({ document });
    expect(diagnostics.some((d) => d.severity === 'error' && d.location.pointer === '/sources')).toBe(true);
  });

  it('counts sample records with the run readers, in the worker for large samples', async () => {
    const p = await h()['projects.create']({ name: 'Counts' });
    const small = await h()['samples.add']({ projectId: p.id, sourceId: 's-1', name: 'a.csv', format: 'csv', content: 'a,b\n1,2\n3,4\n' });
    expect(small.recordCount).toBe(2);
    const ndjson = await h()['samples.add']({ projectId: p.id, sourceId: 's-1', name: 'a.ndjson', format: 'ndjson', content: '{"a":1}\n{oops\n{"a":3}\n' });
    expect(ndjson.recordCount).toBe(3);
    const rows = 120_000;
    const big = `id,name\n${Array.from({ length: rows }, (_, i) => `${i},person ${i}`).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const large = await h()['samples.add']({ projectId: p.id, sourceId: 's-1', name: 'big.csv', format: 'csv', content: big });
    expect(large.recordCount).toBe(rows);
  });
});

describe('runs over the built-in example', () => {
  it('seeds the example project and runs its preview and tests in the worker', async () => {
    const seeded = await createHostServices({ home: path.join(t.dir, 'ws-example'), host: 'browser', appVersion: 't', log, seed: true });
    try {
      const projects = await seeded.services.handlers['projects.list']({});
      const example = projects.find((p) => p.isExample);
      expect(example, 'the built-in example is seeded').toBeDefined();
      const h2 = seeded.services.handlers;
      const samples = await h2['samples.list']({ projectId: example!.id });
      expect(samples.length).toBeGreaterThan(0);
      for (const s of samples) expect(s.recordCount, s.name).toBeGreaterThan(0);

      const { document } = await h2['mapping.get']({ projectId: example!.id });
      const primary = document.sources.find((s) => s.primary)!;
      const sample = samples.find((s) => s.sourceId === primary.id)!;
      const progress: unknown[] = [];
      const off = seeded.events.on((e, p) => e === 'run.progress' && progress.push(p));
      const preview = await h2['preview.run']({ document, sampleId: sample.id, limit: 25 });
      off();
      expect(preview.read).toBe(25);
      expect(preview.written + preview.rejected).toBe(preview.read);
      expect(preview.records).toHaveLength(25);
      expect(preview.records.map((r) => r.record)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(preview.written).toBeGreaterThan(0);
      for (const r of preview.records.filter((x) => x.status === 'rejected')) expect(r.reject?.code).toMatch(/^MW\d{4}$/);
      expect(progress.at(-1)).toMatchObject({ done: true });

      const tests = await h2['tests.list']({ projectId: example!.id });
      await h2['tests.save']({ projectId: example!.id, test: { id: 'zz-wrong', name: 'Deliberately wrong', input: tests[0].input, ...(tests[0].joined ? { joined: tests[0].joined } : {}), expected: { output: { nope: true } } } });
      const run = await h2['tests.run']({ projectId: example!.id });
      expect(run.passed + run.failed).toBe(tests.length + 1);
      const wrong = run.results.find((r) => r.id === 'zz-wrong')!;
      expect(wrong.passed).toBe(false);
      expect(wrong.message).toMatch(/differs|rejected/);
    } finally {
      await seeded.close();
    }
  });

  it('reports a mapping with errors instead of running it', async () => {
    const p = await h()['projects.create']({ name: 'Broken' });
    const { document } = await h()['mapping.get']({ projectId: p.id });
    await h()['tests.save']({ projectId: p.id, test: { id: 't1', name: 't', input: {}, expected: { output: {} } } });
    const r = await dispatch(h(), 'tests.run', { projectId: p.id }, log);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/no tests were run/);
      expect(r.error.diagnostics?.length).toBeGreaterThan(0);
    }
    const sample = await h()['samples.add']({ projectId: p.id, sourceId: 's-1', name: 'a.csv', format: 'csv', content: 'a\n1\n' });
    const preview = await h()['preview.run']({ document, sampleId: sample.id });
    expect(preview).toMatchObject({ read: 0, written: 0, rejected: 0, records: [] });
    expect(preview.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});
