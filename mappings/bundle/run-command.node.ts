/**
 * The one implementation of "run a mapping over a file" as a command: option parsing (KEY=VALUE
 * pairs, `@FILE` parameters), the input check, the format rule, progress lines, the summary line
 * and the exit codes. `mapwright run` (project, mapping file or bundle) and a bundle's own
 * `run.mjs` both call it, so what they print and how they exit cannot drift apart. esbuild bundles
 * this file into run.mjs, so it imports no runtime code: the engine (the pinned one of a bundle,
 * or the installed one for a project) is passed in.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import type { MappingDocument, SourceDecl } from '../document/types';
import type { OutputValidator, RejectLine, Transform } from '../runtime/run';
// Types only: the value comes from whichever engine the caller loaded.
import type { runMappingFiles, RunSetupError } from '../runtime/run.node.js';

/** `node:util` parseArgs options shared by `mapwright run` and `run.mjs`. */
export const RUN_OPTIONS = {
  input: { type: 'string' },
  out: { type: 'string' },
  rejects: { type: 'string' },
  strict: { type: 'boolean' },
  source: { type: 'string', multiple: true },
  param: { type: 'string', multiple: true },
  'no-validate': { type: 'boolean' },
  'include-input': { type: 'boolean' },
} as const;

/** The options part of both usage texts. */
export const RUN_OPTIONS_HELP = `Output:
  Target documents as NDJSON (one per line) to --out, or to standard output.
  Rejected records as NDJSON lines {record, line, file, code, message, ruleId?, field?, errors?}
  to --rejects; by default to OUT.rejects.ndjson when --out is given, otherwise each reject is
  printed as one line on standard error. The last line on standard error is always
  "read N, wrote M, rejected K"; every record read is either written or rejected.

Options:
  --input FILE        the primary source's records (format from the mapping, or from the extension)
  --out FILE          output NDJSON file (default: standard output)
  --rejects FILE      rejects NDJSON file (see above)
  --strict            exit 1 if any record was rejected
  --source ID=FILE    a secondary source's file for joins, by source id or name (repeatable)
  --param KEY=VALUE   a run parameter, e.g. hmacKey for pseudonymise(); VALUE @FILE reads a file
                      (keeps secrets out of the process list) (repeatable)
  --no-validate       do not validate outputs against the target model's schema
  --include-input     copy the input record into each reject line (mind data protection)`;

/** The values parseArgs returns for RUN_OPTIONS. */
export interface RunValues {
  input?: string;
  out?: string;
  rejects?: string;
  strict?: boolean;
  source?: string[];
  param?: string[];
  'no-validate'?: boolean;
  'include-input'?: boolean;
}

/** A run as asked for on the command line, before any file is touched. */
export interface RunRequest {
  input: string;
  out?: string;
  rejects?: string;
  strict: boolean;
  /** Secondary source files by source id or name. */
  sources: Record<string, string>;
  /** Parameter values as given (`@FILE` not yet read). */
  params: Record<string, string>;
  validate: boolean;
  includeInput: boolean;
}

/** What the caller's engine provides (the installed runtime, or a bundle's engine.mjs). */
export interface RunEngine {
  runMappingFiles: typeof runMappingFiles;
  RunSetupError: typeof RunSetupError;
}

const EXT_FORMAT: Record<string, SourceDecl['format']> = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.xml': 'xml' };

const err = (s: string) => process.stderr.write(`${s}\n`);

function pairs(values: string[] | undefined, what: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const i = v.indexOf('=');
    if (i <= 0) return `${what} must be KEY=VALUE, got "${v}"`;
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

/**
 * Turns parsed options into a request, or the usage problem (the caller prints it with its usage
 * text and exits 2).
 * @example parseRunRequest({ input: 'a.csv', param: ['k=v'] }) // { ok: true, request: {…} }
 */
export function parseRunRequest(values: RunValues): { ok: true; request: RunRequest } | { ok: false; problem: string } {
  if (!values.input) return { ok: false, problem: '--input FILE is required' };
  const sources = pairs(values.source, '--source');
  if (typeof sources === 'string') return { ok: false, problem: sources };
  const params = pairs(values.param, '--param');
  if (typeof params === 'string') return { ok: false, problem: params };
  return {
    ok: true,
    request: {
      input: values.input,
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.rejects !== undefined ? { rejects: values.rejects } : {}),
      strict: values.strict === true,
      sources,
      params,
      validate: values['no-validate'] !== true,
      includeInput: values['include-input'] === true,
    },
  };
}

/**
 * Reads `--param KEY=@FILE` values (one trailing newline dropped). Returns the parameters, or an
 * exit code after printing why a file cannot be read.
 */
export async function resolveParams(request: RunRequest, program: string): Promise<Record<string, unknown> | number> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(request.params)) {
    if (!v.startsWith('@')) {
      params[k] = v;
      continue;
    }
    try {
      params[k] = (await readFile(v.slice(1), 'utf8')).replace(/\r?\n$/, '');
    } catch (e) {
      err(`${program}: cannot read --param ${k} from ${v.slice(1)}: ${(e as Error).message}`);
      return 2;
    }
  }
  return params;
}

/** One reject on standard error when no rejects file is written. */
export function describeReject(r: RejectLine): string {
  const where = [r.ruleId ? `rule ${r.ruleId}` : '', r.field ? `field ${r.field}` : ''].filter(Boolean).join(', ');
  return `reject ${r.file ?? ''}${r.file ? ':' : 'line '}${r.line} (record ${r.record}${where ? `, ${where}` : ''}): ${r.code} ${r.message}\n`;
}

export interface ExecuteRunOptions {
  /** Prefix of error lines: `mapwright run` or `run.mjs`. */
  program: string;
  engine: RunEngine;
  doc: Pick<MappingDocument, 'sources' | 'joins'>;
  transform: Transform;
  validate: OutputValidator;
  request: RunRequest;
  /** Resolved parameters (see resolveParams). */
  params: Record<string, unknown>;
}

/**
 * Checks the input, streams it through the transform, prints progress (every 5 s on long runs),
 * unjoinable secondary rows, and the summary line `read N, wrote M, rejected K` last on standard
 * error. Returns the exit code: 0 done, 1 rejects with --strict, 2 unreadable input or files.
 */
export async function executeRun(o: ExecuteRunOptions): Promise<number> {
  const { request, engine, program } = o;
  try {
    if (!(await stat(request.input)).isFile()) throw new Error('not a file');
  } catch (e) {
    err(`${program}: cannot read --input ${request.input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 2;
  }
  const primary = o.doc.sources.find((s) => s.primary);
  const extFormat = EXT_FORMAT[extname(request.input).toLowerCase()];
  // The declared format wins; the extension only fills in for JSON vs NDJSON confusion.
  const format = primary && extFormat && primary.format !== extFormat && (primary.format === 'json' || primary.format === 'ndjson') && (extFormat === 'json' || extFormat === 'ndjson') ? extFormat : undefined;
  const rejectsPath = request.rejects ?? (request.out ? `${request.out}.rejects.ndjson` : undefined);
  let lastProgress = Date.now();
  const started = lastProgress;
  try {
    const result = await engine.runMappingFiles({
      doc: o.doc,
      transform: o.transform,
      input: request.input,
      ...(format ? { format } : {}),
      out: request.out ?? process.stdout,
      rejects: rejectsPath ?? ((r: RejectLine) => process.stderr.write(describeReject(r))),
      sources: { ...request.sources },
      params: o.params,
      ...(request.validate ? { validate: o.validate } : {}),
      includeInput: request.includeInput,
      onProgress: (c, bytes, total) => {
        const now = Date.now();
        // Throttled: a line every 5 s on long runs only.
        if (now - lastProgress < 5000) return;
        lastProgress = now;
        const pct = total ? ` (${Math.floor((bytes / total) * 100)}% of input, ${Math.round(c.read / ((now - started) / 1000))} records/s)` : '';
        err(`progress: read ${c.read}, wrote ${c.written}, rejected ${c.rejected}${pct}`);
      },
    });
    for (const d of result.secondaryDiagnostics) err(`${formatDiagnostic({ ...d, severity: 'warning' })} (this row cannot be joined)`);
    err(`read ${result.read}, wrote ${result.written}, rejected ${result.rejected}`);
    return request.strict && result.rejected > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof engine.RunSetupError) {
      err(`${program}: ${e.message}`);
      return 2;
    }
    const x = e as NodeJS.ErrnoException;
    if (x.code && /^E[A-Z]+$/.test(x.code)) {
      err(`${program}: ${x.message}`);
      return 2;
    }
    throw e;
  }
}
