/**
 * The bundle manifest (format version 1, see docs/bundle-format.md) and the integrity rule: every
 * file of a bundle except `signatures/*` is listed with its sha256 and size; nothing missing,
 * nothing extra. Pure, so the CLI, the app and the runner inside the bundle apply the same rule.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { diag } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { BUNDLE } from './codes';

export const BUNDLE_FORMAT = 'mapwright.bundle' as const;
export const BUNDLE_FORMAT_VERSION = 1 as const;

export interface FileEntry {
  sha256: string;
  size: number;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  bundle: { id: string; version: string };
  mapping: { id: string; name: string; version: string };
  author?: string;
  /** ISO 8601; from `SOURCE_DATE_EPOCH` or an option so builds are reproducible. */
  createdAt: string;
  engine: { version: string; sha256: string };
  sources: { id: string; name: string; format: string; primary: boolean; sha256: string; schemaHash?: string }[];
  target: { modelId: string; modelVersion: string; sha256: string };
  releaseNotes?: string;
  /** Every file except `manifest.json` and `signatures/*`, by bundle-relative path, sorted. */
  files: Record<string, FileEntry>;
}

/** Files never listed in the manifest. */
export function isUnlisted(path: string): boolean {
  return path === 'manifest.json' || path.startsWith('signatures/');
}

/** Lower-case hex sha256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The `files` table for a set of bundle files (manifest and signatures skipped), sorted by path. */
export function fileTable(files: Record<string, Uint8Array>): Record<string, FileEntry> {
  const out: Record<string, FileEntry> = {};
  for (const path of Object.keys(files).sort()) {
    if (isUnlisted(path)) continue;
    out[path] = { sha256: sha256Hex(files[path]!), size: files[path]!.length };
  }
  return out;
}

/** Parses and shape-checks manifest.json text. */
export function parseManifest(text: string): { manifest?: BundleManifest; diagnostics: Diagnostic[] } {
  const fail = (detail: string) => ({ diagnostics: [diag(BUNDLE.MW7101, { detail }, { file: 'manifest.json' })] });
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (typeof m !== 'object' || m === null) return fail('not a JSON object');
  const o = m as Partial<BundleManifest>;
  if (o.format !== BUNDLE_FORMAT) return fail(`"format" must be "${BUNDLE_FORMAT}"`);
  if (o.formatVersion !== BUNDLE_FORMAT_VERSION) return fail(`formatVersion ${String(o.formatVersion)} is not supported (this version reads ${BUNDLE_FORMAT_VERSION})`);
  if (typeof o.files !== 'object' || o.files === null) return fail('"files" table missing');
  for (const [path, e] of Object.entries(o.files)) {
    if (typeof e?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256) || typeof e.size !== 'number') return fail(`files["${path}"] must be {sha256, size}`);
  }
  return { manifest: o as BundleManifest, diagnostics: [] };
}

/**
 * Compares the files actually present (hash and size of each) with the manifest's table.
 * @example checkIntegrity(manifest, { 'run.mjs': { sha256: '…', size: 1234 } }) // → [] when intact
 */
export function checkIntegrity(manifest: BundleManifest, actual: Record<string, FileEntry>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const paths = new Set([...Object.keys(manifest.files), ...Object.keys(actual).filter((p) => !isUnlisted(p))]);
  for (const file of [...paths].sort()) {
    const want = manifest.files[file];
    const got = actual[file];
    if (!want) out.push(diag(BUNDLE.MW7104, { file }, { file }));
    else if (!got) out.push(diag(BUNDLE.MW7103, { file }, { file }));
    else if (got.size !== want.size) out.push(diag(BUNDLE.MW7105, { file }, { file }));
    else if (got.sha256 !== want.sha256) out.push(diag(BUNDLE.MW7102, { file }, { file }));
  }
  return out;
}
