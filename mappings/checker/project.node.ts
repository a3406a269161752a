/**
 * Reads a project folder (or a lone mapping file) from disk for the `check` and `test` commands:
 * the manifest, the mapping document, sample files parsed with the streaming readers, and saved
 * test cases. Every problem comes back as a located diagnostic; nothing here throws for bad input.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { diag } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseMapping } from '../document/parse';
import type { MappingDocument, ProjectManifest, SourceDecl, TestCase } from '../document/types';
import { parseRecords } from '../io/index';
import { PROJECT } from './codes';

export const PROJECT_FILE = 'mapwright-project.json';

export interface LoadedProject {
  /** Project folder, when the argument was one. */
  dir?: string;
  manifest?: ProjectManifest;
  /** Mapping file path as given/resolved (relative to the working directory when possible). */
  mappingFile: string;
  mappingText?: string;
  document?: MappingDocument;
  /** Problems reading the manifest, the mapping (MW3xxx) and the samples. */
  diagnostics: Diagnostic[];
  /** Sample records by source id (unreadable records are reported, not included). */
  samples: Record<string, unknown[]>;
  /** The readers' 1-based record number of each sample record. */
  recordNumbers: Record<string, number[]>;
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function readText(path: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    diagnostics.push(diag(PROJECT.MW8801, { path: display(path), detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, { file: display(path) }));
    return undefined;
  }
}

function manifestProblems(m: unknown): string | undefined {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'it is not a JSON object';
  const o = m as Record<string, unknown>;
  if (o.format !== 'mapwright.project') return `"format" must be "mapwright.project"`;
  if (o.formatVersion !== 1) return `"formatVersion" ${JSON.stringify(o.formatVersion)} is not supported (expected 1)`;
  if (typeof o.mapping !== 'string' || !o.mapping) return `"mapping" must name the mapping file`;
  if (o.samples !== undefined && !Array.isArray(o.samples)) return `"samples" must be an array`;
  for (const [i, s] of ((o.samples as unknown[]) ?? []).entries()) {
    const e = s as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || typeof e.file !== 'string' || typeof e.source !== 'string') return `samples[${i}] needs "file" and "source"`;
  }
  if (o.tests !== undefined && (!Array.isArray(o.tests) || o.tests.some((t) => typeof t !== 'string'))) return `"tests" must be an array of file names`;
  return undefined;
}

const EXT_FORMAT: Record<string, SourceDecl['format']> = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.xml': 'xml' };

/** Parses one sample file with the readers; unreadable records become diagnostics. */
async function readSample(
  path: string,
  format: SourceDecl['format'],
  src: SourceDecl | undefined,
  diagnostics: Diagnostic[],
): Promise<{ values: unknown[]; numbers: number[] } | undefined> {
  const text = await readText(path, diagnostics);
  if (text === undefined) return undefined;
  const file = display(path);
  try {
    const values: unknown[] = [];
    const numbers: number[] = [];
    for (const r of parseRecords(text, { format, file, ...(src?.recordPath ? { recordPath: src.recordPath } : {}) })) {
      // A bad sample record is a data problem, not a mapping problem: a run rejects it with this
      // same reason, so it is shown but does not fail `check`.
      if ('error' in r) diagnostics.push({ ...r.error, severity: r.error.severity === 'error' ? 'warning' : r.error.severity });
      else {
        values.push(r.value);
        numbers.push(r.record);
      }
    }
    return { values, numbers };
  } catch (e) {
    const d = (e as { diagnostic?: Diagnostic }).diagnostic;
    diagnostics.push(d ?? diag(PROJECT.MW8801, { path: file, detail: (e as Error).message }, { file }));
    return undefined;
  }
}

/**
 * Loads `target` — a project folder, a `mapwright-project.json`, or a mapping JSON file — and its
 * samples: the manifest's, or with `samplesDir` every file in that folder whose name (without the
 * extension) is a source's name or id.
 */
export async function loadProject(target: string, options: { samplesDir?: string; samples?: boolean } = {}): Promise<LoadedProject> {
  const diagnostics: Diagnostic[] = [];
  const abs = resolve(target);
  let dir: string | undefined;
  let manifest: ProjectManifest | undefined;
  let mappingPath = abs;
  let isDir = false;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch (e) {
    diagnostics.push(diag(PROJECT.MW8801, { path: display(abs), detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, { file: display(abs) }));
    return { mappingFile: display(abs), diagnostics, samples: {}, recordNumbers: {} };
  }
  if (isDir || basename(abs) === PROJECT_FILE) {
    dir = isDir ? abs : dirname(abs);
    const mfile = join(dir, PROJECT_FILE);
    const text = await readText(mfile, diagnostics);
    if (text === undefined) return { dir, mappingFile: display(mfile), diagnostics, samples: {}, recordNumbers: {} };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      diagnostics.push(diag(PROJECT.MW8802, { detail: (e as Error).message }, { file: display(mfile) }));
      return { dir, mappingFile: display(mfile), diagnostics, samples: {}, recordNumbers: {} };
    }
    const problem = manifestProblems(raw);
    if (problem) {
      diagnostics.push(diag(PROJECT.MW8802, { detail: problem }, { file: display(mfile) }));
      return { dir, mappingFile: display(mfile), diagnostics, samples: {}, recordNumbers: {} };
    }
    manifest = raw as ProjectManifest;
    mappingPath = join(dir, manifest.mapping);
  }
  const mappingFile = display(mappingPath);
  const mappingText = await readText(mappingPath, diagnostics);
  if (mappingText === undefined) return { dir, manifest, mappingFile, diagnostics, samples: {}, recordNumbers: {} };
  const parsed = parseMapping(mappingText, { file: mappingFile });
  diagnostics.push(...parsed.diagnostics);
  const document = parsed.document;
  const samples: Record<string, unknown[]> = {};
  const recordNumbers: Record<string, number[]> = {};
  if (document && options.samples !== false) {
    if (options.samplesDir) {
      const sdir = resolve(options.samplesDir);
      let names: string[] = [];
      try {
        names = (await readdir(sdir)).sort();
      } catch (e) {
        diagnostics.push(diag(PROJECT.MW8801, { path: display(sdir), detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, { file: display(sdir) }));
      }
      for (const name of names) {
        const ext = extname(name).toLowerCase();
        const stem = basename(name, extname(name));
        const src = document.sources.find((s) => s.name === stem || s.id === stem);
        if (!src || !EXT_FORMAT[ext] || samples[src.id]) continue;
        const recs = await readSample(join(sdir, name), src.format, src, diagnostics);
        if (recs) {
          samples[src.id] = recs.values;
          recordNumbers[src.id] = recs.numbers;
        }
      }
    } else if (manifest && dir) {
      for (const s of manifest.samples ?? []) {
        const src = document.sources.find((d) => d.id === s.source);
        if (!src) diagnostics.push(diag(PROJECT.MW8803, { source: s.source }, { file: display(join(dir, PROJECT_FILE)) }));
        const recs = await readSample(join(dir, s.file), s.format ?? src?.format ?? EXT_FORMAT[extname(s.file)] ?? 'csv', src, diagnostics);
        if (recs) {
          samples[s.source] = [...(samples[s.source] ?? []), ...recs.values];
          recordNumbers[s.source] = [...(recordNumbers[s.source] ?? []), ...recs.numbers];
        }
      }
    }
  }
  return { dir, manifest, mappingFile, mappingText, document, diagnostics, samples, recordNumbers };
}

function testCaseProblem(t: unknown): string | undefined {
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return 'it is not a JSON object';
  const o = t as Record<string, unknown>;
  if (typeof o.id !== 'string' || typeof o.name !== 'string') return '"id" and "name" must be strings';
  if (!('input' in o)) return 'missing "input"';
  if (o.joined !== undefined && (typeof o.joined !== 'object' || o.joined === null || Object.values(o.joined).some((v) => !Array.isArray(v)))) {
    return '"joined" must map source ids to arrays of rows';
  }
  const e = o.expected as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object' || (!('output' in e) && !('reject' in e))) return '"expected" needs "output" or "reject"';
  if ('reject' in e) {
    const r = e.reject as Record<string, unknown> | undefined;
    if (!r || typeof r.code !== 'string') return '"expected.reject.code" must be a string';
  }
  return undefined;
}

/** A test case file as read: the case, or why it could not be used. */
export interface LoadedTest {
  file: string;
  testCase?: TestCase;
  diagnostics: Diagnostic[];
}

/** Reads the project's test cases: the manifest's list, else every `tests/*.json`, sorted. */
export async function loadTests(project: LoadedProject): Promise<LoadedTest[]> {
  if (!project.dir) return [];
  let files = project.manifest?.tests?.length ? project.manifest.tests.map((t) => join(project.dir!, t)) : [];
  if (!files.length) {
    try {
      files = (await readdir(join(project.dir, 'tests')))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(project.dir!, 'tests', f));
    } catch {
      files = [];
    }
  }
  const out: LoadedTest[] = [];
  for (const path of files) {
    const diagnostics: Diagnostic[] = [];
    const file = display(path);
    const text = await readText(path, diagnostics);
    if (text === undefined) {
      out.push({ file, diagnostics });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      out.push({ file, diagnostics: [diag(PROJECT.MW8804, { detail: (e as Error).message }, { file })] });
      continue;
    }
    const problem = testCaseProblem(raw);
    if (problem) out.push({ file, diagnostics: [diag(PROJECT.MW8804, { detail: problem }, { file })] });
    else out.push({ file, testCase: raw as TestCase, diagnostics });
  }
  return out;
}
