/**
 * Scope resolution: which source fields a rule can read, by name and through `$record`.
 *
 * The checker, the canvas (source handles inside a loop) and the expression editor (completions)
 * all need the same answer, so it lives here once. A rule's scope is a chain of frames: the
 * primary record (with joined sources attached under their `as` names), then one frame per loop
 * of the rule's `parent` chain and its own `forEach`, innermost last.
 */
import type { ExprScope, ExprVariable } from '../expr/types';
import type { EntityRule, LinkRule, MappingDocument } from '../document/types';
import { fieldsByName, parsePath, type FieldNode, type FieldTree, type FieldType } from '../model/field-tree';

/** One level of scope: the record itself, or the element of a loop. */
export interface ScopeFrame {
  /** `$record` for the record frame, else the loop variable name. */
  name: string;
  /** The rule that declared the loop (absent for the record frame). */
  ruleId?: string;
  /** The loop's collection path as written (relative to the enclosing frame). */
  loopPath?: string;
  /**
   * Absolute collection path from the record root, e.g. `persons[].aliases[]`; `''` for the record.
   * Two loops over the same absolute path are the same iteration space.
   */
  absPath: string;
  /** Fields visible inside one element (children of the collection node). */
  fields: FieldNode[];
  /** Type of one element (`object` for records and object collections). */
  elementType: FieldType;
}

/** The resolved scope of a rule: frames outermost first, plus any problems found on the way. */
export interface RuleScope {
  frames: ScopeFrame[];
  problems: ScopeProblem[];
  /**
   * True when the loop chain could not be resolved (unknown parent, cycle, bad loop path): the
   * frames stop where resolution failed, so field references cannot be judged fairly.
   */
  broken?: boolean;
}

export type ScopeProblem =
  | { kind: 'unknown-parent'; ruleId: string; parent: string }
  | { kind: 'parent-cycle'; ruleId: string; chain: string[] }
  | { kind: 'bad-loop'; ruleId: string; path: string; reason: 'unknown' | 'not-collection'; resolvedUpTo?: string }
  | { kind: 'shadowed'; ruleId: string; name: string };

/** Result of resolving a field reference against a scope. */
export interface ResolvedRef {
  /** The frame the reference reads from. */
  frame: ScopeFrame;
  /** The field reached, or undefined for an empty path (the frame's element itself). */
  field?: FieldNode;
  /** Type of one value produced. */
  type: FieldType;
  /** True when the path passes through a collection (`[]`), so it yields many values. */
  many: boolean;
  /** Absolute path from the record root (for coverage of source fields). */
  absPath: string;
}

export type ResolveFailure =
  | { ok: false; reason: 'unknown-scope'; scope: string }
  | { ok: false; reason: 'unknown-field'; at: string; candidates: string[]; frame: ScopeFrame };

/** True for a collection node: a repeating element or an array. */
export function isCollection(f: FieldNode): boolean {
  return f.cardinality === 'many' || f.type === 'array';
}

/** Appends a segment to an absolute path in field-tree syntax (quoted names stay quoted). */
function appendSegment(base: string, seg: { name: string; many: boolean }): string {
  const plain = /^[@#]?[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg.name);
  const s = (plain ? seg.name : `[${JSON.stringify(seg.name)}]`) + (seg.many ? '[]' : '');
  if (!base) return s;
  return s.startsWith('[') ? base + s : `${base}.${s}`;
}

/** Re-roots a secondary source's fields under `prefix` so their paths read from the primary record. */
function reroot(fields: readonly FieldNode[], prefix: string): FieldNode[] {
  return fields.map((f) => {
    const segs = safeParse(f.path);
    const last = segs[segs.length - 1] ?? { name: f.name, many: isCollection(f) };
    const path = appendSegment(prefix, last);
    return { ...f, path, ...(f.children ? { children: reroot(f.children, path) } : {}) };
  });
}

function safeParse(path: string): { name: string; many: boolean }[] {
  try {
    return parsePath(path);
  } catch {
    return [];
  }
}

/** The primary source of a document, if exactly one is marked primary (else the first). */
export function primarySource(doc: MappingDocument) {
  return doc.sources.find((s) => s.primary) ?? doc.sources[0];
}

/**
 * The fields of one primary record as the transform sees it: the primary source's fields plus one
 * field per join (`vehicles[]` for `many`, `vehicles` for `one`) holding the secondary fields.
 */
export function recordFields(doc: MappingDocument, sourceTree?: FieldTree): FieldNode[] {
  // One list per document (and source tree): every rule's scope, the checker and the compiler then
  // hold the same array, so the expression analyses keyed by it (analyseShared, fieldIndex) are
  // reused across rules and between check and compile instead of rebuilt per rule.
  if (sourceTree && sourceTree === primarySource(doc)?.schema) sourceTree = undefined;
  const memo = recordFieldsMemo.get(doc);
  const parts = memoParts(doc);
  if (memo && memo.sourceTree === sourceTree && sameRefs(memo.parts, parts)) return memo.fields;
  const fields = sameContent(doc, sourceTree);
  recordFieldsMemo.set(doc, { sourceTree, parts, fields });
  return fields;
}

/**
 * Record field lists by content, across documents. Every edit in the app reaches the preview worker
 * as a new document object (a structured clone), so the per-document memo alone misses on every
 * edit and every expression of the mapping is parsed and typed again. Handing out the list built
 * for an earlier document with the same source schemas and joins keeps its identity, and with it
 * the expression analyses and name indexes keyed by it (`analyseShared`, `fieldsByName`): an edit
 * re-analyses only the expressions it changed. Serialising the schemas costs a fraction of a
 * millisecond for the example; re-analysing its expressions cost a few. The lists are read-only
 * for every user already (each rule of a document shares one).
 */
const recordFieldsByContent = new Map<string, FieldNode[]>();
const RECORD_FIELDS_BY_CONTENT_MAX = 8;

function sameContent(doc: MappingDocument, sourceTree?: FieldTree): FieldNode[] {
  const base = sourceTree ?? primarySource(doc)?.schema;
  const key = JSON.stringify([
    base?.fields ?? [],
    doc.joins.map((j) => {
      const src = doc.sources.find((s) => s.id === j.source);
      return src ? [j.as, j.cardinality, src.name, j.on.map((o) => o.foreign), src.schema.fields] : null;
    }),
  ]);
  const hit = recordFieldsByContent.get(key);
  if (hit) {
    recordFieldsByContent.delete(key);
    recordFieldsByContent.set(key, hit);
    return hit;
  }
  const fields = buildRecordFields(doc, sourceTree);
  recordFieldsByContent.set(key, fields);
  if (recordFieldsByContent.size > RECORD_FIELDS_BY_CONTENT_MAX) recordFieldsByContent.delete(recordFieldsByContent.keys().next().value!);
  return fields;
}

/**
 * Keyed weakly by document; an entry is trusted only while the document holds the same source,
 * schema and join objects (the editor replaces what it edits, structurally shared; a caller that
 * swaps a schema or join in place changes one of these references and gets a fresh list).
 */
const recordFieldsMemo = new WeakMap<MappingDocument, { sourceTree?: FieldTree; parts: unknown[]; fields: FieldNode[] }>();

function memoParts(doc: MappingDocument): unknown[] {
  const parts: unknown[] = [doc.sources, doc.joins];
  for (const s of doc.sources) parts.push(s, s.schema, s.schema.fields, s.primary);
  for (const j of doc.joins) parts.push(j, j.as, j.source, j.cardinality);
  return parts;
}

function sameRefs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function buildRecordFields(doc: MappingDocument, sourceTree?: FieldTree): FieldNode[] {
  const base = sourceTree ?? primarySource(doc)?.schema;
  const out: FieldNode[] = [...(base?.fields ?? [])];
  for (const j of doc.joins) {
    const src = doc.sources.find((s) => s.id === j.source);
    if (!src) continue;
    const many = j.cardinality === 'many';
    const path = appendSegment('', { name: j.as, many });
    out.push({
      path,
      name: j.as,
      type: many ? 'array' : 'object',
      ...(many ? { itemType: 'object' as const } : {}),
      cardinality: many ? 'many' : 'optional',
      doc: `Rows of ${src.name} joined on ${j.on.map((o) => o.foreign).join(', ')}`,
      children: reroot(src.schema.fields, path),
    });
  }
  return out;
}

/** The rule with this id, entity or link. */
export function findRule(doc: MappingDocument, ruleId: string): EntityRule | LinkRule | undefined {
  return doc.entities.find((r) => r.id === ruleId) ?? doc.links.find((r) => r.id === ruleId);
}

/**
 * Walks a relative path from a list of fields. Segments must name children; `[]` steps into a
 * collection's elements. Returns the node reached and whether a collection was crossed.
 */
export function walkPath(
  fields: readonly FieldNode[],
  path: string,
  basePath = '',
  options: { open?: boolean } = {},
): { ok: true; field?: FieldNode; many: boolean; absPath: string; open?: boolean } | { ok: false; at: string; candidates: string[] } {
  let segs: { name: string; many: boolean }[];
  try {
    segs = parsePath(path);
  } catch {
    return { ok: false, at: path, candidates: fields.map((f) => f.name) };
  }
  let current: readonly FieldNode[] = fields;
  let field: FieldNode | undefined;
  let many = false;
  let abs = basePath;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const next = fieldsByName(current).get(seg.name);
    if (!next) {
      return { ok: false, at: segs.slice(0, i + 1).map((s) => s.name).join('.'), candidates: current.map((f) => f.name) };
    }
    // A `[]` on a non-collection is a mistake; a collection named without `[]` is the whole array.
    if (seg.many && !isCollection(next)) {
      return { ok: false, at: `${segs.slice(0, i + 1).map((s) => s.name).join('.')}[]`, candidates: [next.name] };
    }
    abs = appendSegment(abs, { name: seg.name, many: seg.many });
    if (seg.many) many = true;
    field = next;
    if (!seg.many && isCollection(next) && i < segs.length - 1) {
      // Reading through a collection without `[]` (e.g. `persons.name`) is the common slip.
      return { ok: false, at: `${segs.slice(0, i + 1).map((s) => s.name).join('.')}`, candidates: [`${next.name}[]`] };
    }
    current = next.children ?? [];
    // Target models may leave shared definitions (Coded, FuzzyDate…) unexpanded: an object with no
    // known children accepts any sub-path, and the target schema validates it at run time.
    if (options.open && !next.children?.length && (elementTypeOf(next) === 'object' || elementTypeOf(next) === 'any') && i < segs.length - 1) {
      return { ok: true, field: undefined, many, absPath: abs, open: true };
    }
  }
  return { ok: true, field, many, absPath: abs };
}

/** Type of one element of a collection node (`object` when it has fields). */
export function elementTypeOf(f: FieldNode): FieldType {
  if (f.type === 'array') return f.itemType ?? (f.children?.length ? 'object' : 'any');
  return f.type;
}

/**
 * Resolves the scope of a rule: the record frame, then one frame per loop (parent chain first).
 * Never throws; problems (unknown parents, cycles, bad loop paths) are returned alongside.
 */
export function resolveRuleScope(doc: MappingDocument, ruleOrId: string | EntityRule | LinkRule, sourceTree?: FieldTree): RuleScope {
  const problems: ScopeProblem[] = [];
  const record: ScopeFrame = { name: '$record', absPath: '', fields: recordFields(doc, sourceTree), elementType: 'object' };
  // Collect the chain innermost-first, stopping at the first unknown parent or cycle.
  const chain: (EntityRule | LinkRule)[] = [];
  const seen = new Set<string>();
  let rule = typeof ruleOrId === 'string' ? findRule(doc, ruleOrId) : ruleOrId;
  const ruleId = rule?.id ?? (ruleOrId as string);
  while (rule) {
    if (seen.has(rule.id)) {
      problems.push({ kind: 'parent-cycle', ruleId, chain: [...chain.map((r) => r.id), rule.id] });
      break;
    }
    seen.add(rule.id);
    chain.push(rule);
    if (!rule.parent) break;
    const parent: EntityRule | undefined = doc.entities.find((r) => r.id === rule!.parent);
    if (!parent) {
      problems.push({ kind: 'unknown-parent', ruleId: rule.id, parent: rule.parent });
      break;
    }
    rule = parent;
  }
  const frames: ScopeFrame[] = [record];
  // Past a broken parent link the loops mean nothing; resolving them would only add echoes.
  if (problems.length) return { frames, problems, broken: true };
  for (const r of chain.reverse()) {
    if (!r.forEach) continue;
    const outer = frames[frames.length - 1];
    const res = walkPath(outer.fields, r.forEach.path, outer.absPath);
    if (!res.ok) {
      problems.push({ kind: 'bad-loop', ruleId: r.id, path: r.forEach.path, reason: 'unknown' });
      return { frames, problems, broken: true };
    }
    if (!res.field || !res.many) {
      problems.push({ kind: 'bad-loop', ruleId: r.id, path: r.forEach.path, reason: 'not-collection' });
      return { frames, problems, broken: true };
    }
    if (frames.some((f) => f.name === r.forEach!.as)) problems.push({ kind: 'shadowed', ruleId: r.id, name: r.forEach.as });
    frames.push({
      name: r.forEach.as,
      ruleId: r.id,
      loopPath: r.forEach.path,
      absPath: res.absPath,
      fields: res.field.children ?? NO_FIELDS,
      elementType: elementTypeOf(res.field),
    });
  }
  return { frames, problems };
}

/**
 * Resolves a field reference (`{ path, scope? }`) in a rule's scope. Without `scope` the path is
 * read from the innermost frame, as the compiler does.
 */
export function resolveRef(scope: RuleScope, path: string, scopeName?: string): ({ ok: true } & ResolvedRef) | ResolveFailure {
  const frame = scopeName === undefined || scopeName === '' ? scope.frames[scope.frames.length - 1] : findFrame(scope, scopeName);
  if (!frame) return { ok: false, reason: 'unknown-scope', scope: scopeName ?? '' };
  if (path === '') {
    return { ok: true, frame, type: frame.elementType, many: false, absPath: frame.absPath };
  }
  const res = walkPath(frame.fields, path, frame.absPath);
  if (!res.ok) return { ok: false, reason: 'unknown-field', at: res.at, candidates: res.candidates, frame };
  const f = res.field!;
  const type: FieldType = res.many && f.type === 'array' ? elementTypeOf(f) : f.type;
  return { ok: true, frame, field: f, type, many: res.many, absPath: res.absPath };
}

/** The frame named `name`; the innermost frame with that name wins. */
export function findFrame(scope: RuleScope, name: string): ScopeFrame | undefined {
  for (let i = scope.frames.length - 1; i >= 0; i--) if (scope.frames[i].name === name) return scope.frames[i];
  return undefined;
}

/** The iteration space of a rule: absolute collection paths of its loops, outermost first. */
export function loopChain(scope: RuleScope): string[] {
  return scope.frames.slice(1).map((f) => f.absPath);
}

/** How a frame reads as an expression variable: an object of its fields, or a scalar element. */
export function variableOf(frame: Pick<ScopeFrame, 'name' | 'absPath' | 'fields' | 'elementType'>): ExprVariable {
  if (frame.elementType === 'object' || frame.fields.length) return { type: 'object', fields: frame.fields, doc: doc(frame) };
  return { type: frame.elementType, doc: doc(frame) };
}

function doc(frame: Pick<ScopeFrame, 'name' | 'absPath'>): string {
  return frame.name === '$record' ? 'The primary record, with joined sources' : `One element of ${frame.absPath}`;
}

/**
 * The expression scope inside a rule: the innermost frame's fields as bare names, every loop
 * variable of the chain, and `$record`. Use it for `checkExpression` and for completions.
 *
 * @example scopeFor(doc, 'r-person').fields.map(f => f.name) // ['surname', 'forenames', …]
 */
export function scopeFor(doc: MappingDocument, ruleId: string, sourceTree?: FieldTree): ExprScope {
  const rs = ruleId === '' || ruleId === '$root' ? resolveRootScope(doc, sourceTree) : resolveRuleScope(doc, ruleId, sourceTree);
  return exprScopeOf(rs);
}

/** The scope of the root rule, record filters, join keys and `recordId`: the record alone. */
export function resolveRootScope(doc: MappingDocument, sourceTree?: FieldTree): RuleScope {
  return { frames: [{ name: '$record', absPath: '', fields: recordFields(doc, sourceTree), elementType: 'object' }], problems: [] };
}

/** Converts a resolved rule scope to the expression language's scope. */
export function exprScopeOf(rs: RuleScope): ExprScope {
  const inner = rs.frames[rs.frames.length - 1];
  const variables: Record<string, ExprVariable> = {};
  for (const f of rs.frames) variables[f.name] = variableOf(f);
  return { fields: inner.fields, variables };
}

/** One shared empty list for scalar collections: analyses are keyed by field-list identity. */
const NO_FIELDS: FieldNode[] = [];

