import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { compileMapping, loadCompiled } from '../compiler/compile';
import { flatModel, miniModel } from '../compiler/test-models';
import type { MappingDocument } from '../document/types';
import { createValidator } from '../model/index';
import type { RejectLine } from './run';
import { runMappingFiles, RunSetupError } from './run.node';

const tmp = mkdtempSync(join(tmpdir(), 'mapwright-runfiles-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const doc: MappingDocument = {
  format: 'mapwright.mapping',
  formatVersion: 1,
  id: '0f1e2d3c-4b5a-4697-8877-665544332211',
  name: 'files',
  version: '1.0.0',
  namespace: '0f1e2d3c-4b5a-4697-8877-665544332212',
  sourceSystem: 'TEST',
  sources: [{ id: 's-1', name: 'in', format: 'ndjson', primary: true, schema: { id: 'source:in', name: 'in', origin: 'ndjson', fields: [{ path: 'ref', name: 'ref', type: 'string', cardinality: 'optional' }, { path: 'n', name: 'n', type: 'integer', cardinality: 'optional' }] } }],
  joins: [],
  target: { modelId: 'flat', modelVersion: '1.0.0' },
  filters: [{ id: 'r-f', when: { id: 'n-f', kind: 'expr', code: 'n % 10 !== 0' }, reason: 'every tenth record is filtered' }],
  valueMaps: [],
  root: { fields: [{ id: 'r-1', target: 'ref', value: { id: 'n-1', kind: 'field', path: 'ref' } }, { id: 'r-2', target: 'count', value: { id: 'n-2', kind: 'field', path: 'n' } }] },
  entities: [],
  links: [],
  layout: { nodes: {}, comments: [] },
};

/** A slow sink with a tiny buffer, so the writer must wait for 'drain'. */
function slowSink(lines: string[]) {
  let drains = 0;
  const w = new Writable({
    highWaterMark: 1024,
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      setImmediate(cb);
    },
  });
  w.on('drain', () => drains++);
  return { w, drains: () => drains };
}

describe('runMappingFiles', () => {
  it('streams a large file with backpressure and reconciles', async () => {
    const input = join(tmp, 'big.ndjson');
    const n = 20000;
    const lines: string[] = [];
    for (let i = 1; i <= n; i++) lines.push(i % 997 === 0 ? '{broken' : JSON.stringify({ ref: `R${i}`, n: i, pad: 'x'.repeat(50) }));
    writeFileSync(input, `${lines.join('\n')}\n`);
    const { transform } = loadCompiled(compileMapping(doc, flatModel()).code);
    const out: string[] = [];
    const sink = slowSink(out);
    const rejects: RejectLine[] = [];
    let progressCalls = 0;
    const r = await runMappingFiles({ doc, transform, input, out: sink.w, rejects: (x) => void rejects.push(x), validate: createValidator(flatModel()), onProgress: () => void progressCalls++ });
    expect(r.read).toBe(n);
    expect(r.read).toBe(r.written + r.rejected);
    expect(out).toHaveLength(r.written);
    expect(rejects).toHaveLength(r.rejected);
    expect(rejects.filter((x) => x.code === 'MW6101')).toHaveLength(Math.floor(n / 10) - Math.floor(n / 9970));
    expect(sink.drains()).toBeGreaterThan(5);
    expect(progressCalls).toBe(n);
    expect(JSON.parse(out[0])).toEqual({ ref: 'R1', count: 1 });
  });

  it('writes output and rejects files it owns, and reads join sources first', async () => {
    const input = join(tmp, 'in.ndjson');
    writeFileSync(input, '{"ref":"A","n":1}\n{"ref":"B","n":10}\n');
    const { transform } = loadCompiled(compileMapping(doc, flatModel()).code);
    const out = join(tmp, 'o.ndjson');
    const rej = join(tmp, 'o.rejects.ndjson');
    const r = await runMappingFiles({ doc, transform, input, out, rejects: rej });
    expect(r).toMatchObject({ read: 2, written: 1, rejected: 1 });
    expect(readFileSync(out, 'utf8')).toBe('{"ref":"A","count":1}\n');
    expect(JSON.parse(readFileSync(rej, 'utf8'))).toMatchObject({ record: 2, line: 2, code: 'MW6101', file: input });
  });

  it('needs a file for every joined source', async () => {
    const joined: MappingDocument = {
      ...doc,
      target: { modelId: 'mini', modelVersion: '1.0.0' },
      sources: [...doc.sources, { id: 's-2', name: 'extra', format: 'csv', primary: false, schema: { id: 'source:extra', name: 'extra', origin: 'csv', fields: [] } }],
      joins: [{ id: 'j-1', source: 's-2', as: 'extra', on: [{ primary: { id: 'n-j', kind: 'field', path: 'ref' }, foreign: 'ref' }], cardinality: 'one' }],
      root: { fields: [] },
    };
    const { transform } = loadCompiled(compileMapping(joined, miniModel()).code);
    await expect(runMappingFiles({ doc: joined, transform, input: join(tmp, 'in.ndjson'), out: join(tmp, 'x.ndjson'), rejects: () => undefined })).rejects.toBeInstanceOf(RunSetupError);
  });
});
