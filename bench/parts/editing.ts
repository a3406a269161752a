/**
 * Editing latency: check + compile time of synthetic mappings of 100, 1,000 and 5,000 rules, and the
 * preview after an edit on a 1,000-record sample — `startPreview`, the function the app's preview
 * worker executes for a staged `preview.run` (check, compile, read the sample, run and validate the
 * focused record and the first page), then the rest of the sample (`rest()`), called in-process so
 * the figures exclude IPC/HTTP transport. `preview_p95_ms_1000_records` is the first stage; the
 * whole-sample completion is reported beside it.
 */
import { runPreview, startPreview } from '../../electron/main/services/domain';
import { checkMapping } from '../../mappings/checker/index';
import { compileMapping } from '../../mappings/compiler/index';
import type { MappingDocument } from '../../mappings/document/index';
import { getModel } from '../../mappings/model/index';
import { loadAcme } from '../lib/acme';
import { generate } from '../lib/data';
import { syntheticMapping } from '../lib/synthetic';
import { emit, median, now, percentile, quick, round } from '../lib/util';

const model = getModel('pole', '1.0.0');
const notes: string[] = [];

function checkCompile(doc: MappingDocument): number {
  const start = now();
  const errors = checkMapping(doc, { model }).filter((d) => d.severity === 'error');
  const { code } = compileMapping(doc, model);
  const ms = now() - start;
  if (errors.length || !code) throw new Error(`synthetic mapping does not check/compile: ${JSON.stringify(errors.slice(0, 3))}`);
  return ms;
}

const sizes = quick ? [100, 1000] : [100, 1000, 5000];
const checkCompileMs: Record<string, { median_ms: number; runs_ms: number[] }> = {};
for (const n of sizes) {
  const doc = syntheticMapping(n);
  checkCompile(doc); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < (n >= 5000 ? 3 : quick ? 3 : 7); i++) runs.push(checkCompile(doc));
  checkCompileMs[n] = { median_ms: round(median(runs), 1), runs_ms: runs.map((r) => round(r, 1)) };
  process.stderr.write(`editing: check+compile ${n} rules: ${round(median(runs), 1)} ms\n`);
}

// Preview after an edit: each edit changes the separator of the vehicle-notes join, so every
// preview recompiles a different document, as in the editor.
const PREVIEW_RECORDS = 1000;
const EDITS = quick ? 10 : 50;
const { doc } = loadAcme();
const data = generate(PREVIEW_RECORDS);
const sample = { name: 'offences.ndjson', format: 'ndjson' as const, content: `${data.ndjson.join('\n')}\n` };
const joined = { 's-vehicles': { name: 'vehicles.csv', format: 'csv' as const, content: data.vehiclesCsv } };
const edited = (i: number): MappingDocument => {
  const d = structuredClone(doc);
  const rule = d.entities[0].fields.find((f) => f.id === 'r-event-notes')!;
  (rule.value as { separator?: string }).separator = `; (${i}) `;
  return d;
};
const noop = () => {};
await runPreview({ document: edited(-1), sample, limit: PREVIEW_RECORDS, joined }, noop); // warm-up
// The app's preview is staged (preview.run with pageSize): the first stage (the focused record and
// the first page) is what the user waits for after an edit; the rest of the sample streams after it.
const PAGE = 10;
const FOCUS = 500;
const firstMs: number[] = [];
const fullMs: number[] = [];
let read = 0;
let firstRecords = 0;
for (let i = 0; i < EDITS; i++) {
  const start = now();
  const staged = await startPreview({ document: edited(i), sample, limit: PREVIEW_RECORDS, joined }, { pageSize: PAGE, focus: FOCUS, runId: `bench-${i}` });
  firstMs.push(now() - start);
  firstRecords = staged.first.records.length;
  const summary = await staged.rest();
  fullMs.push(now() - start);
  read = summary?.read ?? 0;
}
if (read !== PREVIEW_RECORDS) notes.push(`preview read ${read} records, not ${PREVIEW_RECORDS}`);
if (firstRecords !== PAGE + 1) notes.push(`first stage had ${firstRecords} records, not ${PAGE + 1}`);
process.stderr.write(`editing: preview first stage p95 over ${EDITS} edits: ${round(percentile(firstMs, 95), 1)} ms; whole sample p95 ${round(percentile(fullMs, 95), 1)} ms\n`);

emit({
  check_compile_ms: checkCompileMs,
  check_compile_ms_1000_rules: checkCompileMs[1000].median_ms,
  preview: {
    records: PREVIEW_RECORDS,
    edits: EDITS,
    first_stage: { page_size: PAGE, focus: FOCUS, p50_ms: round(percentile(firstMs, 50), 1), p95_ms: round(percentile(firstMs, 95), 1), max_ms: round(Math.max(...firstMs), 1) },
    whole_sample: { p50_ms: round(percentile(fullMs, 50), 1), p95_ms: round(percentile(fullMs, 95), 1), max_ms: round(Math.max(...fullMs), 1) },
    path: 'electron/main/services/domain.ts startPreview (in-process): first stage, then rest()',
  },
  preview_p95_ms_1000_records: round(percentile(firstMs, 95), 1),
  preview_full_p50_ms_1000_records: round(percentile(fullMs, 50), 1),
  preview_full_p95_ms_1000_records: round(percentile(fullMs, 95), 1),
  notes,
});
