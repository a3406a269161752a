/**
 * Deterministic zip writing and defensive zip reading for `.mwb` bundles. Pure (bytes in, bytes
 * out) so the app and the CLI share it.
 *
 * Writing uses fflate with fixed timestamps and sorted entries so the same files always make the
 * same bytes. Reading walks the central directory by hand before anything is inflated, because
 * fflate does not expose the external attributes needed to refuse symlinks and does not enforce
 * entry-count, size or ratio limits; the entries are then inflated with fflate's streaming
 * `Inflate`, counting bytes so an entry that lies about its size cannot balloon (zip bombs).
 */
import { Inflate, strFromU8, zipSync, type Zippable } from 'fflate';
import { diag } from '../diagnostics/catalog';
import { MappingError } from '../diagnostics/diagnostic';
import { BUNDLE } from './codes';

/** Limits for reading an archive; the defaults are far above any real bundle. */
export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes of all entries. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio allowed for entries above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };

/**
 * The DOS timestamp of every entry. Built from local components on purpose: fflate converts with
 * the local time zone, so local 1980-01-01 12:00 gives identical bytes in every time zone.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 12, 0, 0);

/** Zips files (path → bytes) deterministically: sorted paths, fixed timestamps, level 9. */
export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const path of Object.keys(files).sort()) {
    checkPath(path);
    z[path] = [files[path]!, { level: 9, mtime: FIXED_MTIME, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(z);
}

function unsafe(entry: string, reason: string): never {
  throw new MappingError(diag(BUNDLE.MW7002, { entry, reason }, { file: entry }));
}

function tooBig(detail: string): never {
  throw new MappingError(diag(BUNDLE.MW7003, { detail }, {}));
}

function notZip(detail: string): never {
  throw new MappingError(diag(BUNDLE.MW7001, { detail }, {}));
}

/** Refuses paths that could escape the extraction folder or mean different files on other systems. */
export function checkPath(name: string): void {
  if (!name) unsafe(name, 'empty name');
  if (name.includes('\0')) unsafe(name, 'NUL in the name');
  if (name.includes('\\')) unsafe(name, 'backslash in the name');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) unsafe(name, 'absolute path');
  const segs = name.split('/');
  if (segs.includes('..')) unsafe(name, '".." path segment (zip slip)');
  if (segs.some((s, i) => s === '.' || (s === '' && i < segs.length - 1))) unsafe(name, 'empty or "." path segment');
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/**
 * Unzips an archive after checking every entry against the limits: no absolute or `..` paths, no
 * symlinks, no duplicate names, entry count, total size and compression ratio. Directory entries
 * are skipped.
 * @throws MappingError MW7001 (not a zip), MW7002 (unsafe entry), MW7003 (limit exceeded)
 */
export function unzipFiles(data: Uint8Array, limits: Partial<ZipLimits> = {}): Record<string, Uint8Array> {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  // End of central directory: the last 22+ bytes (a comment may follow it).
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (u32(data, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) notZip('no zip end-of-central-directory record');
  const count = u16(data, eocd + 10);
  if (count === 0xffff || u32(data, eocd + 16) === 0xffffffff) notZip('zip64 archives are not used by bundles');
  if (count > lim.maxEntries) tooBig(`${count} entries (limit ${lim.maxEntries})`);
  let p = u32(data, eocd + 16);
  const entries: { name: string; method: number; csize: number; usize: number; local: number }[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || u32(data, p) !== 0x02014b50) notZip(`central directory entry ${i + 1} is corrupt`);
    const madeBy = u16(data, p + 4) >> 8;
    const flags = u16(data, p + 8);
    const method = u16(data, p + 10);
    const csize = u32(data, p + 20);
    const usize = u32(data, p + 24);
    const nlen = u16(data, p + 28);
    const elen = u16(data, p + 30);
    const clen = u16(data, p + 32);
    const attrs = u32(data, p + 38);
    const local = u32(data, p + 42);
    const name = strFromU8(data.subarray(p + 46, p + 46 + nlen));
    p += 46 + nlen + elen + clen;
    checkPath(name.endsWith('/') ? name.slice(0, -1) || '/' : name);
    // Unix mode lives in the upper 16 bits when the archive was made on Unix (3) or macOS (19).
    const mode = attrs >>> 16;
    if ((madeBy === 3 || madeBy === 19) && (mode & 0o170000) === 0o120000) unsafe(name, 'symbolic link');
    if (flags & 1) unsafe(name, 'encrypted entry');
    if (name.endsWith('/')) continue;
    if (method !== 0 && method !== 8) unsafe(name, `unsupported compression method ${method}`);
    if (seen.has(name)) unsafe(name, 'duplicate entry name');
    seen.add(name);
    total += usize;
    if (total > lim.maxTotalBytes) tooBig(`more than ${lim.maxTotalBytes} bytes uncompressed`);
    if (usize > lim.ratioFloorBytes && usize / Math.max(csize, 1) > lim.maxRatio) tooBig(`"${name}" expands ${Math.round(usize / Math.max(csize, 1))}× (limit ${lim.maxRatio}×)`);
    entries.push({ name, method, csize, usize, local });
  }
  const out: Record<string, Uint8Array> = {};
  for (const e of entries) {
    if (e.local + 30 > data.length || u32(data, e.local) !== 0x04034b50) notZip(`local header of "${e.name}" is corrupt`);
    const start = e.local + 30 + u16(data, e.local + 26) + u16(data, e.local + 28);
    const raw = data.subarray(start, start + e.csize);
    if (raw.length !== e.csize) notZip(`"${e.name}" is truncated`);
    if (e.method === 0) {
      if (e.csize !== e.usize) notZip(`stored entry "${e.name}" has inconsistent sizes`);
      out[e.name] = raw.slice();
      continue;
    }
    const buf = new Uint8Array(e.usize);
    let n = 0;
    const inflater = new Inflate((chunk) => {
      // The declared size is the ceiling: an entry that inflates past it is refused, not trusted.
      if (n + chunk.length > e.usize) unsafe(e.name, 'inflates beyond its declared size');
      buf.set(chunk, n);
      n += chunk.length;
    });
    try {
      inflater.push(raw, true);
    } catch (err) {
      if (err instanceof MappingError) throw err;
      notZip(`"${e.name}" cannot be inflated (${(err as Error).message})`);
    }
    if (n !== e.usize) notZip(`"${e.name}" inflates to ${n} bytes, not the declared ${e.usize}`);
    out[e.name] = buf;
  }
  return out;
}
