#!/usr/bin/env node
// `npm run bench [-- PART… ] [--quick] [--records N] [--iterations N] [--jsonata-records N] [--size-mb N] [--formats csv,ndjson] [--no-infer] [--profile]`
// Runs the benchmarks in bench/parts/ (each in its own Node process, so one part's heap and JIT
// state cannot colour another's), prints a table, writes bench/results/latest.json and appends one
// line per run to bench/results/history.jsonl (BENCHMARKS.md shows how the figures changed).
// Parts: throughput, scale, editing, canvas. Running a subset updates only those parts' figures in
// latest.json; the others are kept with the date they were measured.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench/results');
const PARTS = ['throughput', 'editing', 'canvas', 'scale'];
const KEYS = {
  throughput_ratio_vs_handwritten: 'throughput',
  throughput_ratio_vs_jsonata: 'throughput',
  peak_rss_mb_1gb: 'scale',
  check_compile_ms_1000_rules: 'editing',
  preview_p95_ms_1000_records: 'editing',
  canvas_first_render_ms: 'canvas',
  canvas_pan_frame_ms_p95: 'canvas',
};

const args = process.argv.slice(2);
// Flags that take a value: their value is never a part name (`--formats csv`).
const VALUE_FLAGS = new Set(['--records', '--iterations', '--jsonata-records', '--size-mb', '--formats']);
const isValue = (i) => i > 0 && VALUE_FLAGS.has(args[i - 1]);
const selected = args.filter((a, i) => !isValue(i) && PARTS.includes(a));
const unknown = args.filter((a, i) => !isValue(i) && !a.startsWith('--') && !PARTS.includes(a));
if (unknown.length) {
  process.stderr.write(`bench: unknown part(s) ${unknown.join(', ')}; parts are ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const parts = selected.length ? selected : PARTS;
const passThrough = args.filter((a, i) => isValue(i) || !PARTS.includes(a));
const quick = args.includes('--quick');

function runPart(part) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/parts', `${part}.ts`), ...passThrough], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s) => (out += s));
    child.on('exit', (code) => {
      const line = out.split('\n').reverse().find((l) => l.startsWith('BENCH-RESULT '));
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      if (code !== 0 || !line) resolve({ error: `exited with ${code}${line ? '' : ', no result'}`, seconds, output: out.slice(-2000) });
      else resolve({ ...JSON.parse(line.slice('BENCH-RESULT '.length)), seconds });
    });
  });
}

mkdirSync(RESULTS, { recursive: true });
const latestFile = join(RESULTS, 'latest.json');
const date = new Date().toISOString();
const machine = { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, mem_gb: Math.round(os.totalmem() / 2 ** 30), loadavg_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100), platform: `${os.platform()} ${os.release()}`, node: process.version };

const ran = {};
for (const part of parts) {
  process.stderr.write(`bench: ${part}${quick ? ' (quick)' : ''}…\n`);
  ran[part] = { ...(await runPart(part)), date, quick };
}
// Read only now: another bench run (a long scale run, say) may have written its parts meanwhile.
const previous = existsSync(latestFile) ? JSON.parse(readFileSync(latestFile, 'utf8')) : {};
const results = { ...(previous.parts ?? {}), ...ran };

const latest = { date, machine, args: passThrough };
const notes = [];
for (const [key, part] of Object.entries(KEYS)) {
  const r = results[part];
  const v = r && !r.error ? r[key] : undefined;
  latest[key] = typeof v === 'number' ? v : null;
  if (!r) notes.push(`${key}: part "${part}" has not been run`);
  else if (r.error) notes.push(`${key}: part "${part}" failed (${r.error})`);
  else if (typeof v !== 'number') notes.push(`${key}: not measured — ${(r.notes ?? []).join('; ') || 'no figure'}`);
  else if (r.date !== date) notes.push(`${key}: from the ${part} run of ${r.date}`);
  if (r?.quick && typeof v === 'number') notes.push(`${key}: from a --quick run (smaller sizes)`);
}
for (const part of parts) for (const n of results[part]?.notes ?? []) notes.push(`${part}: ${n}`);
latest.notes = notes;
latest.parts = results;
writeFileSync(latestFile, `${JSON.stringify(latest, null, 2)}\n`);
appendFileSync(join(RESULTS, 'history.jsonl'), `${JSON.stringify({ date, parts, quick, machine: { cpus: machine.cpus, loadavg_at_start: machine.loadavg_at_start, node: machine.node }, ...Object.fromEntries(Object.keys(KEYS).map((k) => [k, latest[k]])) })}\n`);

const targets = {
  throughput_ratio_vs_handwritten: '≥ 0.8',
  throughput_ratio_vs_jsonata: '≥ 20',
  peak_rss_mb_1gb: '< 200',
  check_compile_ms_1000_rules: '< 100',
  preview_p95_ms_1000_records: '< 50',
  canvas_first_render_ms: '',
  canvas_pan_frame_ms_p95: '',
};
const rows = Object.keys(KEYS).map((k) => [k, latest[k] === null ? 'n/a' : String(latest[k]), targets[k]]);
const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'target'][i].length));
const fmt = (r) => r.map((c, i) => c.padEnd(w[i])).join('  ');
process.stdout.write(`${fmt(['figure', 'value', 'target'])}\n${w.map((n) => '-'.repeat(n)).join('  ')}\n${rows.map(fmt).join('\n')}\n`);
if (notes.length) process.stdout.write(`\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}\n`);
process.stdout.write(`\nwrote ${latestFile}\n`);
