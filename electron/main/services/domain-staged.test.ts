import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../../mappings/document/index';
import type { MappingDocument } from '../../../mappings/document/types';
import { previewRecord, runPreview, startPreview, type PreviewTask } from './domain';

const dir = join(import.meta.dirname, '../../../mappings/examples/acme-rms');
const doc = parseMapping(readFileSync(join(dir, 'mapping.json'), 'utf8')).document!;
const offences = readFileSync(join(dir, 'samples/offences.ndjson'), 'utf8');
const vehicles = readFileSync(join(dir, 'samples/vehicles.csv'), 'utf8');
const task = (d: MappingDocument = doc, content = offences): PreviewTask => ({
  document: d,
  sample: { name: 'offences.ndjson', format: 'ndjson', content },
  limit: 1000,
  joined: { 's-vehicles': { name: 'vehicles.csv', format: 'csv', content: vehicles } },
});
const noop = () => {};
/** The example sample four times over: enough records that the rest of a preview takes many slices. */
const longSample = Array.from({ length: 4 }, () => offences.trimEnd()).join('\n') + '\n';

describe('startPreview (staged)', () => {
  it('returns the first page and the focused record first, then the same totals and statuses as a full run', async () => {
    const full = await runPreview(task(), noop);
    const staged = await startPreview(task(), { pageSize: 5, focus: 20, runId: 'r1' });
    expect(staged.first.partial).toBe(true);
    expect(staged.first.runId).toBe('r1');
    expect(staged.first.total).toBe(full.read);
    expect(staged.first.records.map((r) => r.record)).toEqual([1, 2, 3, 4, 5, 20]);
    expect(staged.first.read).toBe(6);
    for (const r of staged.first.records) expect(r).toEqual(full.records.find((f) => f.record === r.record));
    const summary = await staged.rest();
    expect(summary).toMatchObject({ runId: 'r1', read: full.read, written: full.written, rejected: full.rejected });
    expect(summary!.statuses).toEqual(
      full.records.map((r) => ({ record: r.record, status: r.status, ...(r.reject ? { code: r.reject.code } : {}), ...(r.validation ? { errors: r.validation.length } : {}) })),
    );
  });

  it('is not partial when the first page covers the sample', async () => {
    const staged = await startPreview(task(), { pageSize: 1000, runId: 'r2' });
    expect(staged.first.partial).toBe(false);
    expect(staged.first.runId).toBeUndefined();
    expect(staged.first.read).toBe(staged.first.total);
  });

  it('stops the rest when cancelled, without running it to completion', async () => {
    const seen: number[] = [];
    let cancel = () => {};
    // Cancelled after its second slice, as a newer edit's preview would.
    const staged = await startPreview(task(doc, longSample), { pageSize: 5, runId: 'r3', progress: (p) => (seen.push(p.read), seen.length === 2 && cancel()) });
    cancel = staged.cancel;
    expect(await staged.rest()).toBeNull();
    expect(seen).toEqual([5 + 16, 5 + 32]);
    expect(staged.first.total).toBeGreaterThan(400);
    const idle = await startPreview(task(doc, longSample), { pageSize: 5, runId: 'r4' });
    idle.cancel();
    expect(await idle.rest()).toBeNull();
  });

  it('reports blocking diagnostics instead of running a broken mapping', async () => {
    const broken = structuredClone(doc);
    broken.entities[0].fields[0].value = { id: 'n-bad', kind: 'expr', code: 'nosuchfield +' };
    const staged = await startPreview(task(broken), { pageSize: 5, runId: 'r5' });
    expect(staged.first).toMatchObject({ read: 0, partial: false, records: [] });
    expect(staged.first.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(await staged.rest()).toBeNull();
  });
});

describe('previewRecord (on demand)', () => {
  it('gives the record’s output as the full run does, and the values on the graph', async () => {
    const full = await runPreview(task(), noop);
    const written = full.records.find((r) => r.status === 'written' && r.record > 10)!;
    const one = await previewRecord(task(), written.record);
    expect(one.record).toEqual(written);
    expect(one.trace).not.toBeNull();
    // The crime reference read from the record flows through its field node.
    const ref = (JSON.parse(offences.split('\n')[written.record - 1]) as { crime_ref: string }).crime_ref;
    expect(one.trace!.nodes['n-crime-ref-99'].values).toEqual([ref]);
    expect(one.trace!.rules['r-event']).toEqual({ made: 1, skipped: 0 });
  });

  it('maps target-schema errors of the record to the rule that wrote them and keeps the invalid output', async () => {
    const d = structuredClone(doc);
    const event = d.entities.find((e) => e.id === 'r-event')!;
    const rule = event.fields.find((f) => f.target === 'eventType')!;
    rule.value = { id: 'n-bad-type', kind: 'const', value: { code: 'NOT_A_CODE', scheme: 'EVENT_TYPE' } };
    const full = await runPreview(task(d), noop);
    const rec = full.records.find((r) => r.reject?.code === 'MW6201')!;
    expect(rec.output).toBeDefined();
    const v = rec.validation!.find((e) => e.path.endsWith('/eventType/code') || e.path.endsWith('/eventType'))!;
    expect(v).toMatchObject({ ruleId: 'r-event', fieldRuleIds: [rule.id] });
    const one = await previewRecord(task(d), rec.record);
    expect(one.record.validation).toEqual(rec.validation);
  });

  it('fails for a record outside the sample', async () => {
    await expect(previewRecord(task(), 99_999)).rejects.toMatchObject({ code: 'not-found' });
  });
});
