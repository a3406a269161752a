import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MappingDocument } from '../../../mappings/document/types';
import type { PreviewResult, PreviewSummary } from '../../shared/api';
import { dispatch } from '../dispatch';
import { memoryLogger } from '../log';
import { tempDir } from '../test-support/temp';
import { createHostServices, type HostServices } from './create';

// The staged preview through the validated dispatcher, over the seeded example and its stored samples.
const log = memoryLogger();
let t: ReturnType<typeof tempDir>;
let host: HostServices;
let document: MappingDocument;
let sampleId: string;

beforeAll(async () => {
  t = tempDir();
  host = await createHostServices({ home: path.join(t.dir, 'ws'), host: 'browser', appVersion: '9.9.9', log, examplesDir: path.resolve(import.meta.dirname, '../../../mappings/examples') });
  const h = host.services.handlers;
  const example = (await h['projects.list']({})).find((p) => p.isExample)!;
  document = (await h['mapping.get']({ projectId: example.id })).document;
  sampleId = (await h['samples.list']({ projectId: example.id })).find((s) => s.format === 'ndjson')!.id;
}, 60_000);
afterAll(async () => {
  await host.close();
  t.cleanup();
});

const call = async <T>(method: string, payload: unknown): Promise<T> => {
  const r = await dispatch(host.services.handlers, method, payload, log);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
};

describe('preview.run (staged) · preview.summary · preview.record', () => {
  it('answers the first page with the joined source, then the whole sample, then one record with its trace', async () => {
    const first = await call<PreviewResult>('preview.run', { document, sampleId, pageSize: 10, focus: 30 });
    expect(first).toMatchObject({ partial: true, read: 11 });
    expect(first.records.map((r) => r.record)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30]);
    const summary = await call<PreviewSummary>('preview.summary', { runId: first.runId });
    expect(summary.read).toBe(first.total);
    expect(summary.written + summary.rejected).toBe(summary.read);
    const whole = await call<PreviewResult>('preview.run', { document, sampleId });
    expect({ read: summary.read, written: summary.written, rejected: summary.rejected }).toEqual({ read: whole.read, written: whole.written, rejected: whole.rejected });
    const one = await call<{ record: { record: number }; trace: { filters: Record<string, boolean> } }>('preview.record', { document, sampleId, record: 30 });
    expect(one.record).toEqual(first.records.at(-1));
    expect(one.trace.filters['r-filter-ref']).toBe(true);
  }, 120_000);

  it('validates the new request fields', async () => {
    await expect(call('preview.run', { document, sampleId, pageSize: 0 })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(call('preview.summary', { runId: '../x' })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(call('preview.record', { document, sampleId, record: 'one' })).rejects.toMatchObject({ code: 'invalid-request' });
  });
});
