/**
 * The compile plan: everything about a mapping document that both the code generator and the
 * reference interpreter need, resolved once — loop chains, scopes, target paths in target-model
 * order, prepared value maps, read sets for `keepUnmapped`. The generator turns it into straight-line
 * JavaScript; the interpreter walks it. Diagnostics are MW33xx (structural problems a document can
 * have against its target model that prevent compiling it).
 */
import { diag } from '../diagnostics/catalog';
import type { Diagnostic, Location } from '../diagnostics/diagnostic';
import { DOC } from '../document/codes';
import type { EntityRule, FieldRule, LinkRule, LoopSpec, MappingDocument, ValueMapDecl, ValueNode } from '../document/types';
import type { ExprScope, ExprVariable } from '../expr/types';
import { parsePath, type FieldNode, type FieldType } from '../model/field-tree';
import type { TargetModel } from '../model/target-model';
import { elementTypeOf, recordFields, variableOf } from '../checker/scope';
import { normaliseCode, type PreparedValueMap, type Seg, type TargetSeg } from '../runtime/helpers';

/** What the compiler needs of a function library entry. */
export interface FunctionInfo {
  context?: boolean;
}

export interface PlanOptions {
  /** Function registry (name → info); CallNodes naming other functions are errors. */
  functions: Record<string, FunctionInfo>;
}

/** One loop level of a rule's scope chain. */
export interface LoopFrame {
  /** 1-based depth (the record is depth 0). */
  depth: number;
  as: string;
  /** Collection path relative to the enclosing frame. */
  segs: Seg[];
  path: string;
  /** Fields of one element (from the source schema; empty when unknown). */
  fields: FieldNode[];
  /** Type of one element, as the checker's scope frames say it (`object` when unknown). */
  elementType: FieldType;
  /** Rule that declared this loop. */
  ruleId: string;
}

/** One write into an object under construction, sorted into target-model order. */
export type Op =
  | { kind: 'field'; rule: FieldRule; top: string; segs: TargetSeg[] }
  | { kind: 'stamp'; top: 'id' | 'entityType' | 'provenance' | 'extensions' | 'from' | 'to' | 'role' };

export interface EntityPlan {
  rule: EntityRule;
  index: number;
  loops: LoopFrame[];
  collection: string;
  ops: Op[];
  order: Map<string, number>;
  /** Top-level source fields of the innermost scope read by some rule (keepUnmapped). */
  readSet?: Set<string>;
}

export interface LinkPlan {
  rule: LinkRule;
  index: number;
  loops: LoopFrame[];
  collection: string;
  ops: Op[];
  order: Map<string, number>;
  from: EntityPlan;
  to: EntityPlan;
}

export interface RootPlan {
  /** Writes in root order: field rules, stamps and entity/link collections. */
  ops: (
    | { kind: 'field'; rule: FieldRule; top: string; segs: TargetSeg[] }
    | { kind: 'modelVersion'; value: string }
    | { kind: 'mapping' }
    | { kind: 'collection'; name: string }
  )[];
}

export interface Plan {
  doc: MappingDocument;
  model: TargetModel;
  rootFields: FieldNode[];
  entities: EntityPlan[];
  links: LinkPlan[];
  root: RootPlan;
  collections: string[];
  valueMaps: Map<string, PreparedValueMap>;
  roleLabels?: Map<string, string>;
  linkRoleScheme?: string;
  linkStampsEntityType: boolean;
  functions: Record<string, FunctionInfo>;
  diagnostics: Diagnostic[];
}

/** The scope a value node is evaluated in: the record plus enclosing loop frames (innermost last). */
export interface ScopeEnv {
  loops: LoopFrame[];
  rootFields: FieldNode[];
}

/** Parses a source path into segments; throws with a readable message. */
export function sourceSegs(path: string): Seg[] {
  return parsePath(path).map((s) => [s.name, s.many] as const);
}

/** Parses a target path: `names[0].family`, `identifiers[]`, `dateOfBirth.value`. */
export function targetSegs(path: string): TargetSeg[] {
  const out: TargetSeg[] = [];
  const re = /^(?:([A-Za-z_$][A-Za-z0-9_$-]*)|\[("(?:[^"\\]|\\.)*")\])(\[(\d*)\])?/;
  let rest = path;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m) throw new Error(`unexpected "${rest}"`);
    const name = m[1] ?? (JSON.parse(m[2]) as string);
    if (name === '__proto__') throw new Error('"__proto__" cannot be a target field');
    const index = m[3] === undefined ? null : m[4] === '' ? 'append' : Number(m[4]);
    if (typeof index === 'number' && index > 10000) throw new Error(`index ${index} is too large`);
    out.push([name, index]);
    rest = rest.slice(m[0].length);
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      if (!rest) throw new Error('ends with "."');
    } else if (rest.length) throw new Error(`expected "." before "${rest}"`);
  }
  if (!out.length) throw new Error('empty path');
  return out;
}

/** The collection node reached by following a collection path from `fields`, if any. */
function collectionNode(fields: readonly FieldNode[], segs: readonly Seg[]): FieldNode | undefined {
  let cur: readonly FieldNode[] = fields;
  let node: FieldNode | undefined;
  for (const [name] of segs) {
    node = cur.find((x) => x.name === name);
    if (!node) return undefined;
    cur = node.children ?? NO_FIELDS;
  }
  return node;
}

const NO_FIELDS: FieldNode[] = [];

function orderOf(tree: readonly FieldNode[] | undefined): Map<string, number> {
  const m = new Map<string, number>();
  (tree ?? []).forEach((f, i) => m.set(f.name, i));
  return m;
}

function sortOps<T extends { top: string }>(ops: T[], order: Map<string, number>): T[] {
  const rank = (k: string) => order.get(k) ?? Number.MAX_SAFE_INTEGER;
  return ops.map((op, i) => [op, i] as const).sort((a, b) => rank(a[0].top) - rank(b[0].top) || a[1] - b[1]).map(([op]) => op);
}

/** Expression scope and the names of the enclosing scopes, for a rule at `env`. */
export function exprScope(env: ScopeEnv): ExprScope {
  // Variables typed exactly as the checker types them (checker/scope.ts variableOf), so a value
  // compiles with the types it was checked with, and the two share analyses.
  const variables: Record<string, ExprVariable> = { $record: variableOf({ name: '$record', absPath: '', fields: env.rootFields, elementType: 'object' }) };
  for (const l of env.loops) variables[l.as] = variableOf({ name: l.as, absPath: l.path, fields: l.fields, elementType: l.elementType });
  const inner = env.loops.length ? env.loops[env.loops.length - 1].fields : env.rootFields;
  return { fields: inner, variables };
}

/** Resolves a FieldRef scope name to a frame depth (0 = record); undefined when unknown. */
export function resolveScope(env: ScopeEnv, scope: string | undefined): number | undefined {
  if (scope === undefined || scope === '') return env.loops.length;
  if (scope === '$record') return 0;
  for (let i = env.loops.length - 1; i >= 0; i--) if (env.loops[i].as === scope) return i + 1;
  return undefined;
}

/** Visits every value node under `node` (pre-order). */
export function walkValue(node: ValueNode | undefined, visit: (n: ValueNode) => void): void {
  if (!node) return;
  visit(node);
  switch (node.kind) {
    case 'call':
      node.args.forEach((a) => walkValue(a, visit));
      break;
    case 'map':
    case 'aggregate':
      walkValue(node.input, visit);
      break;
    case 'cond':
      for (const b of node.branches) {
        walkValue(b.when, visit);
        walkValue(b.then, visit);
      }
      walkValue(node.else, visit);
      break;
    case 'object':
      for (const k of Object.keys(node.fields)) walkValue(node.fields[k], visit);
      break;
    case 'array':
      node.items.forEach((a) => walkValue(a, visit));
      break;
    default:
  }
}

function prepareValueMap(vm: ValueMapDecl, model: TargetModel, diagnostics: Diagnostic[], pointer: string): PreparedValueMap {
  const labels = new Map<string, string>();
  const list = vm.targetScheme ? model.codeLists?.[vm.targetScheme] : undefined;
  for (const c of list?.codes ?? []) if (c.label !== undefined) labels.set(c.code, c.label);
  const ci = vm.caseInsensitive === true;
  const norm = (s: string) => (ci ? normaliseCode(s) : s);
  const table: PreparedValueMap['table'] = new Map();
  // Explicit entries win over the crosswalk, and earlier entries over later ones.
  for (const e of vm.entries) if (!table.has(norm(e.from))) table.set(norm(e.from), [e.to, e.quality, labels.get(e.to)]);
  if (vm.crosswalk !== undefined) {
    const cw = model.crosswalks?.[vm.crosswalk];
    if (!cw) diagnostics.push(diag(DOC.MW3308, { id: vm.crosswalk }, { pointer: `${pointer}/crosswalk` }));
    else for (const e of cw.entries) if (!table.has(norm(e.from))) table.set(norm(e.from), [e.to, e.quality, labels.get(e.to)]);
  }
  const u = vm.unmapped;
  return {
    name: vm.name,
    table,
    caseInsensitive: ci,
    policy: u.policy,
    ...(u.policy === 'default' ? { fallback: [u.value, labels.get(u.value)] as const } : {}),
    labels,
    output: vm.output,
    ...(vm.targetScheme !== undefined ? { scheme: vm.targetScheme } : {}),
    ...(vm.sourceScheme !== undefined ? { sourceScheme: vm.sourceScheme } : {}),
  };
}

/** Builds the plan; problems come back as diagnostics (the plan is unusable when any is an error). */
export function buildPlan(doc: MappingDocument, model: TargetModel, options: PlanOptions): Plan {
  const diagnostics: Diagnostic[] = [];
  const err = (d: Diagnostic) => diagnostics.push(d);
  const primary = doc.sources.find((s) => s.primary);
  if (!primary) err(diag(DOC.MW3309, {}, { pointer: '/sources' }));

  // Source fields of the primary record, plus the joined sources under their `as` names: the very
  // list the checker resolves scopes against (one builder, so the two cannot describe a join
  // differently, and the expression analyses keyed by this list are shared between check and compile).
  const rootFields = primary ? recordFields(doc) : [];
  doc.joins.forEach((j, i) => {
    if (!doc.sources.some((s) => s.id === j.source)) err(diag(DOC.MW3302, { kind: 'source', id: j.source }, { pointer: `/joins/${i}/source` }));
  });

  const valueMaps = new Map<string, PreparedValueMap>();
  doc.valueMaps.forEach((vm, i) => valueMaps.set(vm.id, prepareValueMap(vm, model, diagnostics, `/valueMaps/${i}`)));

  const flat = !model.entities?.length;
  if (flat && (doc.entities.length || doc.links.length)) err(diag(DOC.MW3310, { model: `${model.id}@${model.version}` }, { pointer: '/entities' }));

  // Loop chains: chain(rule) = chain(parent) + own forEach.
  const byId = new Map<string, EntityRule | LinkRule>();
  for (const r of doc.entities) byId.set(r.id, r);
  for (const r of doc.links) byId.set(r.id, r);
  const chains = new Map<string, LoopFrame[]>();
  const chainOf = (r: EntityRule | LinkRule, pointer: string, seen: string[] = []): LoopFrame[] => {
    const done = chains.get(r.id);
    if (done) return done;
    if (seen.includes(r.id)) {
      err(diag(DOC.MW3305, { chain: [...seen, r.id].join(' → ') }, { pointer, ruleId: r.id }));
      return [];
    }
    let base: LoopFrame[] = [];
    if (r.parent !== undefined) {
      const p = byId.get(r.parent);
      if (!p) err(diag(DOC.MW3302, { kind: 'parent rule', id: r.parent }, { pointer: `${pointer}/parent`, ruleId: r.id }));
      else base = chainOf(p, pointer, [...seen, r.id]);
    }
    let chain = base;
    if (r.forEach) chain = [...base, loopFrame(r.forEach, base, r.id, `${pointer}/forEach`)];
    chains.set(r.id, chain);
    return chain;
  };
  const loopFrame = (spec: LoopSpec, base: LoopFrame[], ruleId: string, pointer: string): LoopFrame => {
    let segs: Seg[] = [];
    try {
      segs = sourceSegs(spec.path);
    } catch (e) {
      err(diag(DOC.MW3303, { path: spec.path, detail: (e as Error).message }, { pointer: `${pointer}/path`, ruleId }));
    }
    const outer = base.length ? base[base.length - 1].fields : rootFields;
    const node = collectionNode(outer, segs);
    // The schema's own arrays, not copies: analyses are shared per field list (see analyseShared).
    const fields = node?.children ?? NO_FIELDS;
    return { depth: base.length + 1, as: spec.as, segs, path: spec.path, fields, elementType: node ? elementTypeOf(node) : 'object', ruleId };
  };

  const fieldOps = (rules: FieldRule[], pointer: string, ruleId?: string) => {
    const ops: { kind: 'field'; rule: FieldRule; top: string; segs: TargetSeg[] }[] = [];
    rules.forEach((f, i) => {
      try {
        const segs = targetSegs(f.target);
        ops.push({ kind: 'field', rule: f, top: segs[0][0], segs });
      } catch (e) {
        err(diag(DOC.MW3303, { path: f.target, detail: (e as Error).message }, { pointer: `${pointer}/${i}/target`, ruleId: ruleId ?? f.id }));
      }
    });
    return ops;
  };

  // Rank for stamps missing from a model's tree: id and entityType first, provenance and extensions last.
  const withStamps = (order: Map<string, number>, stamps: Op[]): Map<string, number> => {
    const m = new Map(order);
    for (const s of stamps) {
      if (m.has(s.top)) continue;
      m.set(s.top, s.top === 'id' ? -3 : s.top === 'entityType' ? -2 : s.top === 'from' || s.top === 'to' || s.top === 'role' ? -1 : Number.MAX_SAFE_INTEGER - 1);
    }
    return m;
  };

  const entities: EntityPlan[] = [];
  doc.entities.forEach((r, index) => {
    const pointer = `/entities/${index}`;
    const loops = chainOf(r, pointer);
    const def = model.entities?.find((e) => e.name === r.entity);
    if (!def) {
      if (!flat) err(diag(DOC.MW3301, { entity: r.entity, known: model.entities.map((e) => e.name).join(', ') }, { pointer: `${pointer}/entity`, ruleId: r.id }));
      return;
    }
    const stamps: Op[] = [
      { kind: 'stamp', top: 'id' },
      { kind: 'stamp', top: 'entityType' },
      { kind: 'stamp', top: 'provenance' },
      ...(r.keepUnmapped ? [{ kind: 'stamp', top: 'extensions' } as const] : []),
    ];
    const order = withStamps(orderOf(def.tree), stamps);
    const ops = sortOps<Op>([...stamps, ...fieldOps(r.fields, `${pointer}/fields`)], order);
    entities.push({ rule: r, index, loops, collection: def.collection, ops, order });
  });

  const links: LinkPlan[] = [];
  const linkDef = model.links;
  const linkOrder0 = orderOf(linkDef?.tree);
  const linkStampsEntityType = linkOrder0.has('entityType');
  doc.links.forEach((r, index) => {
    const pointer = `/links/${index}`;
    const loops = chainOf(r, pointer);
    if (!linkDef) return;
    const ends: EntityPlan[] = [];
    for (const end of ['from', 'to'] as const) {
      const target = entities.find((e) => e.rule.id === r[end]);
      if (!target) {
        err(diag(DOC.MW3302, { kind: 'entity rule', id: r[end] }, { pointer: `${pointer}/${end}`, ruleId: r.id }));
        continue;
      }
      // The endpoint's loops must be the link's loops or a prefix of them (same or enclosing iteration).
      const ok = target.loops.length <= loops.length && target.loops.every((l, i) => l.path === loops[i].path && sameChainPrefix(target.loops, loops, i));
      if (!ok) err(diag(DOC.MW3304, { rule: r.id, other: r[end] }, { pointer: `${pointer}/${end}`, ruleId: r.id }));
      ends.push(target);
    }
    if (ends.length !== 2) return;
    const stamps: Op[] = [
      { kind: 'stamp', top: 'id' },
      ...(linkStampsEntityType ? [{ kind: 'stamp', top: 'entityType' } as const] : []),
      { kind: 'stamp', top: 'from' },
      { kind: 'stamp', top: 'to' },
      { kind: 'stamp', top: 'role' },
      { kind: 'stamp', top: 'provenance' },
    ];
    const order = withStamps(linkOrder0, stamps);
    const ops = sortOps<Op>([...stamps, ...fieldOps(r.fields, `${pointer}/fields`)], order);
    links.push({ rule: r, index, loops, collection: linkDef.collection, ops, order, from: ends[0], to: ends[1] });
  });

  // Root: stamps the model declares, root field rules, collections — in the model's root order.
  const rootTree = model.tree?.fields ?? [];
  const rootOrder = orderOf(rootTree);
  const collections: string[] = [];
  if (!flat) {
    for (const e of model.entities) if (!collections.includes(e.collection)) collections.push(e.collection);
    if (linkDef && !collections.includes(linkDef.collection)) collections.push(linkDef.collection);
  }
  const rootOps: RootPlan['ops'] = [];
  const props = (model.schema?.properties ?? {}) as Record<string, { const?: unknown }>;
  if (!flat && Object.hasOwn(props, 'modelVersion')) rootOps.push({ kind: 'modelVersion', value: typeof props.modelVersion?.const === 'string' ? props.modelVersion.const : model.version });
  if (!flat && Object.hasOwn(props, 'mapping')) rootOps.push({ kind: 'mapping' });
  for (const c of collections) rootOps.push({ kind: 'collection', name: c });
  const rootFieldOps = fieldOps(doc.root.fields, '/root/fields');
  const tops = (op: RootPlan['ops'][number]) => (op.kind === 'field' ? op.top : op.kind === 'collection' ? op.name : op.kind);
  const rank = (k: string) => rootOrder.get(k) ?? Number.MAX_SAFE_INTEGER;
  const allRoot = [...rootOps, ...rootFieldOps].map((op, i) => [op, i] as const);
  allRoot.sort((a, b) => rank(tops(a[0])) - rank(tops(b[0])) || a[1] - b[1]);

  // keepUnmapped: top-level fields of a scope that some rule reads (field refs, expressions, loops, joins).
  const plan: Plan = {
    doc,
    model,
    rootFields,
    entities,
    links,
    root: { ops: allRoot.map(([op]) => op) },
    collections,
    valueMaps,
    ...(model.linkRoleScheme !== undefined ? { linkRoleScheme: model.linkRoleScheme } : {}),
    linkStampsEntityType,
    functions: options.functions,
    diagnostics,
  };
  if (model.linkRoleScheme) {
    const labels = new Map<string, string>();
    for (const c of model.codeLists?.[model.linkRoleScheme]?.codes ?? []) if (c.label !== undefined) labels.set(c.code, c.label);
    plan.roleLabels = labels;
  }
  checkValueNodes(plan);
  return plan;
}

function sameChainPrefix(a: LoopFrame[], b: LoopFrame[], i: number): boolean {
  // Two chains share iteration i when every loop up to i has the same path and variable.
  for (let k = 0; k <= i; k++) if (a[k].path !== b[k].path || a[k].as !== b[k].as) return false;
  return true;
}

/** Every rule with the scope its value nodes are evaluated in, and a pointer for diagnostics. */
export function* ruleScopes(plan: Plan): Generator<{ pointer: string; env: ScopeEnv; ruleId: string; nodes: { node: ValueNode; pointer: string }[] }> {
  const { doc, rootFields } = plan;
  const rec: ScopeEnv = { loops: [], rootFields };
  const fieldNodes = (rules: FieldRule[], pointer: string) => rules.map((f, i) => ({ node: f.value, pointer: `${pointer}/${i}/value` }));
  // Join keys are computed on the record as read (before the joined records are attached).
  const keys: { node: ValueNode; pointer: string }[] = [];
  doc.joins.forEach((j, i) => j.on.forEach((o, k) => keys.push({ node: o.primary, pointer: `/joins/${i}/on/${k}/primary` })));
  yield { pointer: '/joins', env: { loops: [], rootFields: plan.rootFields.filter((f) => !doc.joins.some((j) => j.as === f.name)) }, ruleId: '', nodes: keys };
  const filters = doc.filters.map((f, i) => ({ node: f.when, pointer: `/filters/${i}/when` }));
  yield { pointer: '', env: rec, ruleId: '', nodes: [...filters, ...(doc.recordId ? [{ node: doc.recordId, pointer: '/recordId' }] : [])] };
  yield { pointer: '/root', env: rec, ruleId: '', nodes: fieldNodes(doc.root.fields, '/root/fields') };
  for (const e of plan.entities) {
    const p = `/entities/${e.index}`;
    const nodes = [
      ...(e.rule.when ? [{ node: e.rule.when, pointer: `${p}/when` }] : []),
      ...(e.rule.key ?? []).map((k, i) => ({ node: k, pointer: `${p}/key/${i}` })),
      ...fieldNodes(e.rule.fields, `${p}/fields`),
    ];
    yield { pointer: p, env: { loops: e.loops, rootFields }, ruleId: e.rule.id, nodes };
  }
  for (const l of plan.links) {
    const p = `/links/${l.index}`;
    const nodes = [{ node: l.rule.role, pointer: `${p}/role` }, ...(l.rule.when ? [{ node: l.rule.when, pointer: `${p}/when` }] : []), ...fieldNodes(l.rule.fields, `${p}/fields`)];
    yield { pointer: p, env: { loops: l.loops, rootFields }, ruleId: l.rule.id, nodes };
  }
}

function checkValueNodes(plan: Plan): void {
  const err = (d: Diagnostic) => plan.diagnostics.push(d);
  for (const { env, ruleId, nodes } of ruleScopes(plan)) {
    for (const { node, pointer } of nodes) {
      walkValue(node, (n) => {
        const loc: Location = { pointer, ...(ruleId ? { ruleId } : {}), nodeId: n.id };
        if (n.kind === 'field') {
          if (resolveScope(env, n.scope) === undefined) err(diag(DOC.MW3311, { scope: n.scope ?? '' }, loc));
          try {
            sourceSegs(n.path);
          } catch (e) {
            err(diag(DOC.MW3303, { path: n.path, detail: (e as Error).message }, loc));
          }
        } else if (n.kind === 'map' && !plan.valueMaps.has(n.valueMap)) err(diag(DOC.MW3302, { kind: 'value map', id: n.valueMap }, loc));
        else if (n.kind === 'call' && !Object.hasOwn(plan.functions, n.fn)) err(diag(DOC.MW3307, { name: n.fn }, loc));
      });
    }
  }
}

/** Top-level source field names of each entity's innermost scope read anywhere in the document. */
export function computeReadSets(plan: Plan, exprRefs: Map<string, { path: string; scope: string }[]>): void {
  for (const e of plan.entities) {
    if (!e.rule.keepUnmapped) continue;
    const depth = e.loops.length;
    const read = new Set<string>();
    const note = (env: ScopeEnv, scope: string | undefined, path: string) => {
      const d = resolveScope(env, scope);
      // Only reads of the same loop (same chain prefix) count.
      if (d !== depth || !sameScope(env.loops, e.loops, depth)) return;
      try {
        read.add(sourceSegs(path)[0][0]);
      } catch {
        /* reported elsewhere */
      }
    };
    for (const { env, nodes } of ruleScopes(plan)) {
      for (const { node } of nodes) {
        walkValue(node, (n) => {
          if (n.kind === 'field') note(env, n.scope, n.path);
          if (n.kind === 'expr') {
            for (const ref of exprRefs.get(n.id) ?? []) {
              // Expression field refs carry the field tree's full path; map it to the scope's top field.
              const fields = scopeFieldsAt(env, ref.scope);
              const top = fields?.find((f) => ref.path === f.path || ref.path.startsWith(`${f.path}.`) || ref.path.startsWith(`${f.path}[`));
              const d = resolveScope(env, ref.scope === '' ? undefined : ref.scope);
              if (top && d === depth && sameScope(env.loops, e.loops, depth)) read.add(top.name);
            }
          }
        });
      }
    }
    // Collections iterated from this scope are mapped by their own rules.
    for (const other of [...plan.entities, ...plan.links]) {
      if (other.loops.length > depth && sameScope(other.loops, e.loops, depth)) read.add(other.loops[depth].segs[0]?.[0] ?? '');
    }
    if (depth === 0) for (const j of plan.doc.joins) read.add(j.as);
    e.readSet = read;
  }
}

function sameScope(a: LoopFrame[], b: LoopFrame[], depth: number): boolean {
  if (a.length < depth || b.length < depth) return false;
  for (let k = 0; k < depth; k++) if (a[k].path !== b[k].path || a[k].as !== b[k].as) return false;
  return true;
}

function scopeFieldsAt(env: ScopeEnv, scope: string): readonly FieldNode[] | undefined {
  const d = resolveScope(env, scope === '' ? undefined : scope);
  if (d === undefined) return undefined;
  return d === 0 ? env.rootFields : env.loops[d - 1].fields;
}
