/**
 * The mapping document: the one canonical, versioned, diff-friendly description of a mapping.
 * The canvas is a view of it, the code view edits it, the compiler compiles it and bundles ship it.
 * It is never rebuilt from generated code.
 *
 * Semantics and layout are kept apart: everything under `layout` is presentation only and never
 * changes what a mapping does (the compiler ignores it; the semantic diff ignores it).
 *
 * Ids: every rule (`r-…`), value node (`n-…`), value map (`vm-…`), source (`s-…`) and join (`j-…`)
 * has an id that is created once and never regenerated, so diffs and layout stay attached.
 *
 * Execution model, in one paragraph: the transform is called once per record of the primary source
 * (with joined records from secondary sources attached). Record filters run first; a failing filter
 * rejects the record with its reason. The root rule fills the output document's own fields. Each
 * entity rule creates zero or more target entities: once, or once per element of a `forEach`
 * collection (nested loops via `parent`), when its `when` condition holds. Link rules connect entity
 * instances created in the same (or an enclosing) loop iteration. Every entity and link gets a stable
 * id (UUID v5 in the mapping's namespace, from the entity type and its key values) and provenance.
 */

import type { FieldTree } from '../model/field-tree';

export const MAPPING_FORMAT = 'mapwright.mapping' as const;
export const MAPPING_FORMAT_VERSION = 1 as const;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface MappingDocument {
  format: typeof MAPPING_FORMAT;
  formatVersion: typeof MAPPING_FORMAT_VERSION;
  /** UUID of the mapping; stable across versions. */
  id: string;
  name: string;
  /** Semver of this mapping (bumped on export). */
  version: string;
  description?: string;
  /** UUID namespace for deterministic entity ids (UUID v5). */
  namespace: string;
  /** Value for `provenance.sourceSystem` on every output entity and link. */
  sourceSystem: string;
  /** Source record id for provenance (`provenance.sourceRecordId`), e.g. the crime reference. */
  recordId?: ValueNode;
  /** Input sources; exactly one is `primary`. */
  sources: SourceDecl[];
  /** Secondary sources joined onto each primary record by key. */
  joins: JoinDecl[];
  /** Target model the mapping was written against (pinned id and version). */
  target: TargetDecl;
  /** Record filters: a record failing any `when` is rejected with `reason`. */
  filters: FilterRule[];
  /** Named value maps (supplier codes → target code list). */
  valueMaps: ValueMapDecl[];
  /** Fills fields on the output document's root (for POLE: none needed; for flat models: all). */
  root: RootRule;
  entities: EntityRule[];
  links: LinkRule[];
  /** Presentation only: canvas positions, collapsed state, comments. Ignored by the compiler. */
  layout: Layout;
}

export interface SourceDecl {
  id: string;
  name: string;
  format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml';
  primary: boolean;
  /** XML record element path or JSON array path. */
  recordPath?: string;
  /** The source's field tree (inlined so the document is self-contained). */
  schema: FieldTree;
  /** Hash of the schema the tree came from (`sha256:…`), to detect drift on re-import. */
  schemaHash?: string;
}

export interface JoinDecl {
  id: string;
  /** Secondary source id. */
  source: string;
  /** Name under which the joined records appear on the primary record, e.g. `vehicles`. */
  as: string;
  /** Key equality: value computed on the primary record and field path on the secondary record. */
  on: { primary: ValueNode; foreign: string }[];
  /** `many`: an array of matches (`vehicles[]`); `one`: the first match or absent. */
  cardinality: 'one' | 'many';
}

export interface TargetDecl {
  modelId: string;
  modelVersion: string;
}

export interface FilterRule {
  id: string;
  when: ValueNode;
  reason: string;
}

export type MappingQuality = 'exact' | 'broader' | 'narrower' | 'lossy';

export interface ValueMapEntry {
  from: string;
  to: string;
  quality: MappingQuality;
  /** Optional note shown to reviewers. */
  note?: string;
}

export type UnmappedPolicy =
  | { policy: 'default'; value: string }
  | { policy: 'passthrough' }
  | { policy: 'reject' };

export interface ValueMapDecl {
  id: string;
  name: string;
  /** Source scheme name, shown to reviewers (e.g. `ACME_ETHNICITY`). */
  sourceScheme?: string;
  /** Target code list scheme (e.g. `SDE_18_1`); entries' `to` must be codes of it. */
  targetScheme?: string;
  /** Use a crosswalk from the target model; explicit `entries` take precedence over it. */
  crosswalk?: string;
  entries: ValueMapEntry[];
  /** Match ignoring case and surrounding white space. */
  caseInsensitive?: boolean;
  unmapped: UnmappedPolicy;
  /**
   * `code`: the mapped code string. `coded`: a Coded object
   * `{code, scheme, label?, sourceCode, sourceScheme?, mappingQuality}` (labels from the code list).
   */
  output: 'code' | 'coded';
}

/** Assigns a value to one target path, relative to the entity (or root) being built. */
export interface FieldRule {
  id: string;
  /** Target path inside the entity: `names[0].family`, `dateOfBirth`, `identifiers[]` (append). */
  target: string;
  value: ValueNode;
  /** Free-text note, shown in code view, review table and canvas tooltips. */
  comment?: string;
}

export interface RootRule {
  fields: FieldRule[];
}

export interface LoopSpec {
  /** Collection path relative to the enclosing scope, e.g. `persons[]`. */
  path: string;
  /** Name of the loop variable in expressions (e.g. `person`); the element is also the default scope. */
  as: string;
}

export interface EntityRule {
  id: string;
  /** Target model entity name, e.g. `Person`, `Event`, `Object`, `Location`. */
  entity: string;
  /** Optional label for the canvas and review report (e.g. "Victims and suspects"). */
  label?: string;
  /** Iterate a collection; omit to create at most one entity per record. */
  forEach?: LoopSpec;
  /**
   * Entity rule whose loop scope this rule's scope is nested in. Scope only: the parent's `when`
   * does not gate this rule.
   */
  parent?: string;
  /** Create only when this evaluates truthy. */
  when?: ValueNode;
  /**
   * Identity: the entity id is `<entity>:<uuidv5(namespace, JSON([entity, ...keyValues]))>`.
   * Two instances with the same key in one record are deduplicated (fields merged, first wins
   * per top-level field; `provenance.ruleIds` lists every contributing rule).
   * Without a key, or when every key value is empty, the id derives from the rule, the record
   * (`recordId`, else the record number) and the loop indexes (stable, not dedupable).
   */
  key?: ValueNode[];
  fields: FieldRule[];
  /** Keep source fields of this scope that no rule reads under `extensions`. */
  keepUnmapped?: boolean;
}

export interface LinkRule {
  id: string;
  /**
   * Link role code (LINK_ROLE), constant or computed (e.g. mapped from a supplier role code). A code
   * string becomes `{code, scheme, label}`; a Coded object is used as is; empty rejects the record.
   */
  role: ValueNode;
  /** Entity rule ids; instances are taken from the same loop iteration or an enclosing one. */
  from: string;
  to: string;
  /** Iterate like an entity rule, to make one link per element. */
  forEach?: LoopSpec;
  parent?: string;
  when?: ValueNode;
  fields: FieldRule[];
}

/** Common fields of every value node: a stable id (layout and lineage attach to it). */
interface NodeBase {
  id: string;
}

/**
 * A value computation: a small tree whose leaves are source fields and constants.
 * Canvas: `field` leaves are edges from source handles; every other kind is a node.
 */
export type ValueNode =
  | FieldRef
  | ConstNode
  | CallNode
  | ExprNode
  | MapNode
  | CondNode
  | AggregateNode
  | ObjectNode
  | ArrayNode;

export interface FieldRef extends NodeBase {
  kind: 'field';
  /** Path relative to the scope (current loop element, or the record at top level). */
  path: string;
  /** Scope to read from: a loop variable name, or `$record` (the primary record). Default: innermost. */
  scope?: string;
}

export interface ConstNode extends NodeBase {
  kind: 'const';
  value: Json;
}

export interface CallNode extends NodeBase {
  kind: 'call';
  /** Function library name, e.g. `trim`, `parseDate`, `postcode.normalise`. */
  fn: string;
  args: ValueNode[];
}

export interface ExprNode extends NodeBase {
  kind: 'expr';
  /** Expression language source text. Scope names and fields are visible as identifiers. */
  code: string;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  valueMap: string;
  input: ValueNode;
}

export interface CondNode extends NodeBase {
  kind: 'cond';
  /** if / else-if chain: first branch whose `when` is truthy wins. */
  branches: { when: ValueNode; then: ValueNode }[];
  else?: ValueNode;
}

export interface AggregateNode extends NodeBase {
  kind: 'aggregate';
  op: 'first' | 'last' | 'join' | 'count' | 'distinct';
  /** A many-valued input (path through a collection). */
  input: ValueNode;
  separator?: string;
}

/** Builds an object (e.g. a FuzzyDate or Coded) from named parts. */
export interface ObjectNode extends NodeBase {
  kind: 'object';
  fields: Record<string, ValueNode>;
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: ValueNode[];
}

export interface Layout {
  /** Canvas positions by node id, rule id, or `source:<id>` / `target`. */
  nodes: Record<string, { x: number; y: number; collapsed?: boolean; width?: number }>;
  viewport?: { x: number; y: number; zoom: number };
  comments: { id: string; text: string; x: number; y: number }[];
}

/** A saved test case: one input record (plus joined rows) and the expected output document. */
export interface TestCase {
  id: string;
  name: string;
  /** Primary record. */
  input: Json;
  /** Secondary source rows, by source id, used for joins. */
  joined?: Record<string, Json[]>;
  /** Expected output document, or an expected reject. */
  expected: { output: Json } | { reject: { code: string; ruleId?: string } };
}

/**
 * A project as a plain folder (diff-friendly, for git), the exchange format between the workspace
 * store, the CLI (`mapwright test PROJECT_DIR`) and bundles:
 *
 * ```
 * mapwright-project.json   { format: "mapwright.project", formatVersion: 1, id, name, description?, mapping: "mapping.json" }
 * mapping.json             MappingDocument (canonical serialisation)
 * samples/<name>.<ext>     sample data files; project file lists them with their source id
 * tests/<id>.json          TestCase
 * ```
 */
export interface ProjectManifest {
  format: 'mapwright.project';
  formatVersion: 1;
  id: string;
  name: string;
  description?: string;
  mapping: string;
  samples: { file: string; source: string; format: SourceDecl['format'] }[];
  tests: string[];
}
