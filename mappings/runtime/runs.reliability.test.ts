/**
 * Reliability: runs lose nothing. The built-in example is bundled and its runner (`node run.mjs`,
 * plain Node, as a force runs it) is fed NDJSON with bad records scattered through it: every record
 * read is written or rejected, each reject carries its reason, record number and line, and a run
 * killed part-way and restarted on the same input gives byte-identical output to an uninterrupted run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, writeBundle } from '../bundle/writer.node';
import { report, ROOT, runNode, runs, SEED, tempDir } from '../../reliability/support';

const EXAMPLE = path.join(ROOT, 'mappings/examples/acme-rms');
const t = tempDir('mapwright-runs-');
const BUNDLE = path.join(t.dir, 'bundle');
const VEHICLES = path.join(EXAMPLE, 'samples/vehicles.csv');
afterAll(() => t.cleanup(), 60_000);
const counts: Record<string, number> = {};
afterAll(() => report('runs', counts));
const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);

const GOOD = fs.readFileSync(path.join(EXAMPLE, 'samples/offences.ndjson'), 'utf8').split('\n').filter((l) => l.trim());
const BAD = ['{not json', '[1, 2', '"just a string"', '{"crime_ref": 5, "persons": "nope"}', '{}', 'null', '{"crime_ref":"AC/1","offence":{"code":[]}}', `${'{"a":'.repeat(50)}1${'}'.repeat(50)}`, '\u0000\u0001', '{"crime_ref":"x" "y"}'];

beforeAll(async () => {
  const b = await buildBundle(EXAMPLE, { createdAt: '2026-01-01T00:00:00Z' });
  expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  await writeBundle(b.bundle!.files, BUNDLE, { folder: true });
}, 240_000);

interface Reject {
  record: number;
  line: number;
  code: string;
  message: string;
}

async function run(input: string, out: string) {
  const r = await runNode([path.join(BUNDLE, 'run.mjs'), '--input', input, '--source', `s-vehicles=${VEHICLES}`, '--out', out, '--rejects', `${out}.rejects.ndjson`], { timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  const written = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
  const rejects = fs.readFileSync(`${out}.rejects.ndjson`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Reject);
  // The summary is the last line of standard error (progress lines come before it).
  const summary = /^read (\d+), wrote (\d+), rejected (\d+)$/.exec(r.stderr.trimEnd().split('\n').at(-1) ?? '');
  expect(summary, r.stderr).not.toBeNull();
  return { written, rejects, read: Number(summary![1]), wrote: Number(summary![2]), rejected: Number(summary![3]) };
}

describe('runs: every record is written or rejected with its position', () => {
  const n = runs(4);
  it(`${n} generated inputs with bad records scattered through good ones`, async () => {
    const cases = fc.sample(
      fc.array(fc.oneof({ weight: 4, arbitrary: fc.nat({ max: GOOD.length - 1 }).map((i) => GOOD[i]) }, fc.constantFrom(...BAD), fc.constant('')), { minLength: 20, maxLength: 400 }),
      { numRuns: n, seed: SEED },
    );
    for (const [i, lines] of cases.entries()) {
      const input = path.join(t.dir, `in-${i}.ndjson`);
      fs.writeFileSync(input, `${lines.join('\n')}\n`);
      const r = await run(input, path.join(t.dir, `out-${i}.ndjson`));
      const records = lines.map((l, k) => ({ line: k + 1, text: l })).filter((x) => x.text.trim() !== '');
      expect(r.read).toBe(records.length);
      expect(r.wrote + r.rejected).toBe(r.read);
      expect(r.rejects).toHaveLength(r.rejected);
      // A record can make several documents, so written lines ≥ written records.
      expect(r.written.length).toBeGreaterThanOrEqual(r.wrote);
      const seen = new Set<number>();
      for (const rej of r.rejects) {
        expect(rej.code).toMatch(/^MW\d{4}$/);
        expect(rej.message.length).toBeGreaterThan(5);
        expect(rej.record).toBeGreaterThanOrEqual(1);
        expect(rej.record).toBeLessThanOrEqual(records.length);
        expect(seen.has(rej.record), `record ${rej.record} rejected twice`).toBe(false);
        seen.add(rej.record);
        // The reject's line is the record's line in the input file.
        expect(rej.line).toBe(records[rej.record - 1].line);
      }
      // Every unparseable line is among the rejects, at its own line.
      for (const [k, rec] of records.entries()) {
        let parses = true;
        try {
          JSON.parse(rec.text);
        } catch {
          parses = false;
        }
        if (!parses) expect(seen.has(k + 1), `bad line ${rec.line} (${rec.text.slice(0, 30)}) was not rejected`).toBe(true);
      }
      bump('inputs');
      bump('records', r.read);
      bump('rejected', r.rejected);
    }
  });
});

describe('runs: an interrupted run restarted gives identical output', () => {
  const kills = runs(2);
  it(`${kills} runs killed part-way and restarted match an uninterrupted run byte for byte`, async () => {
    const lines: string[] = [];
    for (let i = 0; lines.length < 1_500; i++) lines.push(i % 97 === 13 ? BAD[i % BAD.length] : GOOD[i % GOOD.length]);
    const input = path.join(t.dir, 'big.ndjson');
    fs.writeFileSync(input, `${lines.join('\n')}\n`);
    const clean = await run(input, path.join(t.dir, 'clean.ndjson'));
    const cleanOut = fs.readFileSync(path.join(t.dir, 'clean.ndjson'));
    const cleanRejects = fs.readFileSync(path.join(t.dir, 'clean.ndjson.rejects.ndjson'));
    expect(clean.read).toBe(lines.length);
    for (let k = 0; k < kills; k++) {
      const out = path.join(t.dir, `interrupted-${k}.ndjson`);
      await new Promise<void>((resolve) => {
        const p = spawn(process.execPath, [path.join(BUNDLE, 'run.mjs'), '--input', input, '--source', `s-vehicles=${VEHICLES}`, '--out', out, '--rejects', `${out}.rejects.ndjson`], { stdio: 'ignore' });
        setTimeout(() => p.kill('SIGKILL'), 200 + Math.floor(Math.random() * 1_500));
        p.on('exit', () => resolve());
      });
      const again = await run(input, out);
      expect(again.read).toBe(clean.read);
      expect(fs.readFileSync(out).equals(cleanOut)).toBe(true);
      expect(fs.readFileSync(`${out}.rejects.ndjson`).equals(cleanRejects)).toBe(true);
      bump('restarts');
    }
  });
});
