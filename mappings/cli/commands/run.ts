/**
 * `mapwright run MAPPING|BUNDLE --input FILE …` — runs a mapping over a file: NDJSON target
 * documents out, NDJSON rejects, and exactly one summary line `read N, wrote M, rejected K` on
 * stderr at the end. Given a bundle, it checks the bundle's integrity and runs the bundle's own
 * pinned engine and transform, exactly as `node run.mjs` inside the bundle would. Options, summary
 * and exit codes come from one module (bundle/run-command.node.ts) shared with run.mjs.
 */
import { lstat, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { checkMapping } from '../../checker/index';
import { loadProject } from '../../checker/project.node.js';
import { compileMapping, loadCompiled } from '../../compiler/compile';
import { formatDiagnostic, MappingError, type Diagnostic } from '../../diagnostics/diagnostic';
import { createValidator, getModel } from '../../model/index';
import type { TargetModel } from '../../model/target-model';
import { runMappingFiles, RunSetupError } from '../../runtime/run.node.js';
import { extractBundle, readBundle } from '../../bundle/reader.node.js';
import { executeRun, parseRunRequest, resolveParams, RUN_OPTIONS, RUN_OPTIONS_HELP, type RunRequest } from '../../bundle/run-command.node.js';
import { checkBeforeRunning, runCheckedBundle } from '../../bundle/run-entry.node.js';
import { parseCliArgs, UsageError, type CliCommand } from '../command';
import { mapJsonPositions } from '../../model/json-position';

const usage = `Usage: mapwright run MAPPING|BUNDLE --input FILE [--out FILE] [--rejects FILE] [--strict]
                     [--source ID=FILE …] [--param KEY=VALUE …] [--no-validate] [--include-input]

Runs a mapping over an input file of the primary source. MAPPING is a mapping.json file or a
project folder; it is checked first, and a mapping with errors is not run. BUNDLE is a .mwb file
or an unpacked bundle folder: every file is checked against its manifest first, and the bundle's
own pinned engine and transform run, exactly as "node run.mjs" inside the bundle.

${RUN_OPTIONS_HELP}

Exit status: 0 done (even with rejects), 1 rejects with --strict or the mapping has errors,
2 usage error or unreadable input, 3 the bundle does not match its manifest (nothing is run).`;

const PROGRAM = 'mapwright run';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A `.mwb` (by name or zip signature) or a folder with a manifest.json and no project file. */
async function bundleKind(path: string): Promise<'zip' | 'folder' | null> {
  const st = await lstat(path).catch(() => null);
  if (!st) return null;
  if (st.isDirectory()) {
    const has = async (f: string) => (await lstat(join(path, f)).catch(() => null))?.isFile() === true;
    return (await has('manifest.json')) && !(await has('mapwright-project.json')) ? 'folder' : null;
  }
  if (!st.isFile()) return null;
  if (extname(path).toLowerCase() === '.mwb') return 'zip';
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    return ZIP_MAGIC.every((b, i) => head[i] === b) ? 'zip' : null;
  } finally {
    await fh.close();
  }
}

/**
 * Runs a bundle: a folder in place, a zip unpacked (with the archive safety checks) into a private
 * temporary folder that is removed afterwards.
 */
async function runBundle(path: string, kind: 'zip' | 'folder', request: RunRequest): Promise<number> {
  if (kind === 'folder') {
    const checked = await checkBeforeRunning(path, PROGRAM);
    return typeof checked === 'number' ? checked : runCheckedBundle(path, request, PROGRAM);
  }
  let files;
  try {
    files = (await readBundle(path)).files;
  } catch (e) {
    if (!(e instanceof MappingError)) throw e;
    process.stderr.write(`${formatDiagnostic(e.diagnostic)}\n`);
    if (e.diagnostic.code === 'MW7001') return 2;
    // An unsafe archive is refused like a changed bundle: nothing in it is run.
    process.stderr.write(`${PROGRAM}: REFUSING TO RUN: ${path} is not a safe Mapwright bundle\n`);
    return 3;
  }
  const dir = await mkdtemp(join(tmpdir(), 'mapwright-run-bundle-'));
  try {
    await extractBundle(files, dir);
    const checked = await checkBeforeRunning(dir, PROGRAM);
    return typeof checked === 'number' ? checked : await runCheckedBundle(dir, request, PROGRAM);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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

export const command: CliCommand = {
  summary: 'Run a mapping over a file: NDJSON output, rejects, and a reconciled summary',
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, RUN_OPTIONS, usage);
    if (positionals.length !== 1) throw new UsageError(`Expected one MAPPING or BUNDLE argument\n\n${usage}`);
    const parsed = parseRunRequest(values);
    if (!parsed.ok) throw new UsageError(`${parsed.problem}\n\n${usage}`);
    const request = parsed.request;
    const kind = await bundleKind(positionals[0]!);
    if (kind) return runBundle(positionals[0]!, kind, request);
    const params = await resolveParams(request, PROGRAM);
    if (typeof params === 'number') return params;

    const project = await loadProject(positionals[0]!, { samples: false });
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
    // A project folder names a sample file per source: a join source not given with --source
    // falls back to it, so `run PROJECT --input FILE` works on the project as it stands.
    if (project.manifest && project.dir) {
      for (const src of doc.sources) {
        if (src.primary || request.sources[src.id] !== undefined || request.sources[src.name] !== undefined) continue;
        const sample = project.manifest.samples?.find((s) => s.source === src.id);
        if (!sample) continue;
        request.sources[src.id] = join(project.dir, sample.file);
        process.stderr.write(`mapwright run: join source "${src.name}" (${src.id}) reads the project's ${sample.file}; pass --source ${src.id}=FILE to use another file\n`);
      }
    }
    return executeRun({
      program: PROGRAM,
      engine: { runMappingFiles, RunSetupError },
      doc,
      transform: loadCompiled(compiled.code).transform,
      validate: createValidator(model),
      request,
      params,
    });
  },
};
