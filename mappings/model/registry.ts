/**
 * The built-in target models. Each is loaded (trees built, code lists checked) on first use and
 * cached, so `getModel` is cheap after the first call.
 */
import { diag } from '../diagnostics/catalog';
import { MappingError, type Diagnostic } from '../diagnostics/diagnostic';
import { MODEL } from './codes';
import {
  POLE_V1_ID,
  POLE_V1_SCHEMA_FILE,
  POLE_V1_VERSION,
  poleV1CodeListFiles,
  poleV1CodeLists,
  poleV1Crosswalks,
  poleV1Schema,
} from './pole/v1';
import { loadTargetModel, type TargetModel } from './target-model';

export interface ModelSummary {
  id: string;
  version: string;
  name: string;
  description?: string;
  /** Entity kinds, e.g. `['Person', 'Object', 'Location', 'Event']`. */
  entities: string[];
  codeLists: number;
  crosswalks: number;
}

interface BuiltIn {
  id: string;
  version: string;
  load: () => { model: TargetModel; diagnostics: Diagnostic[] };
}

const BUILT_INS: BuiltIn[] = [
  {
    id: POLE_V1_ID,
    version: POLE_V1_VERSION,
    load: () =>
      loadTargetModel(poleV1Schema, {
        codeLists: poleV1CodeLists,
        crosswalks: poleV1Crosswalks,
        file: POLE_V1_SCHEMA_FILE,
        // The file is kept in JSON.stringify(…, null, 2) form (a test enforces it), so this
        // re-serialisation gives true line/column positions without reading the file.
        text: `${JSON.stringify(poleV1Schema, null, 2)}\n`,
        codeListFiles: poleV1CodeListFiles,
      }),
  },
];

const loaded = new Map<string, { model: TargetModel; diagnostics: Diagnostic[] }>();

function load(b: BuiltIn) {
  const key = `${b.id}@${b.version}`;
  let entry = loaded.get(key);
  if (!entry) {
    entry = b.load();
    loaded.set(key, entry);
  }
  return entry;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The built-in target models, newest version of each id first. */
export function listModels(): ModelSummary[] {
  return [...BUILT_INS]
    .sort((a, b) => a.id.localeCompare(b.id) || compareVersions(b.version, a.version))
    .map((b) => {
      const { model } = load(b);
      return {
        id: model.id,
        version: model.version,
        name: model.name,
        ...(model.description ? { description: model.description } : {}),
        entities: model.entities.map((e) => e.name),
        codeLists: Object.keys(model.codeLists).length,
        crosswalks: Object.keys(model.crosswalks).length,
      };
    });
}

/**
 * A built-in target model by id, optionally pinned to a version (default: the newest).
 * @throws MappingError (MW2013) when there is no such model.
 * @example getModel('pole').entities.map((e) => e.name) // ['Person', 'Object', 'Location', 'Event']
 */
export function getModel(id: string, version?: string): TargetModel {
  const candidates = BUILT_INS.filter((b) => b.id === id && (version === undefined || b.version === version)).sort(
    (a, b) => compareVersions(b.version, a.version),
  );
  if (!candidates.length) throw new MappingError(diag(MODEL.MW2013, { id, ...(version ? { version } : {}) }, {}));
  return load(candidates[0]).model;
}

/** Diagnostics raised while loading a built-in model (empty for a healthy build). */
export function builtInModelDiagnostics(id: string, version?: string): Diagnostic[] {
  const model = getModel(id, version);
  return loaded.get(`${model.id}@${model.version}`)?.diagnostics ?? [];
}
