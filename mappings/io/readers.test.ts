import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseRecords, readRecords, type ReaderOptions, type SourceRecord } from './index';

async function collect(chunks: (string | Uint8Array)[], options: ReaderOptions): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readRecords(chunks, options)) out.push(r);
  return out;
}

/** Splits bytes at the given points (so multi-byte characters get cut too). */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const ps = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of ps) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  out.push(bytes.subarray(last));
  return out;
}

const samples: [string, ReaderOptions][] = [
  ['\ufeffnom;ville;note\r\n"Zoë";Llandaff;"a ""q"" ;b"\r\n"x\r\ny";Ōsaka;\r\nragged\r\n1;2;"open', { format: 'csv' }],
  ['a\tb\n€1\t2\n', { format: 'tsv' }],
  ['{"a":"é"}\n{"a":}\n\n{"b":[1,{"c":"😀"}]}\n', { format: 'ndjson' }],
  ['[ {"a":"ü,]"}, {"a": tru}, 3 , "x\\"]", {"n":{"m":[]}} ]', { format: 'json' }],
  ['<?xml version="1.0"?><a xmlns:p="urn:p"><r p:id="1">ä<b>x</b></r><r><c>1</c><c>2</c></r><r/></a>', { format: 'xml' }],
];

describe('streaming equals whole-text reading', () => {
  for (const [text, options] of samples) {
    it(`${options.format}: any chunking of the bytes gives the same records`, async () => {
      const expected = parseRecords(text, options);
      const bytes = new TextEncoder().encode(text);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (points) => {
          expect(await collect(cut(bytes, points), options)).toEqual(expected);
        }),
        { numRuns: 150 },
      );
      // one byte at a time, the worst case for decoding across boundaries
      expect(await collect(cut(bytes, [...bytes.keys()]), options)).toEqual(expected);
    });
  }

  it('decodes other encodings and reports an unknown one', async () => {
    const latin1 = Uint8Array.from([0x6e, 0x0a, 0x5a, 0x6f, 0xeb, 0x0a]); // "n\nZoë\n" in windows-1252
    expect(await collect([latin1], { format: 'csv', encoding: 'windows-1252' })).toEqual([{ record: 1, line: 2, value: { n: 'Zoë' } }]);
    await expect(collect([latin1], { format: 'csv', encoding: 'klingon-8' })).rejects.toThrow(/MW1091/);
    // read as UTF-8 the same bytes are invalid: one located warning, the text still arrives
    const warnings: Diagnostic[] = [];
    const rs = await collect([Uint8Array.from([0x6e, 0x0a, 0x61, 0x0a]), latin1], { format: 'csv', file: 'w.csv', onDiagnostic: (d) => warnings.push(d) });
    expect(rs.map((r) => ('value' in r ? r.value : r))).toEqual([{ n: 'a' }, { n: 'n' }, { n: 'Zo\ufffd' }]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'MW1093', location: { file: 'w.csv', line: 4 } })]);
  });
});
