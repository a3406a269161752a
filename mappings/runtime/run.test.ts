import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMapping, loadCompiled } from '../compiler/compile';
import { flatModel } from '../compiler/test-models';
import type { MappingDocument } from '../document/types';
import { readRecords } from '../io/index';
import type { SourceRecord } from '../io/types';
import { createValidator } from '../model/index';
import { RUN, RUN_CODES } from './codes';
import { buildJoinIndex, OutputRejected, runMapping, type RejectLine } from './run';

function flatDoc(format: 'ndjson' | 'csv'): MappingDocument {
  return {
    format: 'mapwright.mapping',
    formatVersion: 1,
    id: '0f1e2d3c-4b5a-4697-8877-665544332211',
    name: 'runner test',
    version: '1.0.0',
    namespace: '0f1e2d3c-4b5a-4697-8877-665544332212',
    sourceSystem: 'TEST',
    sources: [{ id: 's-1', name: 'in', format, primary: true, schema: { id: 'source:in', name: 'in', origin: format, fields: [{ path: 'ref', name: 'ref', type: 'string', cardinality: 'optional' }, { path: 'sex', name: 'sex', type: 'string', cardinality: 'optional' }] } }],
    joins: [],
    target: { modelId: 'flat', modelVersion: '1.0.0' },
    filters: [{ id: 'r-f', when: { id: 'n-f', kind: 'expr', code: 'ref !== "SKIP"' }, reason: 'skipped' }],
    valueMaps: [{ id: 'vm-1', name: 'sex', entries: [{ from: 'M', to: 'M', quality: 'exact' }, { from: 'F', to: 'F', quality: 'exact' }], unmapped: { policy: 'reject' }, output: 'code' }],
    root: { fields: [{ id: 'r-1', target: 'ref', value: { id: 'n-1', kind: 'field', path: 'ref' } }, { id: 'r-2', target: 'sex', value: { id: 'n-2', kind: 'map', valueMap: 'vm-1', input: { id: 'n-3', kind: 'field', path: 'sex' } } }] },
    entities: [],
    links: [],
    layout: { nodes: {}, comments: [] },
  };
}

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function runText(doc: MappingDocument, text: string, format: 'ndjson' | 'csv', chunk: number) {
  const { transform } = loadCompiled(compileMapping(doc, flatModel()).code);
  const outputs: { doc: unknown; rec: SourceRecord }[] = [];
  const rejects: RejectLine[] = [];
  const counts = await runMapping({
    transform,
    records: readRecords(chunked(text, chunk), { format, file: `in.${format}` }),
    file: `in.${format}`,
    validate: createValidator(flatModel()),
    onOutput: (d, rec) => void outputs.push({ doc: d, rec }),
    onReject: (r) => void rejects.push(r),
  });
  return { counts, outputs, rejects };
}

const cell = fc.oneof(fc.constantFrom('AC/1', 'SKIP', 'M', 'F', 'Q', ''), fc.stringMatching(/^[A-Za-z0-9 /]{0,6}$/));

describe('runMapping', () => {
  it('reconciles on messy NDJSON: read = written + rejected, every record exactly once', async () => {
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.record({ ref: fc.option(cell, { nil: undefined }), sex: fc.option(cell, { nil: undefined }) }).map((o) => JSON.stringify(o)) },
      { weight: 1, arbitrary: fc.constantFrom('{"ref": "AC/1",', 'not json', '[1,2', '42', '"text"', 'null', '{"ref": 5}', '{"__proto__": {"x": 1}, "ref": "P"}') },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), async (lines, chunk) => {
        const { counts, outputs, rejects } = await runText(flatDoc('ndjson'), `${lines.join('\n')}\n`, 'ndjson', chunk);
        expect(counts.read).toBe(counts.written + counts.rejected);
        expect(counts.written).toBe(outputs.length);
        expect(counts.rejected).toBe(rejects.length);
        const seen = [...outputs.map((o) => o.rec.record), ...rejects.map((r) => r.record)].sort((a, b) => a - b);
        expect(seen).toEqual(Array.from({ length: counts.read }, (_, i) => i + 1));
        expect(counts.read).toBe(lines.filter((l) => l.trim() !== '').length);
        for (const r of rejects) expect(r.code).toMatch(/^MW\d{4}$/);
      }),
      { numRuns: 120 },
    );
  });

  it('reconciles on messy CSV (ragged rows, stray quotes)', async () => {
    const row = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(cell, cell).map(([a, b]) => `${a},${b}`) },
      { weight: 1, arbitrary: fc.constantFrom('only-one-cell', 'a,b,c,d', '"unterminated,M', ',', 'x,"q""uoted"') },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 30 }), fc.integer({ min: 1, max: 50 }), async (rows, chunk) => {
        const { counts, outputs, rejects } = await runText(flatDoc('csv'), `ref,sex\n${rows.join('\n')}\n`, 'csv', chunk);
        expect(counts.read).toBe(counts.written + counts.rejected);
        const seen = [...outputs.map((o) => o.rec.record), ...rejects.map((r) => r.record)].sort((a, b) => a - b);
        expect(seen).toEqual(Array.from({ length: counts.read }, (_, i) => i + 1));
      }),
      { numRuns: 80 },
    );
  });

  it('writes located reject lines for each kind of failure', async () => {
    const text = ['{"ref":"AC/1","sex":"M"}', '{"ref":"SKIP","sex":"M"}', '{"ref":"AC/3","sex":"Q"}', 'broken {', '{"sex":"F"}'].join('\n');
    const { counts, rejects } = await runText(flatDoc('ndjson'), text, 'ndjson', 7);
    expect(counts).toEqual({ read: 5, written: 1, rejected: 4 });
    expect(rejects[0]).toEqual({ record: 2, line: 2, file: 'in.ndjson', code: RUN_CODES.filtered, message: 'Filtered out: skipped', ruleId: 'r-f' });
    expect(rejects[1]).toMatchObject({ record: 3, line: 3, code: RUN_CODES.unmapped, ruleId: 'r-2', nodeId: 'n-2', field: 'sex' });
    expect(rejects[2]).toMatchObject({ record: 4, line: 4, file: 'in.ndjson' });
    expect(rejects[2].code).toMatch(/^MW1/);
    expect(rejects[3]).toMatchObject({ record: 5, code: RUN_CODES.invalid, field: expect.any(String) });
    expect(rejects[3].errors?.length).toBeGreaterThan(0);
    expect(rejects[3].message).toContain('does not match the target model');
  });

  it('turns a throwing transform into rejects and keeps going', async () => {
    let n = 0;
    const counts = await runMapping({
      transform: () => {
        if (n++ % 2) throw new Error('boom');
        return { ok: true, output: {} };
      },
      records: [1, 2, 3].map((i) => ({ record: i, line: i, value: {} })),
      onOutput: () => undefined,
      onReject: (r) => expect(r).toMatchObject({ code: RUN_CODES.failed, message: 'The transform failed: boom' }),
    });
    expect(counts).toEqual({ read: 3, written: 2, rejected: 1 });
  });

  it('rejects a record whose output the writer refuses, and still reconciles', async () => {
    const rejects: RejectLine[] = [];
    const counts = await runMapping({
      transform: (r) => ({ ok: true, output: r as Record<string, unknown> }),
      records: [1, 2, 3].map((i) => ({ record: i, line: i, value: { i } })),
      onOutput: (d) => {
        if (d.i === 2) throw new OutputRejected(RUN_CODES.failed, 'The output could not be written as JSON: too deep');
      },
      onReject: (r) => void rejects.push(r),
    });
    expect(counts).toEqual({ read: 3, written: 2, rejected: 1 });
    expect(rejects).toEqual([{ record: 2, line: 2, code: RUN_CODES.failed, message: 'The output could not be written as JSON: too deep' }]);
  });

  it('awaits onOutput promises (backpressure)', async () => {
    const order: string[] = [];
    await runMapping({
      transform: () => ({ ok: true, output: {} }),
      records: [1, 2].map((i) => ({ record: i, line: i, value: {} })),
      onOutput: async (_d, rec) => {
        order.push(`start ${rec.record}`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`end ${rec.record}`);
      },
      onReject: () => undefined,
    });
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('keeps the engine code strings in step with the catalogue', () => {
    for (const code of Object.values(RUN_CODES)) expect(Object.keys(RUN)).toContain(code);
  });
});

describe('buildJoinIndex', () => {
  it('indexes by normalised key text and skips empty keys', () => {
    const doc = { joins: [{ id: 'j-1', source: 's-2', as: 'v', on: [{ primary: { id: 'n', kind: 'field' as const, path: 'ref' }, foreign: 'crime.ref' }], cardinality: 'many' as const }] };
    const idx = buildJoinIndex(doc, { 's-2': [{ crime: { ref: 12 } }, { crime: { ref: '12' } }, { crime: { ref: '' } }, { crime: {} }, { other: 1 }], 's-3': [{ crime: { ref: 12 } }] });
    expect([...idx['j-1'].keys()]).toEqual(['12']);
    expect(idx['j-1'].get('12')).toHaveLength(2);
  });
});
