/**
 * Reads a bundle (`.mwb` zip or unpacked folder) into memory with the zip safety checks, and
 * verifies it: integrity, signatures, required keys, and the self-test run by plain `node` in a
 * child process — exactly what a force would run.
 */
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { diag } from '../diagnostics/catalog';
import { MappingError, type Diagnostic } from '../diagnostics/diagnostic';
import { BUNDLE } from './codes';
import { checkIntegrity, parseManifest, sha256Hex, type BundleManifest, type FileEntry } from './manifest';
import { checkSignature, keyIdOf } from './signatures.node.js';
import { unzipFiles, type ZipLimits } from './zip';

export interface LoadedBundle {
  kind: 'zip' | 'folder';
  files: Record<string, Uint8Array>;
}

async function readFolder(dir: string, rel = '', out: Record<string, Uint8Array> = {}): Promise<Record<string, Uint8Array>> {
  for (const name of (await readdir(join(dir, rel))).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const st = await lstat(join(dir, path));
    if (st.isSymbolicLink()) throw new MappingError(diag(BUNDLE.MW7002, { entry: path, reason: 'symbolic link' }, { file: path }));
    if (st.isDirectory()) await readFolder(dir, path, out);
    else if (st.isFile()) out[path] = await readFile(join(dir, path));
    else throw new MappingError(diag(BUNDLE.MW7002, { entry: path, reason: 'not a regular file' }, { file: path }));
  }
  return out;
}

/** Reads a bundle from a `.mwb` file or a folder. @throws MappingError (MW7001–MW7003) */
export async function readBundle(path: string, limits?: Partial<ZipLimits>): Promise<LoadedBundle> {
  let st;
  try {
    st = await lstat(path);
  } catch (e) {
    throw new MappingError(diag(BUNDLE.MW7001, { detail: `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }, { file: path }));
  }
  if (st.isDirectory()) return { kind: 'folder', files: await readFolder(path) };
  try {
    return { kind: 'zip', files: unzipFiles(await readFile(path), limits) };
  } catch (e) {
    if (e instanceof MappingError) throw new MappingError({ ...e.diagnostic, location: { ...e.diagnostic.location, file: e.diagnostic.location.file ? `${path}!${e.diagnostic.location.file}` : path } });
    throw e;
  }
}

/** Writes bundle files into a folder (for running). The folder must be new or empty. */
export async function extractBundle(files: Record<string, Uint8Array>, dir: string): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

export interface SignatureInfo {
  file: string;
  ok: boolean;
  keyId?: string;
  role?: string;
  signedAt?: string;
  detail?: string;
}

export interface VerifyResult {
  ok: boolean;
  manifest?: BundleManifest;
  diagnostics: Diagnostic[];
  signatures: SignatureInfo[];
  selfTest?: { ok: boolean; output: string };
}

export interface VerifyOptions {
  /** Public keys (PEM) a valid signature must exist for. */
  keys?: string[];
  /** Run `node run.mjs --self-test` in a child process (default true). */
  selfTest?: boolean;
  /** The `node` to run the self-test with (default: this process's). */
  node?: string;
}

/** Verifies bundle files already read (see `readBundle`). */
export async function verifyFiles(files: Record<string, Uint8Array>, options: VerifyOptions = {}): Promise<VerifyResult> {
  const diagnostics: Diagnostic[] = [];
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) return { ok: false, diagnostics: [diag(BUNDLE.MW7101, { detail: 'no manifest.json in the bundle' }, { file: 'manifest.json' })], signatures: [] };
  const parsed = parseManifest(new TextDecoder().decode(manifestBytes));
  if (!parsed.manifest) return { ok: false, diagnostics: parsed.diagnostics, signatures: [] };
  const manifest = parsed.manifest;
  const actual: Record<string, FileEntry> = {};
  for (const [p, b] of Object.entries(files)) actual[p] = { sha256: sha256Hex(b), size: b.length };
  diagnostics.push(...checkIntegrity(manifest, actual));
  const signatures: SignatureInfo[] = [];
  for (const file of Object.keys(files).filter((p) => p.startsWith('signatures/')).sort()) {
    const r = checkSignature(manifestBytes, new TextDecoder().decode(files[file]));
    if (r.ok) signatures.push({ file, ok: true, keyId: r.keyId, role: r.role, signedAt: r.signedAt });
    else {
      signatures.push({ file, ok: false, ...(r.keyId ? { keyId: r.keyId } : {}), detail: r.detail });
      diagnostics.push(diag(BUNDLE.MW7201, { file, detail: r.detail }, { file }));
    }
  }
  for (const key of options.keys ?? []) {
    const keyId = keyIdOf(key);
    if (!signatures.some((s) => s.ok && s.keyId === keyId)) diagnostics.push(diag(BUNDLE.MW7202, { keyId }, {}));
  }
  let selfTest: VerifyResult['selfTest'];
  // The self-test only runs code that matches the manifest: running tampered code to "verify" it would defeat the point.
  if (options.selfTest !== false && !diagnostics.length) {
    const dir = await mkdtemp(join(tmpdir(), 'mapwright-verify-'));
    try {
      await extractBundle(files, dir);
      const result = await new Promise<{ ok: boolean; output: string }>((resolve) => {
        execFile(options.node ?? process.execPath, ['run.mjs', '--self-test'], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
          resolve({ ok: !err, output: `${stdout}${stderr}` });
        });
      });
      selfTest = result;
      if (!result.ok) {
        const last = result.output.trim().split('\n').slice(-1)[0] ?? '';
        diagnostics.push(diag(BUNDLE.MW7301, { detail: last }, {}));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { ok: !diagnostics.some((d) => d.severity === 'error'), manifest, diagnostics, signatures, ...(selfTest ? { selfTest } : {}) };
}
