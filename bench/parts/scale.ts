/**
 * Scale: streams a large NDJSON file (the offence export) and a large CSV file (the vehicle table)
 * through `mapwright run` in a child process, sampling the child's resident memory from
 * /proc/<pid>/status, and records throughput and peak RSS when 10%, 50% and 100% of the input has
 * been read (100 MB, 500 MB and 1 GB at the default size) — flat figures mean constant memory.
 * Then `mapwright infer` on the CSV. Files are generated streaming into bench/tmp/ and deleted.
 *
 * The CLI measured is the built one (out/cli/mapwright.mjs, rebuilt here first with
 * scripts/build-cli.mjs), run directly: that is what `mapwright` runs when it is current, and
 * bin/mapwright.mjs would fall back to tsx whenever any source is newer than the last build.
 *
 * Flags: --size-mb N (default 1024; --quick: 20), --formats csv,ndjson (default both), --no-infer.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, rmSync, statSync, statfsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serializeMapping } from '../../mappings/document/index';
import { ACME_DIR } from '../lib/acme';
import { block } from '../lib/data';
import { vehicleTableMapping } from '../lib/vehicle-table';
import { emit, now, quick, round } from '../lib/util';

const ROOT = join(import.meta.dirname, '../..');
const TMP = join(ROOT, 'bench/tmp/scale');
const sizeArg = process.argv.indexOf('--size-mb');
const SIZE_MB = sizeArg >= 0 ? Number(process.argv[sizeArg + 1]) : quick ? 20 : 1024;
const SIZE = SIZE_MB * 1024 * 1024;
const formatsArg = process.argv.indexOf('--formats');
const FORMATS = (formatsArg >= 0 ? process.argv[formatsArg + 1] : 'ndjson,csv').split(',');
const INFER = !process.argv.includes('--no-infer');
const notes: string[] = [];
const { buildCli } = (await import(pathToFileURL(join(ROOT, 'scripts/build-cli.mjs')).href)) as { buildCli(): Promise<{ outfile: string }> };
const CLI = (await buildCli()).outfile;

mkdirSync(TMP, { recursive: true });
const fs = statfsSync(TMP);
const freeMb = (fs.bavail * fs.bsize) / 1024 / 1024;
if (freeMb < SIZE_MB * 2.5) throw new Error(`not enough disk in ${TMP}: ${round(freeMb, 0)} MB free, need ${SIZE_MB * 2.5} MB`);

/** Writes lines from `next()` until the file reaches `bytes`, honouring backpressure. */
async function writeUntil(file: string, bytes: number, header: string, next: () => string[]): Promise<{ bytes: number; records: number }> {
  const out = createWriteStream(file);
  let written = 0;
  let records = 0;
  if (header) {
    out.write(header);
    written += Buffer.byteLength(header);
  }
  while (written < bytes) {
    const lines = next();
    let chunk = '';
    for (const l of lines) {
      chunk += l;
      records++;
      if (written + chunk.length >= bytes) break;
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes: written, records };
}

async function genNdjson(file: string) {
  let k = 0;
  return writeUntil(file, SIZE, '', () => block(k++).lines.map((l) => `${l}\n`));
}

/** Vehicle-table rows from a pool of generated blocks, each copy under fresh crime references. */
async function genCsv(file: string) {
  const pool = Array.from({ length: 40 }, (_, k) => block(k));
  let i = 0;
  return writeUntil(file, SIZE, `${pool[0].csvHeader}\r\n`, () => {
    const b = pool[i % pool.length];
    const round = Math.floor(i++ / pool.length);
    return b.csvRows.map((r) => `${r.replace(/^AC\/(\d\d)(\d+)\//, (_m, y: string, n: string) => `AC/${y}${n}R${round}/`)}\r\n`);
  });
}

interface Sample {
  t: number;
  rssMb: number;
  hwmMb: number;
  pct?: number;
}

/** Runs the CLI, sampling memory every 100 ms and the reported input percentage from stderr. */
async function measured(args: string[], label: string) {
  const start = now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const samples: Sample[] = [];
  let pct = 0;
  let lastLine = '';
  let progressLines = 0;
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    stderrTail = (stderrTail + s).slice(-4000);
    for (const line of s.split('\n')) {
      if (!line.trim()) continue;
      lastLine = line;
      const m = /\((\d+)% of input/.exec(line) ?? /(\d+)%/.exec(line);
      if (m) {
        pct = Number(m[1]);
        progressLines++;
      }
    }
  });
  const timer = setInterval(() => {
    try {
      const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024;
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024;
      samples.push({ t: now() - start, rssMb: rss, hwmMb: hwm, pct });
    } catch {
      /* the process has exited */
    }
  }, 100);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(timer);
  const seconds = (now() - start) / 1000;
  if (code !== 0) throw new Error(`${label} exited with ${code}: ${stderrTail}`);
  const peak = Math.max(...samples.map((s) => s.hwmMb));
  const at = (p: number) => {
    const s = samples.find((x) => (x.pct ?? 0) >= p);
    return s ? { peak_rss_mb: round(s.hwmMb, 1), seconds: round(s.t / 1000, 1) } : null;
  };
  return { seconds: round(seconds, 1), peak_rss_mb: round(peak, 1), at_10pct: at(10), at_50pct: at(50), at_100pct: { peak_rss_mb: round(peak, 1), seconds: round(seconds, 1) }, summary: lastLine, progress_lines: progressLines };
}

function counts(summary: string) {
  const m = /read (\d+), wrote (\d+), rejected (\d+)/.exec(summary);
  return m ? { read: Number(m[1]), written: Number(m[2]), rejected: Number(m[3]) } : null;
}

const result: Record<string, unknown> = { size_mb: SIZE_MB, cli: 'out/cli/mapwright.mjs (built by scripts/build-cli.mjs)', formats: FORMATS };
const t0 = now();
const ndjson = join(TMP, 'offences.ndjson');
const csv = join(TMP, 'vehicles.csv');
const vtMapping = join(TMP, 'vehicle-table.mapping.json');
writeFileSync(vtMapping, serializeMapping(vehicleTableMapping()));
try {
  if (FORMATS.includes('ndjson')) {
    const g = await genNdjson(ndjson);
    process.stderr.write(`scale: generated ${SIZE_MB} MB NDJSON (${g.records} records) in ${round((now() - t0) / 1000, 0)} s\n`);
  }
  if (FORMATS.includes('csv') || INFER) {
    const g = await genCsv(csv);
    process.stderr.write(`scale: generated ${SIZE_MB} MB CSV (${g.records} rows) in ${round((now() - t0) / 1000, 0)} s\n`);
  }

  for (const [name, file, args] of [
    ['ndjson', ndjson, ['run', ACME_DIR, '--input', ndjson, '--source', `s-vehicles=${join(ACME_DIR, 'samples/vehicles.csv')}`, '--out', '/dev/null', '--rejects', '/dev/null']],
    ['csv', csv, ['run', vtMapping, '--input', csv, '--out', '/dev/null', '--rejects', '/dev/null']],
  ] as const) {
    if (!FORMATS.includes(name)) continue;
    const m = await measured([...args], `run ${name}`);
    const c = counts(m.summary);
    if (!c) notes.push(`run ${name}: no summary line (${m.summary})`);
    const mb = statSync(file).size / 1024 / 1024;
    result[`run_${name}`] = { ...m, ...c, mb_per_s: round(mb / m.seconds, 2), records_per_s: c ? round(c.read / m.seconds, 0) : null };
    process.stderr.write(`scale: run ${name}: ${round(mb / m.seconds, 2)} MB/s, peak RSS ${m.peak_rss_mb} MB\n`);
  }
  if (INFER) {
    const inf = await measured(['infer', csv], 'infer csv');
    result.infer_csv = { ...inf, mb_per_s: round(SIZE_MB / inf.seconds, 2), progress_on_stderr: inf.progress_lines > 0 };
    process.stderr.write(`scale: infer csv: peak RSS ${inf.peak_rss_mb} MB\n`);
  }
} finally {
  rmSync(TMP, { recursive: true, force: true });
}
const csvRun = result.run_csv as { peak_rss_mb: number } | undefined;
for (const f of ['ndjson', 'csv']) if (!FORMATS.includes(f)) notes.push(`${f} was not run (--formats ${FORMATS.join(',')})`);
if (!INFER) notes.push('infer was not run (--no-infer)');
if (SIZE_MB !== 1024) notes.push(`files were ${SIZE_MB} MB, not 1 GB: peak_rss_mb_1gb is not reported from this run`);
emit({ ...result, peak_rss_mb_1gb: SIZE_MB === 1024 && csvRun ? csvRun.peak_rss_mb : null, notes });
