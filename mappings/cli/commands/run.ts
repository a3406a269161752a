/**
 * `mapwright run MAPPING --input FILE …` — runs a mapping over a file: NDJSON target documents out,
 * NDJSON rejects, and exactly one summary line `read N, wrote M, rejected K` on stderr at the end.
 */
import { stat, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { checkMapping } from '../../checker/index';
import { loadProject } from '../../checker/project.node.js';
import { compileMapping, loadCompiled } from '../../compiler/compile';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic';
import type { SourceDecl } from '../../document/types';
import { createValidator, getModel } from '../../model/index';
import type { TargetModel } from '../../model/target-model';
import type { RejectLine } from '../../runtime/run';
import { runMappingFiles, RunSetupError } from '../../runtime/run.node.js';
import { parseCliArgs, UsageError, type CliCommand } from '../command';
import { mapJsonPositions } from '../../model/json-position';

const usage = `Usage: mapwright run MAPPING --input FILE [--out FILE] [--rejects FILE] [--strict]
                     [--source ID=FILE …] [--param KEY=VALUE …] [--no-validate] [--include-input]

Runs a mapping over an input file of the primary source. MAPPING is a mapping.json file or a
project folder. The mapping is checked first; a mapping with errors is not run.

Output:
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
  --include-input     copy the input record into each reject line (mind data protection)

Exit status: 0 done (even with rejects), 1 rejects with --strict or the mapping has errors,
2 usage error or unreadable input.`;

const EXT_FORMAT: Record<string, SourceDecl['format']> = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.xml': 'xml' };

function pairs(values: string[] | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`${what} must be KEY=VALUE, got "${v}"\n\n${usage}`);
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

/**
 * Adds the mapping file's line and column to diagnostics located by JSON pointer. Expression
 * problems carry a line/column inside the expression text; on its first line that maps onto the
 * JSON string in the file (escapes aside), later lines fall back to the string's start.
 */
function locate(ds: Diagnostic[], text: string | undefined, file: string): Diagnostic[] {
  if (text === undefined || !ds.length) return ds;
  const map = mapJsonPositions(text);
  return ds.map((d) => {
    const l = d.location;
    if (l.pointer === undefined) return d;
    const inExpr = l.line !== undefined ? (map.pointers.get(l.pointer.endsWith('/code') ? l.pointer : `${l.pointer}/code`) ?? undefined) : undefined;
    if (inExpr) {
      const column = inExpr.value.column + (l.line === 1 && l.column !== undefined ? l.column : 1);
      return { ...d, location: { ...l, file: l.file ?? file, line: inExpr.value.line, column } };
    }
    const pos = l.line === undefined ? map.pointers.get(l.pointer) : undefined;
    return pos ? { ...d, location: { ...l, file: l.file ?? file, line: pos.value.line, column: pos.value.column } } : d;
  });
}

function printDiagnostics(ds: Diagnostic[]) {
  for (const d of ds) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function describeReject(r: RejectLine): string {
  const where = [r.ruleId ? `rule ${r.ruleId}` : '', r.field ? `field ${r.field}` : ''].filter(Boolean).join(', ');
  return `reject ${r.file ?? ''}${r.file ? ':' : 'line '}${r.line} (record ${r.record}${where ? `, ${where}` : ''}): ${r.code} ${r.message}\n`;
}

export const command: CliCommand = {
  summary: 'Run a mapping over a file: NDJSON output, rejects, and a reconciled summary',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(
      argv,
      {
        input: { type: 'string' },
        out: { type: 'string' },
        rejects: { type: 'string' },
        strict: { type: 'boolean' },
        source: { type: 'string', multiple: true },
        param: { type: 'string', multiple: true },
        'no-validate': { type: 'boolean' },
        'include-input': { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new UsageError(`Expected one MAPPING argument\n\n${usage}`);
    if (!values.input) throw new UsageError(`--input FILE is required\n\n${usage}`);
    const sources = pairs(values.source, '--source');
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(pairs(values.param, '--param'))) {
      if (v.startsWith('@')) {
        try {
          params[k] = (await readFile(v.slice(1), 'utf8')).replace(/\r?\n$/, '');
        } catch (e) {
          process.stderr.write(`mapwright run: cannot read --param ${k} from ${v.slice(1)}: ${(e as Error).message}\n`);
          return 2;
        }
      } else params[k] = v;
    }

    const project = await loadProject(positionals[0], { samples: false });
    const unreadable = project.diagnostics.filter((d) => d.code === 'MW8801' || d.code === 'MW8802');
    if (unreadable.length || !project.document) {
      printDiagnostics(project.diagnostics);
      return unreadable.length ? 2 : 1;
    }
    const doc = project.document;
    const docErrors = project.diagnostics.filter((d) => d.severity === 'error');
    if (docErrors.length) {
      printDiagnostics(docErrors);
      process.stderr.write('mapwright run: the mapping has errors; not running it\n');
      return 1;
    }
    let model: TargetModel;
    try {
      model = getModel(doc.target.modelId, doc.target.modelVersion);
    } catch (e) {
      process.stderr.write(`mapwright run: ${(e as Error).message}\n`);
      return 1;
    }
    const checkErrors = locate(checkMapping(doc, { model, file: project.mappingFile }).filter((d) => d.severity === 'error'), project.mappingText, project.mappingFile);
    const compiled = compileMapping(doc, model);
    const compileErrors = compiled.diagnostics.filter((d) => d.severity === 'error');
    if (checkErrors.length || compileErrors.length) {
      printDiagnostics(checkErrors.length ? checkErrors : locate(compileErrors, project.mappingText, project.mappingFile));
      process.stderr.write(`mapwright run: the mapping has ${checkErrors.length || compileErrors.length} error(s); not running it (see mapwright check)\n`);
      return 1;
    }
    try {
      if (!(await stat(values.input)).isFile()) throw new Error('not a file');
    } catch (e) {
      process.stderr.write(`mapwright run: cannot read --input ${values.input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    const primary = doc.sources.find((s) => s.primary);
    // A project folder names a sample file per source: a join source not given with --source
    // falls back to it, so `run PROJECT --input FILE` works on the project as it stands.
    if (project.manifest && project.dir) {
      for (const src of doc.sources) {
        if (src.primary || sources[src.id] !== undefined || sources[src.name] !== undefined) continue;
        const sample = project.manifest.samples?.find((s) => s.source === src.id);
        if (!sample) continue;
        sources[src.id] = join(project.dir, sample.file);
        process.stderr.write(`mapwright run: join source "${src.name}" (${src.id}) reads the project's ${sample.file}; pass --source ${src.id}=FILE to use another file\n`);
      }
    }
    const extFormat = EXT_FORMAT[extname(values.input).toLowerCase()];
    // The declared format wins; the extension only fills in for JSON vs NDJSON confusion.
    const format = primary && extFormat && primary.format !== extFormat && (primary.format === 'json' || primary.format === 'ndjson') && (extFormat === 'json' || extFormat === 'ndjson') ? extFormat : undefined;

    const rejectsPath = values.rejects ?? (values.out ? `${values.out}.rejects.ndjson` : undefined);
    let lastProgress = Date.now();
    const started = lastProgress;
    try {
      const result = await runMappingFiles({
        doc,
        transform: loadCompiled(compiled.code).transform,
        input: values.input,
        ...(format ? { format } : {}),
        out: values.out ?? process.stdout,
        rejects: rejectsPath ?? ((r) => process.stderr.write(describeReject(r))),
        sources,
        params,
        ...(values['no-validate'] ? {} : { validate: createValidator(model) }),
        includeInput: values['include-input'] === true,
        onProgress: (c, bytes, total) => {
          const now = Date.now();
          // Throttled: a line every 5 s on long runs only.
          if (now - lastProgress < 5000) return;
          lastProgress = now;
          const pct = total ? ` (${Math.floor((bytes / total) * 100)}% of input, ${Math.round(c.read / ((now - started) / 1000))} records/s)` : '';
          process.stderr.write(`progress: read ${c.read}, wrote ${c.written}, rejected ${c.rejected}${pct}\n`);
        },
      });
      for (const d of result.secondaryDiagnostics) process.stderr.write(`${formatDiagnostic({ ...d, severity: 'warning' })} (this row cannot be joined)\n`);
      process.stderr.write(`read ${result.read}, wrote ${result.written}, rejected ${result.rejected}\n`);
      return values.strict && result.rejected > 0 ? 1 : 0;
    } catch (e) {
      if (e instanceof RunSetupError) {
        process.stderr.write(`mapwright run: ${e.message}\n`);
        return 2;
      }
      const err = e as NodeJS.ErrnoException;
      if (err.code && /^E[A-Z]+$/.test(err.code)) {
        process.stderr.write(`mapwright run: ${err.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};
