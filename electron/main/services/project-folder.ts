/**
 * Project export/import as a plain folder (the format documented on `ProjectManifest` in
 * mappings/document/types.ts): `mapwright-project.json`, `mapping.json`, `samples/*`, `tests/*.json`.
 * Output is deterministic (samples sorted by file, tests by id, stable JSON), so exporting an
 * imported folder gives back the same bytes and the folder diffs cleanly in git.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MappingDocument, ProjectManifest, TestCase } from '../../../mappings/document/types';
import { ApiFailure } from '../errors';
import { parseMappingText, serializeTestCase } from './domain';
import { LIMITS, createAjv, jsonSafetyProblem, validateRequest } from '../validate';

export const MANIFEST_FILE = 'mapwright-project.json';
const MAPPING_FILE = 'mapping.json';
type SampleFormat = ProjectManifest['samples'][number]['format'];

export interface FolderProject {
  manifest: ProjectManifest;
  /** Canonical text of the mapping document, as written to mapping.json. */
  mappingText: string;
  document: MappingDocument;
  samples: { file: string; source: string; format: SampleFormat; content: Buffer }[];
  tests: TestCase[];
}

const ajv = createAjv();
const validateManifest = ajv.compile({
  type: 'object',
  required: ['format', 'formatVersion', 'id', 'name', 'mapping', 'samples', 'tests'],
  additionalProperties: false,
  properties: {
    format: { const: 'mapwright.project' },
    formatVersion: { const: 1 },
    id: { type: 'string', minLength: 1, maxLength: LIMITS.id, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' },
    name: { type: 'string', minLength: 1, maxLength: LIMITS.name },
    description: { type: 'string', maxLength: LIMITS.description },
    mapping: { type: 'string', minLength: 1, maxLength: LIMITS.path },
    samples: {
      type: 'array',
      items: {
        type: 'object',
        required: ['file', 'source', 'format'],
        additionalProperties: false,
        properties: {
          file: { type: 'string', minLength: 1, maxLength: LIMITS.path },
          source: { type: 'string', minLength: 1, maxLength: LIMITS.id },
          format: { enum: ['csv', 'tsv', 'json', 'ndjson', 'xml'] },
        },
      },
    },
    tests: { type: 'array', items: { type: 'string', minLength: 1, maxLength: LIMITS.path } },
  },
});

const EXT: Record<SampleFormat, string> = { csv: '.csv', tsv: '.tsv', json: '.json', ndjson: '.ndjson', xml: '.xml' };

/**
 * A file name for a sample: its name with unsafe characters replaced and the format's extension
 * ensured, made unique within `taken`.
 * @example sampleFileName('offences 2024', 'csv', new Set()) // 'offences 2024.csv'
 */
export function sampleFileName(name: string, format: SampleFormat, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[.\s]+/, '').trim() || 'sample';
  if (!base.toLowerCase().endsWith(EXT[format])) base += EXT[format];
  let file = base;
  for (let n = 2; taken.has(file.toLowerCase()); n++) file = `${base.slice(0, -EXT[format].length)}-${n}${EXT[format]}`;
  taken.add(file.toLowerCase());
  return file;
}

/** Stable JSON text for files we write. */
const jsonText = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/**
 * Writes a project folder. The target must be missing, empty, or a previous export (has a
 * manifest); a previous export's listed files are replaced, anything else in it is left alone.
 */
export function writeProjectFolder(dir: string, p: Omit<FolderProject, 'manifest' | 'document'> & { id: string; name: string; description: string }): { files: number } {
  const root = path.resolve(dir);
  if (fs.existsSync(root)) {
    if (!fs.statSync(root).isDirectory()) throw new ApiFailure('invalid-request', `${root} exists and is not a folder.`);
    const entries = fs.readdirSync(root);
    if (entries.length && !entries.includes(MANIFEST_FILE)) {
      throw new ApiFailure('conflict', `${root} is not empty and is not a Mapwright project folder; choose an empty or new folder.`);
    }
    if (entries.includes(MANIFEST_FILE)) removePreviousExport(root);
  }
  fs.mkdirSync(path.join(root, 'samples'), { recursive: true });
  fs.mkdirSync(path.join(root, 'tests'), { recursive: true });

  const samples = [...p.samples].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const tests = [...p.tests].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const manifest: ProjectManifest = {
    format: 'mapwright.project',
    formatVersion: 1,
    id: p.id,
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    mapping: MAPPING_FILE,
    samples: samples.map((s) => ({ file: `samples/${s.file}`, source: s.source, format: s.format })),
    tests: tests.map((t) => `tests/${t.id}.json`),
  };
  fs.writeFileSync(path.join(root, MAPPING_FILE), p.mappingText);
  for (const s of samples) fs.writeFileSync(path.join(root, 'samples', s.file), s.content);
  for (const t of tests) fs.writeFileSync(path.join(root, 'tests', `${t.id}.json`), serializeTestCase(t));
  // The manifest goes last: a folder with a manifest is a complete export.
  fs.writeFileSync(path.join(root, MANIFEST_FILE), jsonText(manifest));
  return { files: 2 + samples.length + tests.length };
}

function removePreviousExport(root: string): void {
  let old: ProjectManifest;
  try {
    old = readManifest(root);
  } catch {
    throw new ApiFailure('conflict', `${root} holds an unreadable ${MANIFEST_FILE}; choose an empty or new folder.`);
  }
  for (const rel of [old.mapping, ...old.samples.map((s) => s.file), ...old.tests]) {
    const file = insideFolder(root, rel, MANIFEST_FILE);
    fs.rmSync(file, { force: true });
  }
  fs.rmSync(path.join(root, MANIFEST_FILE), { force: true });
}

/** Resolves a manifest-relative path, refusing anything that would leave the project folder. */
export function insideFolder(root: string, rel: string, where: string): string {
  if (path.isAbsolute(rel) || rel.includes('\0') || rel.split(/[\\/]/).includes('..')) {
    throw new ApiFailure('invalid-request', `${where}: "${rel}" must be a relative path inside the project folder.`);
  }
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) {
    throw new ApiFailure('invalid-request', `${where}: "${rel}" must be a relative path inside the project folder.`);
  }
  return file;
}

function readManifest(root: string): ProjectManifest {
  const value = readJson(root, MANIFEST_FILE, 1024 * 1024);
  if (!validateManifest(value)) {
    const e = validateManifest.errors?.[0];
    throw new ApiFailure('invalid-request', `${MANIFEST_FILE}: ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}.`);
  }
  return value as unknown as ProjectManifest;
}

function readJson(root: string, rel: string, maxBytes: number): unknown {
  const file = insideFolder(root, rel, MANIFEST_FILE);
  const text = readText(file, rel, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiFailure('invalid-request', `${rel}${jsonErrorPosition(text, (e as Error).message)}: invalid JSON (${(e as Error).message}).`);
  }
  const unsafe = jsonSafetyProblem(value);
  if (unsafe) throw new ApiFailure('invalid-request', `${rel}: ${unsafe}.`);
  return value;
}

function readText(file: string, rel: string, maxBytes: number): string {
  return readBytes(file, rel, maxBytes).toString('utf8');
}

function readBytes(file: string, rel: string, maxBytes: number): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ApiFailure('invalid-request', `${rel}: the file is missing from the project folder.`);
  }
  if (!stat.isFile()) throw new ApiFailure('invalid-request', `${rel}: not a file.`);
  if (stat.size > maxBytes) throw new ApiFailure('too-large', `${rel}: ${stat.size} bytes is more than the ${maxBytes}-byte limit.`);
  return fs.readFileSync(file);
}

/** `:line:column` from a JSON.parse error message's "position N", when it has one. */
function jsonErrorPosition(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}

/** Reads and validates a project folder; every problem names the file (and line:column for JSON). */
export function readProjectFolder(dir: string): FolderProject {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, MANIFEST_FILE))) {
    throw new ApiFailure('invalid-request', `${root} is not a Mapwright project folder (no ${MANIFEST_FILE}).`);
  }
  const manifest = readManifest(root);
  const mappingText = readText(insideFolder(root, manifest.mapping, MANIFEST_FILE), manifest.mapping, LIMITS.content);
  // Schema findings on a readable document (an unfinished mapping) do not block the import, as
  // they do not block saving; only text that is not a mapping document at all does.
  const parsed = parseMappingText(mappingText, manifest.mapping);
  if (!parsed.document) {
    const d = parsed.diagnostics.find((x) => x.severity === 'error') ?? parsed.diagnostics[0];
    const where = d?.location.line !== undefined ? `:${d.location.line}:${d.location.column ?? 1}` : '';
    throw new ApiFailure('invalid-request', `${manifest.mapping}${where}: ${d?.message ?? 'not a mapping document'}`, parsed.diagnostics);
  }
  const shape = validateRequest('mapping.check', { document: parsed.document });
  if (!shape.ok) throw new ApiFailure('invalid-request', `${manifest.mapping}: ${shape.message.replace(/^Invalid request for mapping\.check: \/document/, 'the mapping document')}`);
  const document = shape.value.document;

  const seen = new Set<string>();
  const samples = manifest.samples.map((s, i) => {
    const where = `${MANIFEST_FILE} samples[${i}]`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(s.source)) throw new ApiFailure('invalid-request', `${where}: source id "${s.source}" is not a valid id.`);
    const file = insideFolder(root, s.file, where);
    const name = path.basename(file);
    if (seen.has(name.toLowerCase())) throw new ApiFailure('invalid-request', `${where}: a second sample is named "${name}".`);
    seen.add(name.toLowerCase());
    return { file: name, source: s.source, format: s.format, content: readBytes(file, s.file, LIMITS.content) };
  });
  const tests = manifest.tests.map((rel) => {
    const value = readJson(root, rel, LIMITS.content);
    const t = validateRequest('tests.save', { projectId: 'p', test: value });
    if (!t.ok) throw new ApiFailure('invalid-request', `${rel}: ${t.message.replace(/^Invalid request for tests\.save: \/test/, 'the test case')}`);
    return t.value.test;
  });
  return { manifest, mappingText, document, samples, tests };
}

/** Lists the example project folders directly under `dir` (those holding a manifest). */
export function listProjectFolders(dir: string): { key: string; dir: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, MANIFEST_FILE)))
    .map((d) => ({ key: d.name, dir: path.join(dir, d.name) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
