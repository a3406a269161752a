/**
 * Entry point of a bundle's `run.mjs` (built by scripts/build-engine.mjs): checks the bundle's
 * integrity with nothing but `node:` built-ins, and only then loads `engine.mjs`, `transform.mjs`
 * and `validate.mjs` from beside it. Behaves like `mapwright run` (same options, output, summary
 * line and exit codes) so a force can run a bundle without Mapwright installed.
 *
 * Exit codes: 0 done, 1 rejects with --strict / failed self-test, 2 usage or unreadable input,
 * 3 the bundle does not match its manifest (nothing is run).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { MappingDocument, TestCase } from '../document/types';
import type { Transform, OutputValidator } from '../runtime/run';
import { checkIntegrity, parseManifest, type BundleManifest, type FileEntry } from './manifest';
import { executeRun, parseRunRequest, resolveParams, RUN_OPTIONS, RUN_OPTIONS_HELP, type RunRequest } from './run-command.node.js';
import { checkSignature } from './signatures.node.js';
// Types only: the engine is loaded at run time from beside run.mjs, after the integrity check.
import type * as EngineEntry from './engine-entry.node.js';

type EngineModule = typeof EngineEntry;

const USAGE = `Usage: node run.mjs --input FILE [--out FILE] [--rejects FILE] [--strict]
                   [--source ID=FILE …] [--param KEY=VALUE …] [--no-validate] [--include-input]
       node run.mjs --self-test     run the test cases shipped in tests/
       node run.mjs --verify        check every file against manifest.json and the signatures

Runs this Mapwright bundle over an input file, exactly as \`mapwright run\` runs its project.
Nothing runs unless every file matches manifest.json.

${RUN_OPTIONS_HELP}

Exit status: 0 done, 1 rejects with --strict or a failed self-test, 2 usage error or unreadable
input, 3 the bundle was changed (a file differs from, is missing from or is not in the manifest).`;

const err = (s: string) => process.stderr.write(`${s}\n`);

async function hashFile(path: string): Promise<FileEntry> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/** Every regular file under dir, bundle-relative with `/`; symlinks and other oddities are problems. */
async function listFiles(dir: string, rel = '', out: string[] = [], problems: string[] = []): Promise<{ files: string[]; problems: string[] }> {
  for (const name of (await readdir(join(dir, rel))).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const st = await lstat(join(dir, path));
    if (st.isSymbolicLink()) problems.push(`${path} is a symbolic link; bundles contain regular files only`);
    else if (st.isDirectory()) await listFiles(dir, path, out, problems);
    else if (st.isFile()) out.push(path);
    else problems.push(`${path} is not a regular file`);
  }
  return { files: out, problems };
}

export interface BundleCheck {
  manifest?: BundleManifest;
  problems: string[];
  signatures: { file: string; ok: boolean; text: string }[];
}

/** Checks a bundle folder: manifest, every file's hash, no extra or missing files, signatures. */
export async function checkBundleDir(dir: string): Promise<BundleCheck> {
  const problems: string[] = [];
  let manifestBytes: Buffer;
  try {
    manifestBytes = await readFile(join(dir, 'manifest.json'));
  } catch {
    return { problems: ['manifest.json: missing: this folder is not a Mapwright bundle'], signatures: [] };
  }
  const parsed = parseManifest(manifestBytes.toString('utf8'));
  const fmt = (d: Diagnostic) => `${d.location.file ? `${d.location.file}: ` : ''}${d.code} ${d.message}`;
  if (!parsed.manifest) return { problems: parsed.diagnostics.map(fmt), signatures: [] };
  const listed = await listFiles(dir);
  problems.push(...listed.problems);
  const actual: Record<string, FileEntry> = {};
  for (const f of listed.files) if (parsed.manifest.files[f]) actual[f] = await hashFile(join(dir, f));
  else actual[f] = { sha256: '', size: -1 };
  problems.push(...checkIntegrity(parsed.manifest, actual).map(fmt));
  const signatures: BundleCheck['signatures'] = [];
  for (const f of listed.files.filter((p) => p.startsWith('signatures/'))) {
    const r = checkSignature(manifestBytes, await readFile(join(dir, f), 'utf8'));
    if (r.ok) signatures.push({ file: f, ok: true, text: `${r.role} signature by ${r.keyId} (signed ${r.signedAt})` });
    else {
      signatures.push({ file: f, ok: false, text: r.detail });
      problems.push(`${f}: MW7201 Signature ${f} is invalid: ${r.detail}`);
    }
  }
  return { manifest: parsed.manifest, problems, signatures };
}

async function load(dir: string) {
  const url = (f: string) => pathToFileURL(join(dir, f)).href;
  const engine = (await import(url('engine.mjs'))) as EngineModule;
  const { transform } = (await import(url('transform.mjs'))) as { transform: Transform };
  const { validate } = (await import(url('validate.mjs'))) as { validate: OutputValidator };
  const doc = JSON.parse(await readFile(join(dir, 'mapping.json'), 'utf8')) as MappingDocument;
  return { engine, transform, validate, doc };
}

async function selfTest(dir: string, manifest: BundleManifest): Promise<number> {
  const { engine, transform, validate, doc } = await load(dir);
  const tests = Object.keys(manifest.files).filter((f) => /^tests\/[^/]+\.json$/.test(f));
  let passed = 0;
  let failed = 0;
  for (const f of tests) {
    const tc = JSON.parse(await readFile(join(dir, f), 'utf8')) as TestCase;
    const r = engine.runTestCase(doc, transform, validate, tc);
    if (r.status === 'pass') {
      passed++;
      process.stdout.write(`PASS ${tc.name} (${f})\n`);
      continue;
    }
    failed++;
    process.stdout.write(`FAIL ${tc.name} (${f}): ${r.reason}\n`);
    if (r.reason === 'output-differs') for (const l of engine.formatJsonDiff(r.differences)) process.stdout.write(`    ${l}\n`);
    else if ('reject' in r) process.stdout.write(`    rejected: ${r.reject.code} ${r.reject.message}\n`);
    else process.stdout.write(`    expected reject ${r.expected.code}, got an output document\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

/**
 * Checks a bundle folder before anything in it runs; prints each problem and the refusal, and
 * returns exit code 3, when a file differs from, is missing from or is not in the manifest.
 */
export async function checkBeforeRunning(dir: string, program: string): Promise<{ check: BundleCheck; manifest: BundleManifest } | number> {
  const check = await checkBundleDir(dir);
  if (check.problems.length || !check.manifest) {
    for (const p of check.problems) err(p);
    err(`${program}: REFUSING TO RUN: this bundle does not match its manifest (${check.problems.length} problem${check.problems.length === 1 ? '' : 's'} above)`);
    return 3;
  }
  return { check, manifest: check.manifest };
}

/**
 * Runs a bundle folder that checkBeforeRunning accepted: its own pinned engine, transform and
 * validator, through the shared run command (same output, summary and exit codes as `mapwright run`).
 */
export async function runCheckedBundle(dir: string, request: RunRequest, program: string): Promise<number> {
  const params = await resolveParams(request, program);
  if (typeof params === 'number') return params;
  const { engine, transform, validate, doc } = await load(dir);
  return executeRun({ program, engine, doc, transform, validate, request, params });
}

/** The runner's main; returns the exit code. */
export async function main(argv: string[], dir = dirname(fileURLToPath(import.meta.url))): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        ...RUN_OPTIONS,
        'self-test': { type: 'boolean' },
        verify: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    err(`run.mjs: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const checked = await checkBeforeRunning(dir, 'run.mjs');
  if (typeof checked === 'number') return checked;
  const { check, manifest } = checked;
  if (values.verify) {
    process.stdout.write(`OK ${Object.keys(manifest.files).length + 1} files match manifest.json (bundle ${manifest.bundle.id} version ${manifest.bundle.version}, mapping "${manifest.mapping.name}" ${manifest.mapping.version})\n`);
    for (const s of check.signatures) process.stdout.write(`OK ${s.text}\n`);
    if (!check.signatures.length) process.stdout.write('note: the bundle is not signed\n');
    return 0;
  }
  if (values['self-test']) return selfTest(dir, manifest);
  const parsed = parseRunRequest(values);
  if (!parsed.ok) {
    err(`run.mjs: ${parsed.problem}\n\n${USAGE}`);
    return 2;
  }
  return runCheckedBundle(dir, parsed.request, 'run.mjs');
}
