/**
 * The one place the host calls into the pure domain (`mappings/`). Each function maps a domain
 * module's API onto the AppApi's shapes, so when a module's API moves only this file changes.
 * A module that is not part of this build yet makes its methods fail with `unavailable`, naming it.
 */
import { checkMapping as domainCheck } from '../../../mappings/checker/index';
import { runTestCase, type TestOutcome } from '../../../mappings/checker/run-tests';
import { compileMapping, createInterpreter, createWarmLoader, locateError, traceRecord, type Interpreter, type RecordTrace } from '../../../mappings/compiler/index';
import { MappingError, type Diagnostic } from '../../../mappings/diagnostics/diagnostic';
import { canonicalJson, parseMapping, serializeMapping as domainSerialize, validateMapping } from '../../../mappings/document/index';
import type { MappingDocument, TestCase } from '../../../mappings/document/types';
import { createRecordParser, parseRecords, type ReaderOptions, type SourceRecord } from '../../../mappings/io/index';
import type { FieldTree } from '../../../mappings/model/field-tree';
import { createValidator, getModel as domainGetModel, listModels as domainListModels, type TargetModel } from '../../../mappings/model/index';
import { buildJoinIndex, runMapping, type Transform } from '../../../mappings/runtime/index';
import { detectXmlRecordPath, inferSchema as domainInfer } from '../../../mappings/schema/index';
import type { ApiMethods, PreviewRecord, PreviewResult, PreviewStatus, PreviewSummary, PreviewTrace, PreviewTracedValues, TestRunResult } from '../../shared/api';
import { ApiFailure } from '../errors';

/** Runs a domain call, turning a located `MappingError` into a coded API failure. */
function located<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MappingError) throw new ApiFailure(e.diagnostic.code, e.diagnostic.message, [e.diagnostic]);
    throw e;
  }
}

/** Canonical text of a mapping document: what is stored, hashed and exported. */
export function serializeMapping(doc: MappingDocument): string {
  return domainSerialize(doc);
}

/** Canonical text of a test case file (`tests/<id>.json`), as the CLI writes them. */
export function serializeTestCase(test: TestCase): string {
  return canonicalJson(test);
}

/** Problems against the document's JSON Schema (which describes a complete, exportable mapping). */
export function documentErrors(doc: unknown): Diagnostic[] {
  return validateMapping(doc).filter((d) => d.severity === 'error');
}

/** Parses (and migrates) mapping document text from a file, with located diagnostics. */
export function parseMappingText(text: string, file: string): { document?: MappingDocument; diagnostics: Diagnostic[] } {
  return parseMapping(text, { file });
}

/** A fresh mapping for a new project, targeting the newest built-in model. */
export function newMapping(init: { id: string; namespace: string; name: string }): MappingDocument {
  const model = domainListModels()[0];
  return {
    format: 'mapwright.mapping',
    formatVersion: 1,
    id: init.id,
    name: init.name,
    version: '0.1.0',
    namespace: init.namespace,
    sourceSystem: '',
    sources: [],
    joins: [],
    target: { modelId: model?.id ?? 'pole', modelVersion: model?.version ?? '1.0.0' },
    filters: [],
    valueMaps: [],
    root: { fields: [] },
    entities: [],
    links: [],
    layout: { nodes: {}, comments: [] },
  };
}

export function inferSchema(req: ApiMethods['schemas.infer']['req']): { tree: FieldTree; diagnostics: Diagnostic[] } {
  return located(() => domainInfer({ name: req.name, format: req.format, content: req.content, file: req.name, ...(req.recordPath ? { recordPath: req.recordPath } : {}) }));
}

export function listModels(): ApiMethods['models.list']['res'] {
  return domainListModels().map((m) => ({ id: m.id, version: m.version, name: m.name, entities: m.entities }));
}

function model(id: string, version?: string): TargetModel {
  return located(() => domainGetModel(id, version));
}

export function getModel(id: string, version?: string): ApiMethods['models.get']['res'] {
  const m = model(id, version);
  return { id: m.id, version: m.version, tree: m.tree, schema: m.schema };
}

/** Checker diagnostics for a document against its pinned target model. */
export function checkMapping(doc: MappingDocument): Diagnostic[] {
  const structural = documentErrors(doc);
  if (structural.length) return structural;
  let target: TargetModel;
  try {
    target = domainGetModel(doc.target.modelId, doc.target.modelVersion);
  } catch (e) {
    if (e instanceof MappingError) return [{ ...e.diagnostic, location: { ...e.diagnostic.location, pointer: '/target' } }];
    throw e;
  }
  return domainCheck(doc, { model: target });
}

type SampleFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml';

function readerOptions(format: SampleFormat, file: string | undefined, body: string, recordPath?: string): ReaderOptions {
  return { format, ...(file ? { file } : {}), ...(format === 'xml' ? { recordPath: recordPath ?? detectXmlRecordPath(body.slice(0, 65536)) } : {}) };
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
/** Readers are fed in slices so their buffers stay small for a 64 MB sample. */
const SLICE = 1 << 20;

/** The first `limit` records of a text, parsing no further than needed. */
function* firstRecords(text: string, options: ReaderOptions, limit: number): Generator<SourceRecord> {
  const parser = createRecordParser(options);
  let n = 0;
  for (let i = 0; i < text.length; i += SLICE) {
    for (const r of parser.push(text.slice(i, i + SLICE))) {
      yield r;
      if (++n >= limit) return;
    }
  }
  for (const r of parser.end()) {
    yield r;
    if (++n >= limit) return;
  }
}

/**
 * Number of records in a sample (readable or not: a record that fails to parse still counts,
 * it is a reject), using the same readers as runs. Runs in the run worker for large samples.
 */
export function countRecords(format: SampleFormat, content: string): number {
  const body = stripBom(content);
  const parser = createRecordParser(readerOptions(format, undefined, body));
  let n = 0;
  for (let i = 0; i < body.length; i += SLICE) n += parser.push(body.slice(i, i + SLICE)).length;
  return n + parser.end().length;
}

export interface SampleText {
  name: string;
  format: SampleFormat;
  content: string;
}

export interface PreviewTask {
  document: MappingDocument;
  sample: SampleText;
  limit: number;
  /** A sample for each joined secondary source, by source id. */
  joined?: Record<string, SampleText>;
}

export interface TestsTask {
  document: MappingDocument;
  tests: TestCase[];
}

export type Progress = (p: { read: number; written: number; rejected: number }) => void;

type CompiledForRun = { ok: true; transform: Transform; validate: ReturnType<typeof createValidator>; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Check + compile results by canonical document text. The editor re-runs preview and tests on the
 * same document (switching samples, re-running tests, undo back to an earlier state), and both are
 * pure functions of the document and its pinned built-in model, so a hit skips the whole
 * check/compile/load. Small, because a worker holds at most a few documents in flight.
 */
const compiledCache = new Map<string, CompiledForRun>();
const COMPILED_CACHE_SIZE = 8;

/**
 * Cache key of a document's semantics: the layout (positions, viewport) never changes what it does.
 * Kept per document object: one request (a record on demand) asks for it for the compiled cache
 * and again for the interpreter cache, and canonical JSON of a mapping is not free (~1.5 ms).
 */
function semanticKey(doc: MappingDocument): string {
  let key = semanticKeys.get(doc);
  if (key === undefined) semanticKeys.set(doc, (key = canonicalJson({ ...doc, layout: { nodes: {}, comments: [] } })));
  return key;
}
const semanticKeys = new WeakMap<MappingDocument, string>();

/**
 * Checks and compiles a mapping the way `mapwright run`/`test` do: checker errors or compiler
 * errors mean nothing runs. Returns the transform and validator, or the blocking diagnostics.
 */
function compileForRun(doc: MappingDocument): CompiledForRun {
  const key = semanticKey(doc);
  const hit = compiledCache.get(key);
  if (hit) {
    // Refresh its place so the most recently used documents stay.
    compiledCache.delete(key);
    compiledCache.set(key, hit);
    return hit;
  }
  const result = compileUncached(doc);
  compiledCache.set(key, result);
  if (compiledCache.size > COMPILED_CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value!);
  return result;
}

function compileUncached(doc: MappingDocument): CompiledForRun {
  const model = located(() => domainGetModel(doc.target.modelId, doc.target.modelVersion));
  const checked = checkMapping(doc);
  const checkErrors = checked.filter((d) => d.severity === 'error');
  if (checkErrors.length) return { ok: false, diagnostics: checked };
  const compiled = compileMapping(doc, model);
  if (!compiled.code || compiled.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: [...checked, ...compiled.diagnostics] };
  // createValidator compiles once per model object and returns the cached validator after that.
  return { ok: true, transform: warmLoader.load(compiled.parts!).transform, validate: createValidator(model), warnings: [...checked, ...compiled.diagnostics] };
}

/**
 * Compiled rule functions kept across edits: an edit rebuilds only the rules it changed, and the
 * others keep code V8 has already optimised, so the preview's first records after an edit run warm.
 */
const warmLoader = createWarmLoader();

/**
 * Parsed sample records, reused while the sample text and reader options are unchanged: every edit
 * previews the same sample, and reading 1,000 records costs as much as a small check+compile.
 * Keyed by the content itself (a string compare, far cheaper than hashing on every call); one
 * entry per role (primary, each joined source), so switching documents keeps them.
 */
interface ParsedSample<T> {
  content: string;
  options: string;
  value: T;
}
const parsedSamples = new Map<string, ParsedSample<unknown>>();

function parsedOnce<T>(slot: string, content: string, options: ReaderOptions, extra: string, parse: () => T): T {
  const optionsKey = `${JSON.stringify(options)}|${extra}`;
  const hit = parsedSamples.get(slot);
  if (hit && hit.content === content && hit.options === optionsKey) return hit.value as T;
  const value = parse();
  parsedSamples.set(slot, { content, options: optionsKey, value });
  return value;
}

/**
 * The join index for the document's joins over the parsed secondary samples, rebuilt only when the
 * join declarations or a secondary sample change (an edit elsewhere in the document reuses it).
 */
let lastJoinIndex: { joins: string; secondary: Record<string, unknown[]>; index: ReturnType<typeof buildJoinIndex> } | undefined;
function joinIndexFor(doc: MappingDocument, secondary: Record<string, unknown[]>): ReturnType<typeof buildJoinIndex> {
  const joins = JSON.stringify(doc.joins);
  const ids = Object.keys(secondary);
  const last = lastJoinIndex;
  if (last && last.joins === joins && Object.keys(last.secondary).length === ids.length && ids.every((id) => last.secondary[id] === secondary[id])) return last.index;
  const index = buildJoinIndex(doc, secondary);
  lastJoinIndex = { joins, secondary, index };
  return index;
}

/** What a preview runs over: the compiled mapping, the parsed sample records and the join index. */
interface PreparedPreview {
  doc: MappingDocument;
  compiled: Extract<CompiledForRun, { ok: true }>;
  file: string;
  records: SourceRecord[];
  joins: ReturnType<typeof buildJoinIndex>;
}

function preparePreview(task: PreviewTask): PreparedPreview | { ok: false; diagnostics: Diagnostic[] } {
  const doc = task.document;
  const compiled = compileForRun(doc);
  if (!compiled.ok) return compiled;
  const primary = doc.sources.find((s) => s.primary);
  const secondary: Record<string, unknown[]> = {};
  for (const [sourceId, sample] of Object.entries(task.joined ?? {})) {
    const decl = doc.sources.find((s) => s.id === sourceId);
    const body = stripBom(sample.content);
    const options = readerOptions(sample.format, sample.name, body, decl?.recordPath);
    // Unreadable secondary rows cannot be joined; the run's rejects show their effect.
    secondary[sourceId] = parsedOnce(`joined:${sourceId}`, body, options, '', () => parseRecords(body, options).flatMap((r) => ('value' in r ? [r.value] : [])));
  }
  const body = stripBom(task.sample.content);
  const primaryOptions = readerOptions(task.sample.format, task.sample.name, body, primary?.recordPath);
  // Materialised once per sample; the transform only reads record values (it builds new output objects).
  const records = parsedOnce('primary', body, primaryOptions, String(task.limit), () => [...firstRecords(body, primaryOptions, task.limit)]);
  return { doc, compiled, file: task.sample.name, records, joins: joinIndexFor(doc, secondary) };
}

type PreviewCounts = { read: number; written: number; rejected: number };
/** What a preview run keeps per record. */
interface KeptPerRecord {
  /** The full result: output, reject, schema errors mapped back to the rules that wrote them. */
  records: PreviewRecord;
  /**
   * Only the status: the rest of a staged preview. Holding every output (and locating every schema
   * error) only to drop it kept ~1,000 documents per edit alive across collections, for nothing the
   * summary shows.
   */
  statuses: PreviewStatus;
}

/**
 * Runs records through the same `runMapping` as `mapwright run`, keeping per record what `keep`
 * says. For full results the validator is wrapped to remember the document it last saw, so a record
 * rejected by the target schema still shows the output that failed.
 * @example
 * const { counts, kept } = await runForPreview(p, page, 'records');
 */
async function runForPreview<K extends keyof KeptPerRecord>(
  p: PreparedPreview,
  records: SourceRecord[],
  keep: K,
  progress?: Progress,
): Promise<{ counts: PreviewCounts; kept: KeptPerRecord[K][] }> {
  const full = keep === 'records';
  const kept: (PreviewRecord | PreviewStatus)[] = [];
  let validated: unknown;
  const counts = await runMapping({
    transform: p.compiled.transform,
    records,
    file: p.file,
    joins: p.joins,
    validate: full
      ? (d) => {
          validated = d;
          return p.compiled.validate(d);
        }
      : p.compiled.validate,
    onOutput: (output, rec) => {
      kept.push(full ? { record: rec.record, status: 'written', output } : { record: rec.record, status: 'written' });
    },
    onReject: (line, rec) => {
      if (!full) {
        kept.push({ record: rec.record, status: 'rejected', code: line.code, ...(line.errors ? { errors: line.errors.length } : {}) });
        return;
      }
      const invalid = line.errors !== undefined;
      kept.push({
        record: rec.record,
        status: 'rejected',
        reject: { code: line.code, message: line.message, ...(line.ruleId ? { ruleId: line.ruleId } : {}), ...(line.field ? { field: line.field } : {}) },
        ...(invalid ? { output: validated } : {}),
        ...(line.errors ? { validation: line.errors.map((e) => ({ path: e.path, message: e.message, ...locateError(p.doc, validated, e.path) })) } : {}),
      });
    },
    ...(progress ? { onProgress: progress } : {}),
  });
  // `keep` decided which shape each entry has.
  return { counts, kept: kept as KeptPerRecord[K][] };
}

/** Runs a mapping over the first records of a sample (in the run worker), like `mapwright run`. */
export async function runPreview(task: PreviewTask, progress: Progress): Promise<PreviewResult> {
  const started = Date.now();
  const p = preparePreview(task);
  if ('ok' in p) return { read: 0, written: 0, rejected: 0, records: [], diagnostics: p.diagnostics, elapsedMs: Date.now() - started };
  const { counts, kept } = await runForPreview(p, p.records, 'records', progress);
  return { ...counts, records: kept, diagnostics: p.compiled.warnings, elapsedMs: Date.now() - started };
}

export interface StagedPreviewOptions {
  /** 1-based record the user is looking at: always in the first stage. */
  focus?: number;
  /** Records in the first stage (from the start of the sample). */
  pageSize: number;
  runId: string;
  /** Running counts of the whole run while the rest goes on. */
  progress?: Progress;
}

/** A preview whose first stage is done; the rest runs when `rest` is awaited and stops on `cancel()`. */
export interface StagedPreview {
  first: PreviewResult;
  /** Resolves with the whole sample's summary, or `null` when cancelled before the end. */
  rest(): Promise<PreviewSummary | null>;
  cancel(): void;
}

/**
 * Records run between two yields to the event loop in the rest of a staged preview. Small, because a
 * newer preview (or a record the user clicks) waits for the slice in progress: ~16 records of the
 * example are a few milliseconds.
 */
const REST_SLICE = 16;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Staged preview: the first stage (the focused record and the first `pageSize` records) is computed
 * before this resolves; the rest of the sample (counts and per-record status only, no outputs) runs
 * in slices when `rest()` is called, yielding between slices so a newer edit can cancel it.
 * @example
 * const s = await startPreview(task, { focus: 40, pageSize: 25, runId });
 * show(s.first); const summary = await s.rest(); // null if s.cancel() was called meanwhile
 */
export async function startPreview(task: PreviewTask, o: StagedPreviewOptions): Promise<StagedPreview> {
  const started = Date.now();
  const p = preparePreview(task);
  if ('ok' in p) {
    const first: PreviewResult = { read: 0, written: 0, rejected: 0, records: [], diagnostics: p.diagnostics, elapsedMs: Date.now() - started, partial: false, total: 0 };
    return { first, rest: async () => null, cancel: () => {} };
  }
  const all = p.records;
  const page = all.slice(0, o.pageSize);
  const focused = o.focus !== undefined && o.focus > o.pageSize ? all.find((r) => r.record === o.focus) : undefined;
  const stage = focused ? [...page, focused] : page;
  const done = new Set(stage);
  const head = await runForPreview(p, stage, 'records');
  const partial = stage.length < all.length;
  const first: PreviewResult = {
    ...head.counts,
    records: head.kept,
    diagnostics: p.compiled.warnings,
    elapsedMs: Date.now() - started,
    partial,
    total: all.length,
    ...(partial ? { runId: o.runId } : {}),
  };
  let cancelled = false;
  const statusOf = (r: PreviewRecord): PreviewStatus => ({
    record: r.record,
    status: r.status,
    ...(r.reject ? { code: r.reject.code } : {}),
    ...(r.validation ? { errors: r.validation.length } : {}),
  });
  const rest = async (): Promise<PreviewSummary | null> => {
    const statuses = new Map<number, PreviewStatus>(head.kept.map((r) => [r.record, statusOf(r)]));
    const totals = { ...head.counts };
    const remaining = all.filter((r) => !done.has(r));
    for (let i = 0; i < remaining.length; i += REST_SLICE) {
      await yieldToEventLoop();
      if (cancelled) return null;
      const slice = await runForPreview(p, remaining.slice(i, i + REST_SLICE), 'statuses');
      totals.read += slice.counts.read;
      totals.written += slice.counts.written;
      totals.rejected += slice.counts.rejected;
      for (const st of slice.kept) statuses.set(st.record, st);
      o.progress?.(totals);
    }
    return { runId: o.runId, ...totals, statuses: [...statuses.values()].sort((a, b) => a.record - b.record), elapsedMs: Date.now() - started };
  };
  return { first, rest, cancel: () => void (cancelled = true) };
}

/** Interpreters by canonical document text, for traces (built only when a record's values are asked for). */
const interpreterCache = new Map<string, Interpreter>();

function interpreterFor(doc: MappingDocument): Interpreter {
  const key = semanticKey(doc);
  let hit = interpreterCache.get(key);
  if (!hit) {
    hit = createInterpreter(doc, model(doc.target.modelId, doc.target.modelVersion));
    interpreterCache.set(key, hit);
    if (interpreterCache.size > 4) interpreterCache.delete(interpreterCache.keys().next().value!);
  }
  return hit;
}

/** Longest JSON text of a traced value sent to the canvas; a joined table or a whole record is cut. */
const TRACE_VALUE_CHARS = 2000;

function traceValue(v: unknown): unknown {
  if (v === undefined) return { absent: true };
  if (v === null || typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  const text = JSON.stringify(v);
  return text.length > TRACE_VALUE_CHARS ? { cut: `${text.slice(0, TRACE_VALUE_CHARS)}…` } : v;
}

function traceValues(m: RecordTrace['nodes']): Record<string, PreviewTracedValues> {
  const out: Record<string, PreviewTracedValues> = {};
  for (const [id, t] of Object.entries(m)) out[id] = { count: t.count, values: t.values.map(traceValue) };
  return out;
}

/**
 * One record of a preview on demand: its output from the compiled transform (what ships), and the
 * values on the graph from the interpreter's trace (null when the record cannot be read).
 */
export async function previewRecord(task: PreviewTask, record: number): Promise<{ record: PreviewRecord; trace: PreviewTrace | null }> {
  const p = preparePreview(task);
  if ('ok' in p) {
    const errors = p.diagnostics.filter((d) => d.severity === 'error');
    throw new ApiFailure(errors[0]?.code ?? 'invalid-request', `The mapping has ${errors.length} error(s); nothing was run. Fix the problems first.`, p.diagnostics);
  }
  const rec = p.records.find((r) => r.record === record);
  if (!rec) throw new ApiFailure('not-found', `Record ${record} is not in the preview of ${task.sample.name} (${p.records.length} record${p.records.length === 1 ? '' : 's'}).`);
  const one = (await runForPreview(p, [rec], 'records')).kept[0];
  if ('error' in rec) return { record: one, trace: null };
  const t = traceRecord(interpreterFor(p.doc), rec.value, { file: p.file, record: rec.record, line: rec.line, joins: p.joins });
  const rules: PreviewTrace['rules'] = {};
  for (const [id, r] of Object.entries(t.rules)) rules[id] = { made: r.made, skipped: r.skipped };
  return { record: one, trace: { nodes: traceValues(t.nodes), fields: traceValues(t.fields), rules, filters: { ...t.filters } } };
}

function describeOutcome(o: Exclude<TestOutcome, { status: 'pass' }>): { message: string; actual?: unknown } {
  switch (o.reason) {
    case 'output-differs':
      return {
        message: `The output differs from the expected output at ${o.differences.length} place(s): ${o.differences
          .slice(0, 5)
          .map((d) => `${d.path || '/'} ${d.kind}`)
          .join(', ')}${o.differences.length > 5 ? ', …' : ''}.`,
        actual: o.differences,
      };
    case 'unexpected-reject':
      return { message: `Expected an output, but the record was rejected: ${o.reject.code} ${o.reject.message}`, actual: { reject: o.reject } };
    case 'unexpected-output':
      return { message: `Expected a reject (${o.expected.code}), but the record produced an output.`, actual: { output: o.output } };
    case 'wrong-reject':
      return { message: `Expected reject ${o.expected.code}${o.expected.ruleId ? ` from ${o.expected.ruleId}` : ''}, got ${o.reject.code}${o.reject.ruleId ? ` from ${o.reject.ruleId}` : ''}: ${o.reject.message}`, actual: { reject: o.reject } };
  }
}

/** Runs saved test cases against a mapping (in the run worker), like `mapwright test`. */
export async function runTests(task: TestsTask, progress: Progress): Promise<TestRunResult> {
  const compiled = compileForRun(task.document);
  if (!compiled.ok) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    throw new ApiFailure(errors[0]?.code ?? 'invalid-request', `The mapping has ${errors.length} error(s); no tests were run. Fix the problems first.`, compiled.diagnostics);
  }
  const results: TestRunResult['results'] = [];
  let passed = 0;
  for (const t of task.tests) {
    // No file in the context, as in `mapwright test`: expected outputs must not depend on where a sample lives.
    const o = runTestCase(task.document, compiled.transform, compiled.validate, t);
    if (o.status === 'pass') {
      passed++;
      results.push({ id: t.id, name: t.name, passed: true });
    } else {
      const { message, actual } = describeOutcome(o);
      results.push({ id: t.id, name: t.name, passed: false, expected: t.expected, actual, message });
    }
    progress({ read: results.length, written: passed, rejected: results.length - passed });
  }
  return { passed, failed: results.length - passed, results };
}
