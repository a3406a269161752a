import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../../mappings/document/index';
import type { MappingDocument } from '../../../mappings/document/types';
import { runPreview, type PreviewTask } from './domain';

// Preview caches the compiled transform, the parsed samples and the join index between calls;
// these tests pin that a cached answer is the answer a cold run gives.
const dir = join(import.meta.dirname, '../../../mappings/examples/acme-rms');
const doc = parseMapping(readFileSync(join(dir, 'mapping.json'), 'utf8')).document!;
const offences = readFileSync(join(dir, 'samples/offences.ndjson'), 'utf8');
const vehicles = readFileSync(join(dir, 'samples/vehicles.csv'), 'utf8');

const task = (d: MappingDocument, content = offences, vehicleContent = vehicles): PreviewTask => ({
  document: d,
  sample: { name: 'offences.ndjson', format: 'ndjson', content },
  limit: 50,
  joined: { 's-vehicles': { name: 'vehicles.csv', format: 'csv', content: vehicleContent } },
});
const noop = () => {};
const withoutTime = ({ elapsedMs: _, ...r }: Awaited<ReturnType<typeof runPreview>>) => r;
const withSeparator = (sep: string): MappingDocument => {
  const d = structuredClone(doc);
  const rule = d.entities[0].fields.find((f) => f.id === 'r-event-notes')!;
  (rule.value as { separator?: string }).separator = sep;
  return d;
};

describe('runPreview caching', () => {
  it('answers a repeated preview, and one from a copied document and sample text, as the first', async () => {
    const first = withoutTime(await runPreview(task(doc), noop));
    expect(first.read).toBeGreaterThan(0);
    expect(first.written).toBeGreaterThan(0);
    const again = withoutTime(await runPreview(task(doc), noop));
    expect(again).toEqual(first);
    const copied = withoutTime(await runPreview(task(structuredClone(doc), `${offences} `.slice(0, -1), `${vehicles} `.slice(0, -1)), noop));
    expect(copied).toEqual(first);
  });

  it('recompiles after an edit and comes back to the same answer after undo', async () => {
    const before = withoutTime(await runPreview(task(doc), noop));
    const edited = withoutTime(await runPreview(task(withSeparator(' ~EDITED~ ')), noop));
    expect(JSON.stringify(edited.records)).toContain('~EDITED~');
    expect(JSON.stringify(before.records)).not.toContain('~EDITED~');
    expect(withoutTime(await runPreview(task(doc), noop))).toEqual(before);
  });

  it('re-reads the sample when its text changes, and the joined source when it changes', async () => {
    const lines = offences.trim().split('\n');
    const fewer = withoutTime(await runPreview(task(doc, `${lines.slice(0, 3).join('\n')}\n`), noop));
    expect(fewer.read).toBe(3);
    const header = vehicles.split(/\r?\n/)[0];
    const noVehicles = withoutTime(await runPreview(task(doc, offences, `${header}\n`), noop));
    const withVehicles = withoutTime(await runPreview(task(doc), noop));
    expect(noVehicles.read).toBe(withVehicles.read);
    expect(noVehicles.records).not.toEqual(withVehicles.records);
  });
});
