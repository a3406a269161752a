import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { diag } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { DOC } from './codes';
import { MAPPING_FORMAT, MAPPING_FORMAT_VERSION, type EntityRule, type FieldRule, type Json, type ValueMapDecl, type ValueNode } from './types';

/**
 * Format history.
 *
 * Version 0 (the first preview) had one `source` object, the target as a `"model@version"` string,
 * value maps as `lookups` (`{name, table: {from: to}, default?, scheme?}`) and a flat list of
 * `mappings` rows `{id, entity?, forEach?, target, from?, value?, function?, lookup?}`, each row
 * assigning one target field (rows without `entity` filled the root). Version 1 groups rows into
 * entity rules, makes value computations trees of value nodes and adds joins, filters, links and
 * layout.
 *
 * Migrations are deterministic: ids that version 0 lacked are derived from a hash of the mapping id
 * and the element's position, so migrating the same file twice gives the same document.
 */

export interface MigrationResult {
  /** The document in the current format version, or undefined when it cannot be migrated. */
  document?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** The format version the input was in, when it was migrated. */
  migratedFrom?: number;
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

function derivedId(prefix: string, seed: string): string {
  const h = sha256(utf8ToBytes(seed));
  let s = '';
  for (let i = 0; i < 10; i++) s += BASE32[h[i] & 31];
  return `${prefix}-${s}`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class MigrationError extends Error {}

function need<T>(v: unknown, test: (v: unknown) => boolean, what: string): T {
  if (!test(v)) throw new MigrationError(what);
  return v as T;
}
const isString = (v: unknown) => typeof v === 'string' && v.length > 0;

function migrate0to1(doc: Obj): Obj {
  const docId = need<string>(doc.id, isString, '"id" must be a non-empty string');
  const seed = (what: string) => `${docId}/${what}`;
  const source = need<Obj>(doc.source, isObj, '"source" must be an object');
  const targetText = need<string>(doc.target, (v) => typeof v === 'string' && /^[^@]+@[^@]+$/.test(v), '"target" must be "model@version"');
  const [modelId, modelVersion] = targetText.split('@');
  const lookups = need<unknown[]>(doc.lookups ?? [], Array.isArray, '"lookups" must be an array');
  const rows = need<unknown[]>(doc.mappings ?? [], Array.isArray, '"mappings" must be an array');

  const valueMaps: ValueMapDecl[] = lookups.map((raw, i) => {
    const l = need<Obj>(raw, isObj, `lookups[${i}] must be an object`);
    const name = need<string>(l.name, isString, `lookups[${i}].name must be a non-empty string`);
    const table = need<Obj>(l.table, isObj, `lookups[${i}].table must be an object`);
    const entries = Object.entries(table).map(([from, to]) => ({
      from,
      to: need<string>(to, (v) => typeof v === 'string', `lookups[${i}].table["${from}"] must be a string`),
      quality: 'exact' as const,
    }));
    return {
      id: derivedId('vm', seed(`lookup/${name}`)),
      name,
      ...(typeof l.scheme === 'string' ? { targetScheme: l.scheme } : {}),
      entries,
      unmapped: typeof l.default === 'string' ? { policy: 'default' as const, value: l.default } : { policy: 'passthrough' as const },
      output: 'code' as const,
    };
  });
  const mapIdByName = new Map(valueMaps.map((m) => [m.name, m.id]));

  const rootFields: FieldRule[] = [];
  const entities: EntityRule[] = [];
  const entityByGroup = new Map<string, EntityRule>();
  rows.forEach((raw, i) => {
    const r = need<Obj>(raw, isObj, `mappings[${i}] must be an object`);
    const rowId = typeof r.id === 'string' && r.id ? r.id : derivedId('r', seed(`row/${i}`));
    const target = need<string>(r.target, isString, `mappings[${i}].target must be a non-empty string`);
    const node = (suffix: string) => derivedId('n', seed(`row/${rowId}/${suffix}`));
    let value: ValueNode;
    if (typeof r.from === 'string') value = { id: node('from'), kind: 'field', path: r.from };
    else if (r.value !== undefined) value = { id: node('value'), kind: 'const', value: r.value as Json };
    else throw new MigrationError(`mappings[${i}] has neither "from" nor "value"`);
    if (r.function !== undefined) value = { id: node('fn'), kind: 'call', fn: need<string>(r.function, isString, `mappings[${i}].function must be a name`), args: [value] };
    if (r.lookup !== undefined) {
      const vm = mapIdByName.get(r.lookup as string);
      if (!vm) throw new MigrationError(`mappings[${i}].lookup "${String(r.lookup)}" is not a lookup name`);
      value = { id: node('lookup'), kind: 'map', valueMap: vm, input: value };
    }
    const rule: FieldRule = { id: rowId, target, value };
    if (r.entity === undefined) {
      rootFields.push(rule);
      return;
    }
    const entity = need<string>(r.entity, isString, `mappings[${i}].entity must be a non-empty string`);
    const forEach = r.forEach === undefined ? undefined : need<string>(r.forEach, isString, `mappings[${i}].forEach must be a path`);
    const group = `${entity}\u0000${forEach ?? ''}`;
    let er = entityByGroup.get(group);
    if (!er) {
      er = {
        id: derivedId('r', seed(`entity/${group}`)),
        entity,
        ...(forEach ? { forEach: { path: forEach, as: 'item' } } : {}),
        fields: [],
      };
      entityByGroup.set(group, er);
      entities.push(er);
    }
    er.fields.push(rule);
  });

  const out: Obj = {
    format: MAPPING_FORMAT,
    formatVersion: 1,
    id: docId,
    name: doc.name,
    version: doc.version,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    namespace: doc.namespace,
    sourceSystem: doc.sourceSystem ?? source.name,
    sources: [
      {
        id: derivedId('s', seed('source')),
        name: source.name,
        format: source.format,
        primary: true,
        ...(source.recordPath !== undefined ? { recordPath: source.recordPath } : {}),
        schema: source.schema,
      },
    ],
    joins: [],
    target: { modelId, modelVersion },
    filters: [],
    valueMaps,
    root: { fields: rootFields },
    entities,
    links: [],
    layout: { nodes: {}, comments: [] },
  };
  return out;
}

const MIGRATIONS: Record<number, (doc: Obj) => Obj> = { 0: migrate0to1 };

/**
 * Brings a parsed document (any format version) to the current one. Refuses documents from a newer
 * Mapwright with a clear message. Does not validate the result (parseMapping does).
 */
export function migrateMapping(raw: unknown, file?: string): MigrationResult {
  const at = { ...(file ? { file } : {}), pointer: '/formatVersion' };
  if (!isObj(raw)) return { diagnostics: [diag(DOC.MW3002, {}, { ...(file ? { file } : {}), pointer: '' })] };
  if (raw.format !== undefined && raw.format !== MAPPING_FORMAT) {
    return { diagnostics: [diag(DOC.MW3202, { found: JSON.stringify(raw.format) }, { ...at, pointer: '/format' })] };
  }
  const version = raw.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { diagnostics: [diag(DOC.MW3203, { version: JSON.stringify(version) ?? 'undefined', detail: '"formatVersion" must be a whole number' }, at)] };
  }
  if (version > MAPPING_FORMAT_VERSION) {
    return { diagnostics: [diag(DOC.MW3201, { found: version, supported: MAPPING_FORMAT_VERSION }, at)] };
  }
  let doc: Obj = raw;
  for (let v = version; v < MAPPING_FORMAT_VERSION; v++) {
    try {
      doc = MIGRATIONS[v](doc);
    } catch (e) {
      if (e instanceof MigrationError) return { diagnostics: [diag(DOC.MW3203, { version: v, detail: e.message }, at)] };
      throw e;
    }
  }
  if (version === MAPPING_FORMAT_VERSION) return { document: doc, diagnostics: [] };
  return { document: doc, migratedFrom: version, diagnostics: [diag(DOC.MW3204, { from: version, to: MAPPING_FORMAT_VERSION }, at)] };
}
