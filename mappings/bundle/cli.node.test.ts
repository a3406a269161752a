/** The diff and keygen commands, run in-process on temporary copies (outside the repository). */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as diff } from '../cli/commands/diff';
import { command as keygen } from '../cli/commands/keygen';
import type { MappingDocument, ValueNode } from '../document/types';
import { keyIdOf, signManifest } from './signatures.node.js';

const example = fileURLToPath(new URL('../examples/acme-rms', import.meta.url));
let work: string;

async function capture(f: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const saved = { out: process.stdout.write, err: process.stderr.write };
  let out = '';
  let err = '';
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: await f(), out, err };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mapwright-cli-test-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('mapwright diff', () => {
  it('reports the three changes between two versions of the example project, as text and JSON', async () => {
    await cp(example, join(work, 'v2'), { recursive: true });
    const file = join(work, 'v2', 'mapping.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as MappingDocument;
    const event = doc.entities.find((e) => e.id === 'r-event')!;
    const summary = event.fields.find((f) => f.target === 'summary')!;
    (summary.value as Extract<ValueNode, { kind: 'call' }>).args[0] = { id: 'n-desc2', kind: 'field', path: 'offence.local_description' };
    doc.valueMaps.find((m) => m.id === 'vm-sex')!.entries.find((e) => e.from === 'X')!.to = 'U';
    doc.links.push({ id: 'r-link-extra', role: { id: 'n-r', kind: 'const', value: 'OCCURRED_AT' }, from: 'r-event', to: 'r-location', fields: [] });
    doc.layout.nodes = {};
    await writeFile(file, JSON.stringify(doc, null, 2));
    const text = await capture(() => diff.run([example, join(work, 'v2')]));
    expect(text.code).toBe(1);
    expect(text.out.trim().split('\n').slice(1)).toEqual([
      "~ value map vm-sex entry 'X' changed from I to U (used by Person.sex)",
      '~ Event.summary: source field changed from offence.description to offence.local_description (at trim argument 1)',
      '+ rule r-link-extra added: links Event (r-event) to Location (r-location)',
    ]);
    const json = await capture(() => diff.run([example, join(work, 'v2'), '--json']));
    expect((JSON.parse(json.out) as { changes: unknown[] }).changes).toHaveLength(3);
    expect((await capture(() => diff.run([example, example]))).code).toBe(0);
    expect((await capture(() => diff.run([example, join(work, 'missing')]))).code).toBe(2);
  }, 60_000);
});

describe('mapwright keygen', () => {
  it('writes an encrypted private key that signs only with its passphrase, and never overwrites', async () => {
    process.env.MW_TEST_PASSPHRASE = 'correct horse';
    const r = await capture(() => keygen.run(['--out', join(work, 'keys'), '--passphrase-env', 'MW_TEST_PASSPHRASE']));
    expect(r.code).toBe(0);
    const priv = await readFile(join(work, 'keys', 'mapwright-signing.key'), 'utf8');
    const pub = await readFile(join(work, 'keys', 'mapwright-signing.pub'), 'utf8');
    expect(priv).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect((await stat(join(work, 'keys', 'mapwright-signing.key'))).mode & 0o777).toBe(0o600);
    expect(r.out.trim()).toBe(keyIdOf(pub));
    const bytes = new TextEncoder().encode('{}');
    expect(() => signManifest(bytes, priv, 'author', 'now', 'wrong')).toThrow();
    expect(signManifest(bytes, priv, 'author', 'now', 'correct horse').keyId).toBe(keyIdOf(pub));
    expect((await capture(() => keygen.run(['--out', join(work, 'keys')]))).code).toBe(2);
  });
});
