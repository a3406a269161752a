/**
 * Reliability: bundle trust. A real bundle is built from the built-in example and signed; then
 * every kind of tampering — a changed byte in each file, an added file, a removed file, a renamed
 * file, a manifest swapped in from another bundle, a replayed older signature, a signature by an
 * unknown key — must be detected by verification (the `mapwright verify` logic in-process for every
 * case, and the CLI itself for a batch) and refused by the bundle's own runner (`node run.mjs`).
 * Also: a mapping holding a sandbox escape is refused by `bundle`, and a transform hand-edited to
 * hold one is refused by the runner before any of it runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, addSignature, writeBundle, type BuiltBundle } from './writer.node';
import { verifyFiles } from './reader.node';
import { checkBundleDir } from './run-entry.node';
import { generateKeys, signManifest } from './signatures.node';
import { zipFiles } from './zip';
import { mapwright, report, ROOT, runNode, tempDir } from '../../reliability/support';

const EXAMPLE = path.join(ROOT, 'mappings/examples/acme-rms');
const t = tempDir('mapwright-trust-');
const CANARY = path.join(t.dir, 'pwned');
afterAll(() => t.cleanup(), 60_000);
const counts: Record<string, number> = {};
afterAll(() => report('bundle trust', counts));
const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);

type Files = Record<string, Uint8Array>;
const keyA = generateKeys();
const keyB = generateKeys();
let v1: BuiltBundle;
let v2: BuiltBundle;
let signedV1: Files;
let signedV2: Files;
const enc = new TextEncoder();
const clone = (f: Files): Files => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.slice()]));
const sign = (f: Files, key: { privateKey: string }, at: string) => {
  const out = clone(f);
  addSignature(out, signManifest(out['manifest.json'], key.privateKey, 'author', at));
  return out;
};
const sigPath = (f: Files) => Object.keys(f).find((p) => p.startsWith('signatures/'))!;

beforeAll(async () => {
  const a = await buildBundle(EXAMPLE, { createdAt: '2026-01-01T00:00:00Z' });
  const b = await buildBundle(EXAMPLE, { createdAt: '2026-02-01T00:00:00Z', version: '9.9.9', notes: 'another release' });
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  v1 = a.bundle!;
  v2 = b.bundle!;
  signedV1 = sign(v1.files, keyA, '2026-01-01T00:00:00Z');
  signedV2 = sign(v2.files, keyA, '2026-02-01T00:00:00Z');
}, 240_000);

/** Every tampering, by name. */
function tamperings(): [string, Files][] {
  const cases: [string, Files][] = [];
  for (const file of Object.keys(signedV1).sort()) {
    const f = clone(signedV1);
    const b = f[file];
    // Flip one bit in the middle (for a signature file: inside the signature value; its other
    // fields have cases of their own below): the size stays the same, only the hash or the
    // signature can tell.
    const sigAt = file.startsWith('signatures/') ? new TextDecoder().decode(b).search(/"signature":\s*"/) + 24 : -1;
    if (b.length) b[sigAt > 0 ? sigAt : Math.floor(b.length / 2)] ^= 0x01;
    else f[file] = enc.encode(' ');
    cases.push([`changed byte in ${file}`, f]);
  }
  const added = (p: string, text: string) => {
    const f = clone(signedV1);
    f[p] = enc.encode(text);
    cases.push([`added ${p}`, f]);
  };
  added('evil.mjs', "import('node:fs')");
  added('tests/extra.json', '{}');
  added('model/extra.json', '{}');
  added('node_modules/x/index.js', 'module.exports = 1');
  for (const p of ['transform.mjs', 'engine.mjs', 'mapping.json', 'validate.mjs', 'manifest.json', Object.keys(signedV1).find((k) => k.startsWith('tests/'))!]) {
    const f = clone(signedV1);
    delete f[p];
    cases.push([`removed ${p}`, f]);
  }
  for (const [from, to] of [['transform.mjs', 'transform2.mjs'], [Object.keys(signedV1).find((k) => k.startsWith('tests/'))!, 'tests/renamed.json'], ['report.html', 'REPORT.html']]) {
    const f = clone(signedV1);
    f[to] = f[from];
    delete f[from];
    cases.push([`renamed ${from} → ${to}`, f]);
  }
  {
    const f = clone(signedV1);
    f['manifest.json'] = signedV2['manifest.json'].slice();
    cases.push(['manifest swapped in from another bundle', f]);
  }
  {
    const f = clone(signedV1);
    f['manifest.json'] = signedV2['manifest.json'].slice();
    for (const [k, v] of Object.entries(signedV2)) if (k.startsWith('signatures/')) f[k] = v.slice();
    cases.push(['manifest and its signature swapped in from another bundle', f]);
  }
  {
    // The older release's valid signature replayed onto the newer release.
    const f = clone(signedV2);
    f[sigPath(signedV2)] = signedV1[sigPath(signedV1)].slice();
    cases.push(['older signature replayed on a newer bundle', f]);
  }
  {
    const f = clone(signedV1);
    const p = sigPath(f);
    const sig = JSON.parse(new TextDecoder().decode(f[p])) as Record<string, string>;
    f[p] = enc.encode(JSON.stringify({ ...sig, publicKey: keyB.publicKey, keyId: keyB.keyId }));
    cases.push(['signature re-attributed to another key', f]);
  }
  // The fields a verifier reports are signed too: an author's signature relabelled as a reviewer's,
  // or re-dated, must fail (found by this suite; fixed by signing a canonical statement).
  for (const [name, patch] of [
    ['author signature relabelled as reviewer', { role: 'reviewer' }],
    ['signature re-dated', { signedAt: '2030-01-01T00:00:00Z' }],
  ] as const) {
    const f = clone(signedV1);
    const p = sigPath(f);
    const sig = JSON.parse(new TextDecoder().decode(f[p])) as Record<string, string>;
    f[p] = enc.encode(JSON.stringify({ ...sig, ...patch }));
    cases.push([name, f]);
  }
  return cases;
}


describe('bundle trust: tampering is detected', () => {
  it('control: the untampered signed bundle verifies against its key, and the runner accepts it', async () => {
    const r = await verifyFiles(signedV1, { keys: [keyA.publicKey], selfTest: false });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    const dir = path.join(t.dir, 'control');
    await writeBundle(signedV1, dir, { folder: true });
    expect((await checkBundleDir(dir)).problems).toEqual([]);
  });

  it('every tampering is refused by verification and by the runner integrity check', async () => {
    const cases = tamperings();
    for (const [name, files] of cases) {
      const r = await verifyFiles(files, { keys: [keyA.publicKey], selfTest: false });
      expect(r.ok, name).toBe(false);
      expect(r.diagnostics.map((d) => d.code).join(), name).toMatch(/MW7[12]\d\d/);
      bump('verify-in-process');
      const dir = path.join(t.dir, `case-${counts['verify-in-process']}`);
      await writeBundle(files, dir, { folder: true });
      const check = await checkBundleDir(dir);
      expect(check.problems.length, name).toBeGreaterThan(0);
      bump('runner-in-process');
    }
    expect(cases.length).toBeGreaterThan(Object.keys(signedV1).length + 10);
  });

  it('a bundle signed only by an unknown key is refused when the reviewer pins their key', async () => {
    const byB = sign(v1.files, keyB, '2026-01-01T00:00:00Z');
    const r = await verifyFiles(byB, { keys: [keyA.publicKey], selfTest: false });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain('MW7202');
    // Unpinned, the signature is valid: the runner checks integrity, trust needs `verify --key`.
    expect((await verifyFiles(byB, { selfTest: false })).ok).toBe(true);
    bump('unknown-key');
  });

  it('the CLI and the runner refuse tampered bundles as processes (batch)', async () => {
    const all = tamperings();
    // Each CLI start pays tsx start-up, so the CLI gets a representative batch; the in-process test
    // above runs the same verification code on every case.
    const pick = ['changed byte in transform.mjs', 'added evil.mjs', 'older signature replayed on a newer bundle'];
    const chosen = all.filter(([n]) => pick.includes(n));
    const byB = sign(v1.files, keyB, '2026-01-01T00:00:00Z');
    chosen.push(['signature by an unknown key', byB]);
    const pub = path.join(t.dir, 'a.pub');
    fs.writeFileSync(pub, keyA.publicKey);
    const jobs = chosen.map(async ([name, files], i) => {
      const mwb = path.join(t.dir, `cli-${i}.mwb`);
      fs.writeFileSync(mwb, zipFiles(files));
      const v = await mapwright(['verify', mwb, '--key', pub, '--no-self-test'], { timeoutMs: 120_000 });
      expect(v.code, `${name}: ${v.stdout}${v.stderr}`).toBe(1);
      expect(`${v.stdout}${v.stderr}`).toMatch(/MW7\d{3}/);
      bump('verify-cli');
    });
    await Promise.all(jobs);
    // The runner is plain node (no tsx), so every tampering can go through it.
    const input = path.join(EXAMPLE, 'samples/offences.ndjson');
    // run.mjs itself is excluded: a tampered runner is the attacker's program, and only `mapwright
    // verify` (the reviewer's own copy) can catch it — which the in-process test shows it does.
    const kinds = new Set<string>();
    for (const [name, files] of all) {
      const kind = name.replace(/ in .*| [^ ]+ → .*| [^ ]+$/, '');
      if (!files['run.mjs'] || !files['manifest.json'] || name.includes('run.mjs')) continue;
      // One or two of each kind keep process start-ups down; every file was covered in-process.
      if (kinds.has(kind) && !/transform|engine|validate|manifest|mapping/.test(name)) continue;
      kinds.add(kind);
      const dir = path.join(t.dir, `run-${counts['runner-process'] ?? 0}`);
      await writeBundle(files, dir, { folder: true });
      const r = await runNode([path.join(dir, 'run.mjs'), '--input', input, '--out', path.join(t.dir, 'out.ndjson')], { timeoutMs: 60_000 });
      expect(r.code, `${name}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toContain('REFUSING TO RUN');
      bump('runner-process');
    }
  });
});

describe('bundle trust: sandbox escapes never get into or out of a bundle', () => {
  // Payloads whose names cannot be fields of the example's source (it has a `location` field, so a
  // bare `location` is legitimately data there).
  // All are lines of reliability/corpora/expression-escapes.txt.
  const payloads = [
    "data.constructor.constructor('return process')()",
    "require('fs').writeFileSync('@CANARY@', 'pwned')",
    "process.mainModule.require('child_process').execSync('touch @CANARY@')",
    "\\u0065val('globalThis.__pwned = 1')",
    "import('node:child_process')",
    "regexTest(name, '(a+)+$')",
    '(function () { return this })().process',
  ].map((p) => p.replaceAll('@CANARY@', CANARY));

  it(`buildBundle refuses a mapping holding any of ${payloads.length} escape attempts`, async () => {
    const project = path.join(t.dir, 'evil-project');
    fs.cpSync(EXAMPLE, project, { recursive: true });
    const mappingFile = path.join(project, 'mapping.json');
    const original = fs.readFileSync(mappingFile, 'utf8');
    for (const p of payloads) {
      const doc = JSON.parse(original) as { filters: { when: { code: string } }[] };
      doc.filters[1].when.code = p;
      fs.writeFileSync(mappingFile, JSON.stringify(doc, null, 2));
      const r = await buildBundle(project, { createdAt: '2026-01-01T00:00:00Z' });
      expect(r.bundle, p).toBeUndefined();
      expect(r.diagnostics.some((d) => d.severity === 'error' && /^MW[345]\d{3}$/.test(d.code)), p).toBe(true);
      bump('bundle-refused');
    }
    const cli = await mapwright(['bundle', project, '--out', path.join(t.dir, 'evil.mwb')], { timeoutMs: 120_000 });
    expect(cli.code).toBe(1);
    expect(fs.existsSync(path.join(t.dir, 'evil.mwb'))).toBe(false);
    bump('bundle-cli-refused');
    expect(fs.existsSync(CANARY)).toBe(false);
  });

  it('a transform hand-edited to hold a payload is refused by the runner before it runs', async () => {
    const f = clone(signedV1);
    const payload = `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(CANARY)}, 'pwned'); globalThis.__pwned = 1;\n`;
    f['transform.mjs'] = enc.encode(payload + new TextDecoder().decode(f['transform.mjs']));
    const dir = path.join(t.dir, 'evil-transform');
    await writeBundle(f, dir, { folder: true });
    for (const args of [['--input', path.join(EXAMPLE, 'samples/offences.ndjson')], ['--self-test'], ['--verify']]) {
      const r = await runNode([path.join(dir, 'run.mjs'), ...args], { timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(3);
      expect(fs.existsSync(CANARY)).toBe(false);
      bump('evil-transform-refused');
    }
    const v = await verifyFiles(f, { selfTest: true });
    expect(v.ok).toBe(false);
    expect(fs.existsSync(CANARY)).toBe(false);
  });
});
