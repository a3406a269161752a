/**
 * Throughput: the compiled transform of the example mapping vs a hand-written TypeScript transform
 * and a JSONata expression computing the same documents, over ≥100,000 generated records, with and
 * without target-model validation. Outputs are checked equal on a sample before anything is timed;
 * a baseline that disagrees gets no ratio.
 */
import { isDeepStrictEqual } from 'node:util';
import { buildJoinIndex } from '../../mappings/runtime/index';
import { parseRecords } from '../../mappings/io/index';
import { createValidator } from '../../mappings/model/index';
import { generate } from '../lib/data';
import { loadAcme } from '../lib/acme';
import { emit, median, now, quick, round } from '../lib/util';
import { transformAcme } from '../handwritten/acme-rms';
import { createJsonataTransform } from '../jsonata/acme-rms';

type Result = { ok: true; output: Record<string, unknown> } | { ok: false; reject: { code: string } };
type Ctx = { file?: string; record?: number; line?: number; joins?: ReturnType<typeof buildJoinIndex> };
type Fn = (rec: unknown, ctx: Ctx) => Result | Promise<Result>;

const flag = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = flag('--records', quick ? 10_000 : 100_000);
const ITER = flag('--iterations', quick ? 3 : 5);
const JSONATA_N = Math.min(N, flag('--jsonata-records', quick ? 1_000 : 5_000));
const SAMPLE = quick ? 1_000 : 3_000;

const t0 = now();
const { doc, model, compiled } = loadAcme();
const data = generate(N);
const vehicleRows = parseRecords(data.vehiclesCsv, { format: 'csv' }).flatMap((r) => ('value' in r ? [r.value] : []));
const joins = buildJoinIndex(doc, { 's-vehicles': vehicleRows });
const records: { value: unknown; line: number }[] = [];
let unreadable = 0;
data.ndjson.forEach((l, i) => {
  try {
    records.push({ value: JSON.parse(l), line: i + 1 });
  } catch {
    unreadable++; // the cut-short lines: reader rejects, not transform work
  }
});
const validate = createValidator(model);
process.stderr.write(`throughput: ${records.length} records (+${unreadable} unreadable lines) ready in ${round(now() - t0, 0)} ms\n`);

const ctxOf = (i: number): Ctx => ({ file: 'offences.ndjson', record: records[i].line, line: records[i].line, joins });

/**
 * Outputs are compared as they are written (JSON text), in any key order: JSONata builds some
 * objects with a prototype other than Object.prototype, which is invisible once serialised.
 */
const asWritten = (o: unknown) => JSON.parse(JSON.stringify(o)) as unknown;

async function compare(name: string, fn: Fn, count: number): Promise<{ equal: boolean; checked: number; mismatch?: unknown }> {
  let checked = 0;
  for (let i = 0; i < count && i < records.length; i++) {
    const a = compiled.transform(records[i].value, ctxOf(i)) as Result;
    const b = await fn(records[i].value, ctxOf(i));
    checked++;
    const same = a.ok && b.ok ? isDeepStrictEqual(asWritten(a.output), asWritten(b.output)) : !a.ok && !b.ok && a.reject.code === b.reject.code;
    if (!same) {
      process.stderr.write(`throughput: ${name} differs from the compiled transform at record ${records[i].line}\n`);
      return { equal: false, checked, mismatch: { record: records[i].line, compiled: a, [name]: b } };
    }
  }
  return { equal: true, checked };
}

/** One timed pass: transform (and validate) every record, counting written and rejected. */
/**
 * Timed by CPU time of this process as well as wall time: the bench machine is shared, and CPU time
 * is what is left when another process's work is taken out. Ratios use CPU time (see BENCHMARKS.md).
 */
function pass(fn: Fn, withValidation: boolean, count: number): { ms: number; cpuMs: number; written: number } {
  let written = 0;
  const cpu = process.cpuUsage();
  const start = now();
  for (let i = 0; i < count; i++) {
    const r = fn(records[i].value, ctxOf(i)) as Result;
    if (r.ok && (!withValidation || validate(r.output).valid)) written++;
  }
  const ms = now() - start;
  const c = process.cpuUsage(cpu);
  return { ms, cpuMs: (c.user + c.system) / 1000, written };
}

/** The same pass for JSONata, whose evaluate() is asynchronous (awaiting is part of its cost). */
async function passAsync(fn: Fn, withValidation: boolean, count: number): Promise<{ ms: number; cpuMs: number; written: number }> {
  let written = 0;
  const cpu = process.cpuUsage();
  const start = now();
  for (let i = 0; i < count; i++) {
    const r = await fn(records[i].value, ctxOf(i));
    if (r.ok && (!withValidation || validate(r.output).valid)) written++;
  }
  const ms = now() - start;
  const c = process.cpuUsage(cpu);
  return { ms, cpuMs: (c.user + c.system) / 1000, written };
}

interface Rate {
  records_per_s: number;
  records_per_cpu_s: number;
}

async function measure(name: string, fn: Fn, count: number, async = false) {
  const run = (v: boolean, n: number) => (async ? passAsync(fn, v, n) : pass(fn, v, n));
  const out: Record<string, unknown> = { records: count };
  for (const v of [true, false]) {
    await run(v, Math.min(count, quick ? 1_000 : 5_000)); // warm-up: let V8 optimise before timing
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let written = 0;
    for (let k = 0; k < ITER; k++) {
      const p = await run(v, count);
      times.push(p.ms);
      cpuTimes.push(p.cpuMs);
      written = p.written;
    }
    const ms = median(times);
    const cpuMs = median(cpuTimes);
    out[v ? 'validated' : 'unvalidated'] = {
      records_per_cpu_s: round(count / (cpuMs / 1000), 0),
      records_per_s: round(count / (ms / 1000), 0),
      median_ms: round(ms, 1),
      median_cpu_ms: round(cpuMs, 1),
      runs_ms: times.map((t) => round(t, 1)),
      written,
    };
    process.stderr.write(`throughput: ${name} ${v ? 'with' : 'without'} validation: ${round(count / (cpuMs / 1000), 0)} records/CPU-s (${round(count / (ms / 1000), 0)} records/s wall)\n`);
  }
  return out as { records: number; validated: Rate; unvalidated: Rate };
}

const notes: string[] = [];
const hand = await compare('handwritten', transformAcme as Fn, SAMPLE);
const jsonataFn = createJsonataTransform();
const jn = await compare('jsonata', jsonataFn as Fn, Math.min(SAMPLE, JSONATA_N));

const bundle = await measure('compiled', compiled.transform as Fn, records.length);
const handwritten = hand.equal ? await measure('handwritten', transformAcme as Fn, records.length) : null;
if (!hand.equal) notes.push('hand-written transform output differs from the compiled one: no ratio reported');
// JSONata is two orders of magnitude slower: it is timed on a prefix of the same records.
const jsonataM = jn.equal ? await measure('jsonata', jsonataFn as Fn, Math.min(records.length, JSONATA_N), true) : null;
if (!jn.equal) notes.push('JSONata output differs from the compiled one: no ratio reported');

const ratio = (a: number, b: number | undefined) => (b ? round(a / b, 2) : null);
emit({
  records: records.length,
  unreadable_lines: unreadable,
  equivalence: { handwritten: hand, jsonata: jn },
  compiled: bundle,
  handwritten,
  jsonata: jsonataM,
  iterations: ITER,
  throughput_ratio_vs_handwritten: ratio(bundle.validated.records_per_cpu_s, handwritten?.validated.records_per_cpu_s),
  throughput_ratio_vs_jsonata: ratio(bundle.validated.records_per_cpu_s, jsonataM?.validated.records_per_cpu_s),
  throughput_ratio_vs_handwritten_unvalidated: ratio(bundle.unvalidated.records_per_cpu_s, handwritten?.unvalidated.records_per_cpu_s),
  throughput_ratio_vs_jsonata_unvalidated: ratio(bundle.unvalidated.records_per_cpu_s, jsonataM?.unvalidated.records_per_cpu_s),
  wall_ratio_vs_handwritten: ratio(bundle.validated.records_per_s, handwritten?.validated.records_per_s),
  wall_ratio_vs_jsonata: ratio(bundle.validated.records_per_s, jsonataM?.validated.records_per_s),
  notes,
});
