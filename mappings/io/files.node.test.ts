import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileRecords } from './files.node';

const dir = mkdtempSync(join(tmpdir(), 'mw-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readFileRecords', () => {
  it('streams a file in small chunks with progress and located errors', async () => {
    const path = join(dir, 'people.ndjson');
    const lines = Array.from({ length: 500 }, (_, i) => (i === 250 ? '{"name": oops}' : JSON.stringify({ i, name: `Zoë ${i}` })));
    writeFileSync(path, lines.join('\n'));
    const progress: [number, number][] = [];
    const got = [];
    for await (const r of readFileRecords(path, { format: 'ndjson', chunkSize: 7, onProgress: (a, b) => progress.push([a, b]) })) got.push(r);
    expect(got).toHaveLength(500);
    expect(got[250]).toMatchObject({ record: 251, line: 251, error: { code: 'MW1021', location: { file: path, line: 251, column: 10 } } });
    expect(got[499]).toMatchObject({ value: { i: 499, name: 'Zoë 499' } });
    const size = Buffer.byteLength(lines.join('\n'));
    expect(progress.at(-1)).toEqual([size, size]);
    expect(progress.length).toBeGreaterThan(100);
    expect(progress.every(([a], i) => i === 0 || a > progress[i - 1][0])).toBe(true);
  });
});
