/**
 * Reliability: every record reader fed mutated and generated hostile input. Properties: no throw
 * (only located diagnostics / error records), no hang (time limit per case), record numbers and
 * lines strictly increasing, streaming in random byte chunks gives exactly what whole-text reading
 * gives, external entities never read (/etc/passwd never appears), entity expansion bounded.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecords, readRecords, type RecordFormat, type SourceRecord } from './index';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { chunked, mutate, mutationArb } from '../../reliability/mutate';
import { report, ROOT, runs, SEED, withinTime } from '../../reliability/support';

const INPUTS = path.join(ROOT, 'reliability', 'corpora', 'inputs');
const bytesOf = (name: string) => new Uint8Array(fs.readFileSync(path.join(INPUTS, name)));
const PASSWD = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0] : 'root:x:0:0';

const SEEDS: { file: string; format: RecordFormat; recordPath?: string }[] = [
  { file: 'people.csv', format: 'csv' },
  { file: 'people.tsv', format: 'tsv' },
  { file: 'people.ndjson', format: 'ndjson' },
  { file: 'people.json', format: 'json' },
  { file: 'offences.xml', format: 'xml', recordPath: '/Export/Offence' },
];
const counts: Record<string, number> = {};
afterAll(() => report('readers fuzz', counts));
const bump = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);

function checkDiagnostic(d: Diagnostic, file: string) {
  expect(d.code).toMatch(/^MW1\d{3}$/);
  expect(d.message.length).toBeGreaterThan(5);
  expect(d.location.file).toBe(file);
}

/** Iterative search of a value's strings (values may nest deeper than JSON.stringify can go). */
function containsText(value: unknown, needle: string): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string' && v.includes(needle)) return true;
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) stack.push(k, c);
  }
  return false;
}

/** The reader contract for any input: ordered, numbered, located, nothing thrown. */
function checkRecords(recs: SourceRecord[], file: string) {
  let prevRecord = 0;
  let prevLine = 0;
  for (const r of recs) {
    expect(r.record).toBeGreaterThan(prevRecord);
    expect(r.line).toBeGreaterThanOrEqual(Math.max(1, prevLine));
    prevRecord = r.record;
    prevLine = r.line;
    if ('error' in r) {
      checkDiagnostic(r.error, file);
      expect(r.error.location.line ?? r.line).toBeGreaterThanOrEqual(1);
    } else {
      expect(containsText(r.value, PASSWD)).toBe(false);
    }
  }
}

async function readStreaming(bytes: Uint8Array, cuts: number[], opts: { format: RecordFormat; file: string; recordPath?: string }) {
  const out: SourceRecord[] = [];
  const diags: Diagnostic[] = [];
  for await (const r of readRecords(chunked(bytes, cuts), { ...opts, onDiagnostic: (d) => diags.push(d) })) out.push(r);
  return { out, diags };
}

describe('readers: mutated fixtures', () => {
  for (const seed of SEEDS) {
    const n = runs(150);
    it(`${seed.format}: ${n} mutated copies of ${seed.file} read without a crash or hang, streaming = whole text`, async () => {
      const valid = bytesOf(seed.file);
      await fc.assert(
        fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), async (ms, cuts) => {
          bump(seed.format);
          const bytes = mutate(valid, ms);
          const opts = { format: seed.format, file: seed.file, ...(seed.recordPath ? { recordPath: seed.recordPath } : {}) };
          const { out, diags } = await withinTime(5_000, seed.file, () => readStreaming(bytes, cuts, opts));
          checkRecords(out, seed.file);
          for (const d of diags) checkDiagnostic(d, seed.file);
          // Whole-text reading (previews) must agree with streaming (runs) on the same text.
          const text = new TextDecoder('utf-8').decode(bytes);
          const whole = parseRecords(text, opts);
          expect(whole.map((r) => [r.record, r.line, 'error' in r ? r.error.code : r.value])).toEqual(
            out.map((r) => [r.record, r.line, 'error' in r ? r.error.code : r.value]),
          );
        }),
        { numRuns: n, seed: SEED },
      );
    });
  }
});

describe('readers: generated text', () => {
  const n = runs(150);
  const alphabet = fc.constantFrom('a', '1', ',', ';', '\t', '"', '\n', '\r\n', '{', '}', '[', ']', ':', ' ', '<', '>', '/', '&', '=', 'é', '\u0000', '\\');
  const text = fc.array(alphabet, { maxLength: 300 }).map((a) => a.join(''));
  for (const format of ['csv', 'tsv', 'ndjson', 'json', 'xml'] as const) {
    it(`${format}: ${n} generated texts give records or located errors`, () => {
      fc.assert(
        fc.property(text, (t) => {
          bump(`${format}-generated`);
          const file = `gen.${format}`;
          let recs: SourceRecord[];
          try {
            recs = parseRecords(t, { format, file });
          } catch (e) {
            throw new Error(`${format} reader threw on ${JSON.stringify(t)}: ${(e as Error).message}`);
          }
          checkRecords(recs, file);
        }),
        { numRuns: n, seed: SEED },
      );
    });
  }
});

describe('readers: hostile XML and JSON', () => {
  const cases: [string, RecordFormat, string][] = [
    ['billion laughs', 'xml', fs.readFileSync(path.join(ROOT, 'mappings/schema/__fixtures__/billion-laughs.xml'), 'utf8')],
    ['XXE (general entity)', 'xml', fs.readFileSync(path.join(ROOT, 'mappings/schema/__fixtures__/xxe.xml'), 'utf8')],
    ['XXE (parameter entity)', 'xml', fs.readFileSync(path.join(INPUTS, 'xxe-param.xml'), 'utf8')],
    ['external DTD', 'xml', fs.readFileSync(path.join(INPUTS, 'xxe-system.xml'), 'utf8')],
    ['quadratic blow-up', 'xml', fs.readFileSync(path.join(INPUTS, 'quadratic-blowup.xml'), 'utf8').replace(/(&a;)+/, '&a;'.repeat(50_000))],
    ['deep XML', 'xml', `<r>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</r>`],
    ['deep JSON', 'json', `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`],
    ['deep NDJSON', 'ndjson', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}\n`],
    ['huge CSV field', 'csv', `a,b\n"${'x'.repeat(5_000_000)}",1\n`],
    ['unterminated quote', 'csv', `a,b\n"${'x,\n'.repeat(100_000)}`],
    ['many columns', 'csv', `${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(19_999)}1\n`],
  ];
  it.each(cases)('%s: no crash, bounded memory, no file read', async (_name, format, text) => {
    bump('hostile');
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const recs: SourceRecord[] = [];
    await withinTime(20_000, _name, async () => {
      for await (const r of readRecords([text], { format, file: `hostile.${format}` })) {
        recs.push(r);
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    });
    checkRecords(recs, `hostile.${format}`);
    const values = recs.map((r) => ('value' in r ? r.value : r.error.message));
    expect(containsText(values, PASSWD)).toBe(false);
    expect(containsText(values, 'lol'.repeat(30))).toBe(false);
    // Entity expansion or a deep tree must not balloon: allow a few times the input, not gigabytes.
    expect(peak - before).toBeLessThan(400 * 1024 * 1024);
  });
});
