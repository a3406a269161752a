/**
 * Reliability: the bundle archive reader against hostile zips — path traversal, absolute paths,
 * symlinks, duplicate names, too many entries, zip bombs (honest and lying sizes) and byte-level
 * mutation of a valid bundle. It must answer with MW7001–MW7003 and never crash, hang or balloon.
 */
import fc from 'fast-check';
import { zipSync, strToU8, type Zippable } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { MappingError } from '../diagnostics/diagnostic';
import { unzipFiles, zipFiles } from './zip';
import { mutate, mutationArb } from '../../reliability/mutate';
import { report, runs, SEED } from '../../reliability/support';

const counts: Record<string, number> = {};
afterAll(() => report('bundle archives', counts));
const bump = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);

/** Expects a MappingError with an MW70xx code; returns the code. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(MappingError);
    const code = (e as MappingError).diagnostic.code;
    expect(code).toMatch(/^MW700[123]$/);
    return code!;
  }
  throw new Error('the archive was accepted');
}

/** A raw zip that bypasses zipFiles' own path checks (an attacker's tool would). */
const rawZip = (files: Record<string, string | Uint8Array>, attrs?: number) => {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [typeof v === 'string' ? strToU8(v) : v, attrs === undefined ? {} : { os: 3, attrs }];
  return zipSync(z);
};

const VALID = zipFiles({
  'manifest.json': strToU8('{"format":"mapwright.bundle","files":{}}'),
  'mapping.json': strToU8(JSON.stringify({ id: 'm', nodes: Array.from({ length: 50 }, (_, i) => ({ i, text: `node ${i}` })) })),
  'transform.mjs': strToU8('export function transform(r) { return r; }\n'.repeat(20)),
  'run.mjs': strToU8('console.log(1)\n'),
});

describe('bundle archives: hostile entries', () => {
  const traversal = [
    '../../evil', '../evil.mjs', 'a/../../evil', 'a/../b', './x', 'a//b', '/etc/passwd', '/tmp/evil', 'C:/Windows/evil', 'c:evil',
    '..\\..\\evil', 'a\\b', 'evil\0.txt', '..', 'a/..', '', '../', '%2e%2e/evil'.replace('%2e%2e', '..'),
  ];
  it.each(traversal.map((t) => [JSON.stringify(t), t]))('refuses entry name %s (zip slip / absolute / odd)', (_label, name) => {
    bump('paths');
    expect(refusal(() => unzipFiles(rawZip({ 'ok.txt': 'x', [name]: 'pwned' })))).toBe('MW7002');
  });

  it('refuses symbolic links', () => {
    bump('symlink');
    expect(refusal(() => unzipFiles(rawZip({ link: '/etc/passwd' }, 0o120777 << 16)))).toBe('MW7002');
  });

  it('refuses too many entries before reading any', () => {
    bump('entries');
    const files = Object.fromEntries(Array.from({ length: 2_001 }, (_, i) => [`f${i}`, '']));
    expect(refusal(() => unzipFiles(rawZip(files), { maxEntries: 2_000 }))).toBe('MW7003');
    expect(Object.keys(unzipFiles(rawZip(files), { maxEntries: 2_001 }))).toHaveLength(2_001);
  });

  it('refuses a zip bomb by ratio without inflating it (bounded memory)', () => {
    bump('bomb');
    const bomb = zipSync({ 'mapping.json': [new Uint8Array(64 * 1024 * 1024), { level: 9 }] });
    expect(bomb.length).toBeLessThan(200_000);
    global.gc?.();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    expect(refusal(() => unzipFiles(bomb))).toBe('MW7003');
    const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    expect(after - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses an entry that lies about its size (inflates past the declared size) without ballooning', () => {
    bump('lying-bomb');
    const data = zipSync({ 'a.json': [new Uint8Array(8 * 1024 * 1024), { level: 9 }] });
    // Patch the declared uncompressed size (central directory and local header) down to 100 bytes.
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let i = 0; i + 4 <= data.length; i++) {
      const sig = dv.getUint32(i, true);
      if (sig === 0x02014b50) dv.setUint32(i + 24, 100, true);
      if (sig === 0x04034b50) dv.setUint32(i + 22, 100, true);
    }
    global.gc?.();
    const before = process.memoryUsage().arrayBuffers;
    expect(refusal(() => unzipFiles(data))).toMatch(/^MW700[12]$/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses total size over the limit and duplicate names', () => {
    bump('limits');
    expect(refusal(() => unzipFiles(rawZip({ a: 'x'.repeat(600), b: 'y'.repeat(600) }), { maxTotalBytes: 1_000 }))).toBe('MW7003');
    // Two entries with one name: concatenate central directories by zipping twice is awkward; rename in place instead.
    const two = rawZip({ aa: '1', ab: '2' });
    const patched = two.slice();
    for (let i = 0; i + 4 <= patched.length; i++) {
      if (patched[i] === 0x61 && patched[i + 1] === 0x62 && patched[i - 1] !== 0x61) patched[i + 1] = 0x61;
    }
    expect(refusal(() => unzipFiles(patched))).toMatch(/^MW700[12]$/);
  });
});

describe('bundle archives: mutated valid bundles', () => {
  const n = runs(400);
  it(`${n} mutated copies of a valid bundle: accepted intact or refused with MW700x, never a crash`, () => {
    const original = unzipFiles(VALID);
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (ms) => {
        bump('mutated');
        const bytes = mutate(VALID, ms);
        let files: Record<string, Uint8Array> | undefined;
        try {
          files = unzipFiles(bytes);
        } catch (e) {
          if (!(e instanceof MappingError)) throw new Error(`unzipFiles crashed: ${(e as Error).stack}`);
          bump('refused');
          return;
        }
        // Accepted: every name is safe (no crash above means checkPath passed); CRCs are the
        // manifest's job, so content may differ — but names must be the original ones or safe.
        for (const name of Object.keys(files)) expect(name).not.toMatch(/(^|\/)\.\.(\/|$)|^\//);
        if (Object.keys(files).join() === Object.keys(original).join()) bump('accepted');
      }),
      { numRuns: n, seed: SEED },
    );
  });
});
