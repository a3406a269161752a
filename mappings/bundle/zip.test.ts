import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MappingError } from '../diagnostics/diagnostic';
import { unzipFiles, zipFiles } from './zip';

const enc = new TextEncoder();

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof MappingError) return `${e.diagnostic.code} ${e.diagnostic.message}`;
    throw e;
  }
  return undefined;
}

describe('zipFiles / unzipFiles', () => {
  it('is deterministic: the same files in any order give the same bytes, and round-trip', () => {
    const a = zipFiles({ 'b.txt': enc.encode('bee'), 'a/c.json': enc.encode('{"x":1}') });
    const b = zipFiles({ 'a/c.json': enc.encode('{"x":1}'), 'b.txt': enc.encode('bee') });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const files = unzipFiles(a);
    expect(Object.keys(files)).toEqual(['a/c.json', 'b.txt']);
    expect(new TextDecoder().decode(files['b.txt'])).toBe('bee');
  });

  it.each(['../evil.mjs', 'a/../../evil.mjs', '/etc/passwd', 'C:/windows/x', 'a\\..\\b'])('refuses the unsafe entry name %s', (name) => {
    const zip = zipSync({ [name]: enc.encode('x') });
    expect(codeOf(() => unzipFiles(zip))).toMatch(/^MW7002 Unsafe archive entry/);
  });

  it('refuses symlink entries', () => {
    const zip = zipSync({ 'run.mjs': [enc.encode('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(codeOf(() => unzipFiles(zip))).toMatch(/MW7002 .*symbolic link/);
  });

  it('refuses more entries than the limit', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.txt`, enc.encode('x')]));
    expect(codeOf(() => unzipFiles(zipSync(many), { maxEntries: 10 }))).toMatch(/^MW7003 .*12 entries/);
    expect(Object.keys(unzipFiles(zipSync(many), { maxEntries: 12 }))).toHaveLength(12);
  });

  it('refuses a total uncompressed size and a compression ratio beyond the limits', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const zip = zipSync({ 'bomb.bin': zeros }, { level: 9 });
    expect(codeOf(() => unzipFiles(zip))).toMatch(/^MW7003 .*expands \d+× \(limit 200×\)/);
    expect(codeOf(() => unzipFiles(zipSync({ 'a.txt': enc.encode('hello world') }), { maxTotalBytes: 5 }))).toMatch(/^MW7003 .*more than 5 bytes/);
  });

  it('refuses an entry that inflates beyond its declared size', () => {
    const zip = zipSync({ 'a.txt': enc.encode('a'.repeat(1000)) });
    // Rewrite the declared uncompressed size (central directory and local header) to 10 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const cd = view.getUint32(zip.length - 22 + 16, true);
    view.setUint32(cd + 24, 10, true);
    view.setUint32(22, 10, true);
    expect(codeOf(() => unzipFiles(zip))).toMatch(/MW7002 .*inflates beyond its declared size/);
  });

  it('rejects data that is not a zip', () => {
    expect(codeOf(() => unzipFiles(enc.encode('not a zip at all, just text that is long enough')))).toMatch(/^MW7001/);
  });
});
