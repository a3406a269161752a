/**
 * The code view's gate between typed text and the live document: text is applied to the canvas
 * only when it parses as JSON and has the structure the workbench walks (arrays where it iterates,
 * objects where it indexes). Full JSON Schema validation runs in Monaco's JSON worker and shows as
 * markers; this check is the synchronous, eval-free minimum that keeps the canvas from crashing on a
 * half-typed document. (ajv would compile validators with `new Function`, which the renderer's CSP
 * forbids, hence a hand-written check.)
 */
import { MAPPING_FORMAT, MAPPING_FORMAT_VERSION, type MappingDocument } from '../../../../mappings/document/types';

/** Why the text cannot be applied, with a JSON Pointer to the offending value ('' = root). */
export interface ShapeProblem {
  pointer: string;
  message: string;
}

export type ParsedDocument = { ok: true; doc: MappingDocument } | { ok: false; problem: ShapeProblem; syntax: boolean };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const STRINGS = ['id', 'name', 'version', 'namespace', 'sourceSystem'] as const;
const ARRAYS = ['sources', 'joins', 'filters', 'valueMaps', 'entities', 'links'] as const;

/** Returns the first structural problem of a parsed value, or null when it is a usable document. */
export function shapeProblem(raw: unknown): ShapeProblem | null {
  if (!isObj(raw)) return { pointer: '', message: 'The mapping document must be a JSON object' };
  if (raw.format !== MAPPING_FORMAT) return { pointer: '/format', message: `"format" must be "${MAPPING_FORMAT}"` };
  if (raw.formatVersion !== MAPPING_FORMAT_VERSION)
    return {
      pointer: '/formatVersion',
      message: `"formatVersion" must be ${MAPPING_FORMAT_VERSION} (older documents are migrated when opened, not in the code view)`,
    };
  for (const k of STRINGS)
    if (typeof raw[k] !== 'string') return { pointer: `/${k}`, message: `"${k}" must be a string` };
  for (const k of ARRAYS) {
    const list = raw[k];
    if (!Array.isArray(list)) return { pointer: `/${k}`, message: `"${k}" must be an array` };
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      if (!isObj(item)) return { pointer: `/${k}/${i}`, message: `"${k}[${i}]" must be an object` };
      if (typeof item.id !== 'string') return { pointer: `/${k}/${i}/id`, message: `"${k}[${i}].id" must be a string` };
    }
  }
  const sources = raw.sources as Obj[];
  for (let i = 0; i < sources.length; i++) {
    const schema = sources[i].schema;
    if (!isObj(schema) || !Array.isArray(schema.fields))
      return {
        pointer: `/sources/${i}/schema`,
        message: `"sources[${i}].schema" must be an object with a "fields" array`,
      };
  }
  const entities = raw.entities as Obj[];
  for (let i = 0; i < entities.length; i++) {
    if (!Array.isArray(entities[i].fields))
      return { pointer: `/entities/${i}/fields`, message: `"entities[${i}].fields" must be an array` };
  }
  if (!isObj(raw.target) || typeof raw.target.modelId !== 'string')
    return { pointer: '/target', message: '"target" must be an object with a "modelId" string' };
  if (!isObj(raw.root) || !Array.isArray(raw.root.fields))
    return { pointer: '/root', message: '"root" must be an object with a "fields" array' };
  if (!isObj(raw.layout) || !isObj(raw.layout.nodes) || !Array.isArray(raw.layout.comments))
    return { pointer: '/layout', message: '"layout" must be an object with a "nodes" object and a "comments" array' };
  return null;
}

/** Parses code-view text into a document, or says why it cannot be applied. */
export function parseDocumentText(text: string): ParsedDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      syntax: true,
      problem: { pointer: '', message: err instanceof Error ? err.message : String(err) },
    };
  }
  const problem = shapeProblem(raw);
  return problem ? { ok: false, syntax: false, problem } : { ok: true, doc: raw as MappingDocument };
}
