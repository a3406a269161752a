/**
 * Target models: a JSON Schema plus the code lists and crosswalks its fields are bound to, read
 * into field trees the checker, compiler and canvas share. Any JSON Schema can be a target; a
 * schema with the `x-mapwright` keyword declares entity collections (POLE style), one without it is
 * a flat target (one output document per record, no entities).
 */
import { diag } from '../diagnostics/catalog';
import { MappingError, type Diagnostic } from '../diagnostics/diagnostic';
import { MODEL } from './codes';
import { validateCodeLists, type CodeList, type CodeListEntry, type Crosswalk } from './code-lists';
import { walkFields, type FieldNode, type FieldTree, type SourcePosition } from './field-tree';
import { parseJsonWithPositions } from './json-position';
import { detectDialect, getPointer, schemaFields, type SchemaDialect } from './json-schema-tree';

/** An entity kind of a model: where its definition is and which output collection holds it. */
export interface EntityDef {
  /** e.g. `Person`. */
  name: string;
  /** JSON Pointer reference to the definition, e.g. `#/$defs/Person`. */
  def: string;
  /** Output document array that holds instances, e.g. `entities`. */
  collection: string;
  /** Fields of one instance, with paths relative to the entity (`dateOfBirth.value`). */
  tree: FieldNode[];
}

export interface LinkDef {
  def: string;
  collection: string;
  tree: FieldNode[];
}

export interface TargetModel {
  id: string;
  version: string;
  name: string;
  description?: string;
  /** The JSON Schema itself (treat as read-only). */
  schema: Record<string, unknown>;
  dialect: SchemaDialect;
  /** File the schema was loaded from, when known (positions in the trees refer to it). */
  file?: string;
  codeLists: Record<string, CodeList>;
  crosswalks: Record<string, Crosswalk>;
  /** Entity kinds; empty for a flat target. */
  entities: EntityDef[];
  links?: LinkDef;
  /** Code list that link roles come from (POLE: `LINK_ROLE`). */
  linkRoleScheme?: string;
  /** The whole output document. */
  tree: FieldTree;
}

export interface LoadTargetModelOptions {
  codeLists?: CodeList[] | Record<string, CodeList>;
  crosswalks?: Crosswalk[] | Record<string, Crosswalk>;
  id?: string;
  version?: string;
  name?: string;
  /** File name for positions and diagnostics. */
  file?: string;
  /** The schema's JSON text, to give every field the line and column it is declared at. */
  text?: string;
  /** Per-scheme / per-crosswalk file names for code-list diagnostics. */
  codeListFiles?: Record<string, string>;
}

interface XMapwright {
  modelId?: string;
  modelVersion?: string;
  name?: string;
  entities?: Record<string, { def: string; collection: string }>;
  links?: { def: string; collection: string };
  linkRoleScheme?: string;
}

/**
 * Reads any JSON Schema as a target model. Problems (unresolvable `$ref`s, a declared entity with
 * no definition, bad code lists, fields bound to missing code lists) come back as diagnostics; only
 * a value that is not a schema at all throws.
 *
 * @example
 * const { model, diagnostics } = loadTargetModel(JSON.parse(text), { text, file: 'force.schema.json' });
 * model.entities.length === 0 // a flat target
 */
export function loadTargetModel(
  schema: unknown,
  options: LoadTargetModelOptions = {},
): { model: TargetModel; diagnostics: Diagnostic[] } {
  const fileLoc = options.file ? { file: options.file } : {};
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new MappingError(diag(MODEL.MW2002, { what: 'a target model must be a JSON object' }, fileLoc));
  }
  const root = schema as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  let positions: Map<string, SourcePosition> | undefined;
  if (options.text !== undefined) positions = parseJsonWithPositions(options.text, options.file).positions;

  const dialect = detectDialect(root);
  if (!dialect.known) diagnostics.push(diag(MODEL.MW2006, { dialect: dialect.declared ?? '' }, fileLoc));
  const x = (
    typeof root['x-mapwright'] === 'object' && root['x-mapwright'] !== null ? root['x-mapwright'] : {}
  ) as XMapwright;
  const idFromSchema =
    typeof root.$id === 'string'
      ? root.$id
          .replace(/[#?].*$/, '')
          .replace(/\/$/, '')
          .replace(/^.*\//, '')
          .replace(/\.(schema\.)?json$/, '')
      : undefined;
  const id = options.id ?? x.modelId ?? idFromSchema ?? 'custom';
  const version = options.version ?? x.modelVersion ?? '0.0.0';
  const name = options.name ?? x.name ?? (typeof root.title === 'string' ? root.title : id);

  const treeOf = (def: string, label: string): FieldNode[] => {
    const ptr = def.replace(/^#/, '');
    if (getPointer(root, ptr) === undefined) {
      diagnostics.push(diag(MODEL.MW2007, { name: label, def }, { ...fileLoc, pointer: '/x-mapwright' }));
      return [];
    }
    const r = schemaFields(root, ptr, { positions, file: options.file });
    diagnostics.push(...r.diagnostics);
    return r.fields;
  };

  const entities: EntityDef[] = Object.entries(x.entities ?? {}).map(([entityName, e]) => ({
    name: entityName,
    def: e.def,
    collection: e.collection,
    tree: treeOf(e.def, entityName),
  }));
  const links = x.links
    ? { def: x.links.def, collection: x.links.collection, tree: treeOf(x.links.def, 'links') }
    : undefined;
  const whole = schemaFields(root, '', { positions, file: options.file });
  // Entity definitions are usually reached again through the document tree; report each problem once.
  const seen = new Set(diagnostics.map((d) => `${d.code}|${d.message}`));
  for (const d of whole.diagnostics) if (!seen.has(`${d.code}|${d.message}`)) diagnostics.push(d);

  const codeLists = toRecord(options.codeLists, (c) => c.scheme);
  const crosswalks = toRecord(options.crosswalks, (c) => c.id);
  diagnostics.push(...validateCodeLists(Object.values(codeLists), Object.values(crosswalks), options.codeListFiles));

  const model: TargetModel = {
    id,
    version,
    name,
    ...(typeof root.description === 'string' ? { description: root.description } : {}),
    schema: root,
    dialect: dialect.dialect,
    ...(options.file ? { file: options.file } : {}),
    codeLists,
    crosswalks,
    entities,
    ...(links ? { links } : {}),
    ...(x.linkRoleScheme ? { linkRoleScheme: x.linkRoleScheme } : {}),
    tree: { id: `model:${id}@${version}`, name, origin: 'model', fields: whole.fields },
  };

  const missing = new Set<string>();
  for (const t of [model.tree.fields, ...entities.map((e) => e.tree), links?.tree ?? []]) {
    for (const f of walkFields(t)) if (f.codeList && !codeLists[f.codeList]) missing.add(f.codeList);
  }
  if (x.linkRoleScheme && !codeLists[x.linkRoleScheme]) missing.add(x.linkRoleScheme);
  for (const scheme of [...missing].sort()) diagnostics.push(diag(MODEL.MW2011, { scheme }, fileLoc));
  return { model, diagnostics };
}

function toRecord<T>(v: T[] | Record<string, T> | undefined, key: (t: T) => string): Record<string, T> {
  if (!v) return {};
  if (!Array.isArray(v)) return { ...v };
  return Object.fromEntries(v.map((t) => [key(t), t]));
}

/** The code-list entry for a code, or `undefined`. */
export function codeEntry(model: TargetModel, scheme: string, code: string): CodeListEntry | undefined {
  return model.codeLists[scheme]?.codes.find((c) => c.code === code);
}

/**
 * The label of a code in one of the model's code lists, or `undefined` when the scheme or code is
 * unknown. @example codeLabel(pole, 'SEX', 'F') // 'Female'
 */
export function codeLabel(model: TargetModel, scheme: string, code: string): string | undefined {
  return codeEntry(model, scheme, code)?.label;
}

/** A crosswalk by id (`SDE_16_1-to-SDE_18_1`), or by `{ from, to }` schemes. */
export function lookupCrosswalk(model: TargetModel, id: string | { from: string; to: string }): Crosswalk | undefined {
  if (typeof id === 'string') return model.crosswalks[id];
  return Object.values(model.crosswalks).find((c) => c.fromScheme === id.from && c.toScheme === id.to);
}

/** The entity definition for a name (`Person`), or `undefined`. */
export function entityDef(model: TargetModel, name: string): EntityDef | undefined {
  return model.entities.find((e) => e.name === name);
}
