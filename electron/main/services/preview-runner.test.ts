import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../../mappings/document/index';
import type { MappingDocument } from '../../../mappings/document/types';
import type { ApiEvents } from '../../shared/api';
import { memoryLogger } from '../log';
import { runWorkerScript } from '../paths';
import { runPreview, type PreviewTask } from './domain';
import { EventBus } from './events';
import { PreviewRunner } from './preview-runner';

// The real run worker (bundled from source on first use), as the hosts run it.
const dir = join(import.meta.dirname, '../../../mappings/examples/acme-rms');
const doc = parseMapping(readFileSync(join(dir, 'mapping.json'), 'utf8')).document!;
const offences = readFileSync(join(dir, 'samples/offences.ndjson'), 'utf8');
const vehicles = readFileSync(join(dir, 'samples/vehicles.csv'), 'utf8');
const longSample = Array.from({ length: 8 }, () => offences.trimEnd()).join('\n') + '\n';
const task = (d: MappingDocument = doc, content = offences): PreviewTask => ({
  document: d,
  sample: { name: 'offences.ndjson', format: 'ndjson', content },
  limit: 2000,
  joined: { 's-vehicles': { name: 'vehicles.csv', format: 'csv', content: vehicles } },
});
/** An edit visible in every output (provenance.sourceSystem). */
const edited = (system: string): MappingDocument => ({ ...structuredClone(doc), sourceSystem: system });

const events = new EventBus();
const progress: ApiEvents['run.progress'][] = [];
events.on((e, p) => e === 'run.progress' && progress.push(p as ApiEvents['run.progress']));
const runner = new PreviewRunner(runWorkerScript, events, memoryLogger());
afterAll(() => runner.close());

describe('PreviewRunner', () => {
  it('resolves with the first stage, then the summary of the whole sample', async () => {
    const first = await runner.start(task(), { pageSize: 10, focus: 40 });
    expect(first).toMatchObject({ partial: true, read: 11 });
    expect(first.records.map((r) => r.record)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 40]);
    const summary = await runner.summary(first.runId!);
    const full = await runPreview(task(), () => {});
    expect(summary).toMatchObject({ runId: first.runId, read: full.read, written: full.written, rejected: full.rejected });
    expect(summary.statuses).toHaveLength(full.read);
    expect(progress.find((p) => p.runId === first.runId && p.done)).toMatchObject({ read: full.read });
  }, 60_000);

  it('cancels the rest of an older preview of the same mapping when a newer one starts', async () => {
    const older = await runner.start(task(edited('EDIT-1'), longSample), { pageSize: 5 });
    const newer = await runner.start(task(edited('EDIT-2'), longSample), { pageSize: 5 });
    await expect(runner.summary(older.runId!)).rejects.toMatchObject({ code: 'superseded' });
    const summary = await runner.summary(newer.runId!);
    expect(summary.read).toBe(newer.total);
    // The older rest stopped early: it never reported a finished run.
    expect(progress.some((p) => p.runId === older.runId && p.done)).toBe(false);
    expect(JSON.stringify(newer.records)).toContain('"sourceSystem":"EDIT-2"');
  }, 60_000);

  it('serves a record on demand while a rest is running, with its trace', async () => {
    const first = await runner.start(task(doc, longSample), { pageSize: 5 });
    const one = await runner.record(task(doc, longSample), 300);
    expect(one.record.record).toBe(300);
    expect(one.trace?.filters['r-filter-ref']).toBeDefined();
    await runner.summary(first.runId!);
    await expect(runner.record(task(), 99_999)).rejects.toMatchObject({ code: 'not-found' });
    await expect(runner.summary('no-such-run')).rejects.toMatchObject({ code: 'not-found' });
  }, 60_000);
});
