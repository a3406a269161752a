/**
 * End to end: a bundle built from the example project, copied into an empty folder outside the
 * repository and run with plain `node`, must behave exactly like `mapwright run`; any change to it
 * must be caught by verify and refused by the runner; signatures must bind to the exact manifest.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractBundle, readBundle, verifyFiles } from './reader.node.js';
import { generateKeys, signManifest } from './signatures.node.js';
import { addSignature, buildBundle, writeBundle, type BuiltBundle } from './writer.node.js';
import { command as verifyCommand } from '../cli/commands/verify';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const example = join(root, 'mappings/examples/acme-rms');

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let work: string;
let built: BuiltBundle;
let unpacked: string;
let input: string;
let vehicles: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mapwright-bundle-test-'));
  const r = await buildBundle(example, { createdAt: '2026-01-01T00:00:00Z', notes: 'First release' });
  expect(r.diagnostics).toEqual([]);
  built = r.bundle!;
  await writeBundle(built.files, join(work, 'acme.mwb'));
  // What a force does: take the .mwb somewhere empty and unpack it.
  unpacked = join(work, 'unpacked');
  await mkdir(unpacked);
  await extractBundle((await readBundle(join(work, 'acme.mwb'))).files, unpacked);
  input = join(work, 'offences.ndjson');
  vehicles = join(work, 'vehicles.csv');
  await cp(join(example, 'samples/offences.ndjson'), input);
  await cp(join(example, 'samples/vehicles.csv'), vehicles);
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a bundle built from the example project', () => {
  it('is reproducible: same inputs and createdAt give the same .mwb bytes', async () => {
    const again = await buildBundle(example, { createdAt: '2026-01-01T00:00:00Z', notes: 'First release' });
    await writeBundle(again.bundle!.files, join(work, 'again.mwb'));
    expect((await readFile(join(work, 'again.mwb'))).equals(await readFile(join(work, 'acme.mwb')))).toBe(true);
  }, 120_000);

  it('runs with plain node and writes byte-identical output, rejects and summary to `mapwright run`', async () => {
    const [bundleRun, cliRun] = await Promise.all([
      run(process.execPath, ['run.mjs', '--input', input, '--source', `s-vehicles=${vehicles}`, '--out', join(work, 'bundle.ndjson')], unpacked),
      run(process.execPath, ['bin/mapwright.mjs', 'run', 'mappings/examples/acme-rms', '--input', input, '--source', `s-vehicles=${vehicles}`, '--out', join(work, 'cli.ndjson')], root),
    ]);
    expect(cliRun.code).toBe(0);
    expect(bundleRun.code).toBe(0);
    const last = (s: string) => s.trim().split('\n').slice(-1)[0];
    expect(last(bundleRun.stderr)).toBe(last(cliRun.stderr));
    expect(last(bundleRun.stderr)).toMatch(/^read \d+, wrote \d+, rejected [1-9]\d*$/);
    const out = await readFile(join(work, 'bundle.ndjson'));
    expect(out.length).toBeGreaterThan(1000);
    expect(out.equals(await readFile(join(work, 'cli.ndjson')))).toBe(true);
    expect((await readFile(join(work, 'bundle.ndjson.rejects.ndjson'))).equals(await readFile(join(work, 'cli.ndjson.rejects.ndjson')))).toBe(true);
  }, 180_000);

  it('`mapwright run BUNDLE` (zip or folder) runs the pinned transform with the same output, summary and exit code as the project', async () => {
    const args = (target: string, out: string) => ['bin/mapwright.mjs', 'run', target, '--input', input, '--source', `s-vehicles=${vehicles}`, '--out', join(work, out)];
    const [project, zip, folder, runner] = await Promise.all([
      run(process.execPath, args('mappings/examples/acme-rms', 'p.ndjson'), root),
      run(process.execPath, args(join(work, 'acme.mwb'), 'z.ndjson'), root),
      run(process.execPath, args(unpacked, 'f.ndjson'), root),
      run(process.execPath, ['run.mjs', '--input', input, '--source', `s-vehicles=${vehicles}`, '--out', join(work, 'r.ndjson')], unpacked),
    ]);
    for (const r of [project, zip, folder, runner]) expect(r.code, r.stderr).toBe(0);
    // Identical streams, not only the summary: one module prints them all. Progress lines depend
    // on how fast this machine is at the moment, so they are left out.
    const steady = (s: string) => s.replace(/^progress: .*\n/gm, '');
    expect(steady(zip.stderr)).toBe(steady(project.stderr));
    expect(steady(folder.stderr)).toBe(steady(project.stderr));
    expect(steady(runner.stderr)).toBe(steady(project.stderr));
    expect(project.stderr.trim().split('\n').slice(-1)[0]).toMatch(/^read \d+, wrote \d+, rejected [1-9]\d*$/);
    const expected = await readFile(join(work, 'p.ndjson'));
    const expectedRejects = await readFile(join(work, 'p.ndjson.rejects.ndjson'));
    for (const f of ['z', 'f', 'r']) {
      expect((await readFile(join(work, `${f}.ndjson`))).equals(expected), f).toBe(true);
      expect((await readFile(join(work, `${f}.ndjson.rejects.ndjson`))).equals(expectedRejects), f).toBe(true);
    }
    // --strict and usage errors exit alike.
    const strict = await Promise.all([
      run(process.execPath, [...args(join(work, 'acme.mwb'), 'z2.ndjson'), '--strict'], root),
      run(process.execPath, ['run.mjs', '--input', input, '--source', `s-vehicles=${vehicles}`, '--out', join(work, 'r2.ndjson'), '--strict'], unpacked),
    ]);
    expect(strict.map((r) => r.code)).toEqual([1, 1]);
    const missing = await Promise.all([
      run(process.execPath, ['bin/mapwright.mjs', 'run', join(work, 'acme.mwb'), '--input', join(work, 'nope.ndjson')], root),
      run(process.execPath, ['run.mjs', '--input', join(work, 'nope.ndjson')], unpacked),
    ]);
    expect(missing.map((r) => r.code)).toEqual([2, 2]);
    expect(missing[0]!.stderr).toBe(missing[1]!.stderr.replace('run.mjs:', 'mapwright run:'));
  }, 240_000);

  it('`mapwright run` refuses a tampered bundle (zip or folder) with the reason and exit 3, running nothing', async () => {
    const files = { ...built.files, 'transform.mjs': new TextEncoder().encode(`${new TextDecoder().decode(built.files['transform.mjs'])}\n// patched`) };
    await writeBundle(files, join(work, 'tampered.mwb'));
    const dir = await mkdtemp(join(work, 'tampered-folder-'));
    await cp(unpacked, dir, { recursive: true });
    await writeFile(join(dir, 'model/evil.json'), '{}');
    const [zip, folder] = await Promise.all([
      run(process.execPath, ['bin/mapwright.mjs', 'run', join(work, 'tampered.mwb'), '--input', input, '--source', `s-vehicles=${vehicles}`, '--out', join(work, 'never.ndjson')], root),
      run(process.execPath, ['bin/mapwright.mjs', 'run', dir, '--input', input, '--source', `s-vehicles=${vehicles}`], root),
    ]);
    expect(zip.code).toBe(3);
    expect(zip.stderr).toMatch(/transform\.mjs: MW7105/);
    expect(zip.stderr).toMatch(/mapwright run: REFUSING TO RUN: this bundle does not match its manifest \(1 problem above\)/);
    expect(folder.code).toBe(3);
    expect(folder.stderr).toMatch(/model\/evil\.json: MW7104/);
    expect(folder.stdout).toBe('');
    await expect(readFile(join(work, 'never.ndjson'))).rejects.toThrow(/ENOENT/);
  }, 120_000);

  it('passes its self-test and exports transform() for record-by-record pipelines', async () => {
    const r = await run(process.execPath, ['run.mjs', '--self-test'], unpacked);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(-1)[0]).toBe(`${built.tests.length} passed, 0 failed`);
    const p = await run(process.execPath, ['--input-type=module', '-e', "import { transform } from './transform.mjs'; const r = transform({}, { record: 1, line: 1 }); console.log(r.ok ? 'ok' : r.reject.code);"], unpacked);
    expect(p.stdout.trim()).toMatch(/^MW\d{4}$/);
  }, 60_000);

  it('fails verification when any byte of any file changes', async () => {
    for (const path of Object.keys(built.files)) {
      const files = { ...built.files, [path]: new Uint8Array(built.files[path]!) };
      const bytes = files[path]!;
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      const r = await verifyFiles(files, { selfTest: false });
      expect(r.ok, path).toBe(false);
      if (path !== 'manifest.json') expect(r.diagnostics.map((d) => `${d.code} ${d.location.file}`), path).toEqual([`MW7102 ${path}`]);
    }
  });

  it('detects an added and a removed file', async () => {
    const added = await verifyFiles({ ...built.files, 'extra.mjs': new TextEncoder().encode('// x') }, { selfTest: false });
    expect(added.diagnostics.map((d) => d.code)).toEqual(['MW7104']);
    const { 'validate.mjs': _removed, ...rest } = built.files;
    const removed = await verifyFiles(rest, { selfTest: false });
    expect(removed.diagnostics.map((d) => `${d.code} ${d.location.file}`)).toEqual(['MW7103 validate.mjs']);
  });

  it.each([
    ['a changed engine', async (d: string) => writeFile(join(d, 'engine.mjs'), `${await readFile(join(d, 'engine.mjs'), 'utf8')}\n// patched`), /engine\.mjs: MW7105/],
    ['a changed test case', async (d: string) => writeFile(join(d, 'tests/t-normal-burglary.json'), (await readFile(join(d, 'tests/t-normal-burglary.json'), 'utf8')).replace('"', "'")), /tests\/t-normal-burglary\.json: MW7102/],
    ['an added file', (d: string) => writeFile(join(d, 'model/evil.json'), '{}'), /model\/evil\.json: MW7104/],
    ['a removed file', (d: string) => unlink(join(d, 'transform.mjs')), /transform\.mjs: MW7103/],
  ])('the runner refuses to run with %s (exit 3, naming the file)', async (_what, tamper, message) => {
    const dir = await mkdtemp(join(work, 'tampered-'));
    await cp(unpacked, dir, { recursive: true });
    await tamper(dir);
    const r = await run(process.execPath, ['run.mjs', '--input', input, '--source', `s-vehicles=${vehicles}`], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/REFUSING TO RUN/);
    expect(r.stdout).toBe('');
  }, 60_000);
});

describe('signatures', () => {
  const author = generateKeys('pw');
  const reviewer = generateKeys();
  const stranger = generateKeys();

  it('author then reviewer signatures both verify; a required key without a signature fails', async () => {
    const files = { ...built.files };
    addSignature(files, signManifest(files['manifest.json']!, author.privateKey, 'author', '2026-01-02T00:00:00Z', 'pw'));
    addSignature(files, signManifest(files['manifest.json']!, reviewer.privateKey, 'reviewer', '2026-01-03T00:00:00Z'));
    const ok = await verifyFiles(files, { keys: [author.publicKey, reviewer.publicKey], selfTest: false });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.signatures.map((s) => [s.role, s.keyId, s.ok])).toEqual([
      ['author', author.keyId, true],
      ['reviewer', reviewer.keyId, true],
    ]);
    const other = await verifyFiles(files, { keys: [stranger.publicKey], selfTest: false });
    expect(other.diagnostics.map((d) => d.message)).toEqual([`No valid signature by the required key ${stranger.keyId}.`]);
  });

  it('a signature made with another key under the author key id fails', async () => {
    const files = { ...built.files };
    const forged = { ...signManifest(files['manifest.json']!, stranger.privateKey, 'author', '2026-01-02T00:00:00Z'), publicKey: author.publicKey, keyId: author.keyId };
    addSignature(files, forged);
    const r = await verifyFiles(files, { keys: [author.publicKey], selfTest: false });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MW7201', 'MW7202']);
  });

  it('a signature replayed from a previous manifest fails', async () => {
    const old = { ...built.files };
    const sig = signManifest(old['manifest.json']!, author.privateKey, 'author', '2026-01-02T00:00:00Z', 'pw');
    const next = (await buildBundle(example, { createdAt: '2026-02-01T00:00:00Z', version: '1.0.1' })).bundle!;
    const files = { ...next.files };
    addSignature(files, sig);
    const r = await verifyFiles(files, { keys: [author.publicKey], selfTest: false });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toMatch(/made for a different manifest.*replayed or outdated signature/);
  }, 120_000);

  it('`mapwright verify` accepts the signed .mwb with --key (self-test included) and rejects a tampered one', async () => {
    const files = { ...built.files };
    addSignature(files, signManifest(files['manifest.json']!, author.privateKey, 'author', '2026-01-02T00:00:00Z', 'pw'));
    await writeBundle(files, join(work, 'signed.mwb'));
    await writeFile(join(work, 'author.pub'), author.publicKey);
    await writeFile(join(work, 'stranger.pub'), stranger.publicKey);
    const quiet = { out: process.stdout.write, err: process.stderr.write };
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await verifyCommand.run([join(work, 'signed.mwb'), '--key', join(work, 'author.pub')])).toBe(0);
      expect(await verifyCommand.run([join(work, 'signed.mwb'), '--key', join(work, 'stranger.pub'), '--no-self-test'])).toBe(1);
      await writeBundle({ ...files, 'report.html': new TextEncoder().encode('<p>all fine</p>') }, join(work, 'tampered.mwb'));
      expect(await verifyCommand.run([join(work, 'tampered.mwb')])).toBe(1);
    } finally {
      process.stdout.write = quiet.out;
      process.stderr.write = quiet.err;
    }
  }, 60_000);
});
