/**
 * Canvas gestures as document commands. Each function reads the current document and returns a
 * {@link Command} (or the reason the gesture is refused, shown to the user while dragging), so the
 * store can apply it, push its inverse for undo, and re-project the graph.
 */
import type { FieldNode, FieldType, FieldTree } from '../../../../mappings/model/field-tree';
import type { EntityRule, FieldRule, LinkRule, MappingDocument, ValueMapDecl, ValueNode } from '../../../../mappings/document/types';
import type { Command, DocPath, DraftNode, Op } from '../store/commands';
import { getAt } from '../store/commands';
import { newId } from '../../../../mappings/document/ids';
import {
  entityFields,
  normaliseTarget,
  OUT_HANDLE,
  ROOT_NODE_ID,
  ruleTargetFor,
  sourceNodeId,
} from './projection';
import { absoluteFieldPath, childSlots, collectIds, findValue, relativeFieldRef, ruleScopes, visitValues, type LoopScope } from './walk';
import type { FunctionInfo } from './types';

export interface EditContext {
  doc: MappingDocument;
  drafts: Record<string, DraftNode>;
  targetTree?: FieldTree;
  /** Overrides the primary source's inlined schema (same as the projection's `sourceTree`). */
  sourceTree?: FieldTree;
  functionInfo?: (name: string) => FunctionInfo | undefined;
  /** Fresh id with a prefix (`n`, `r`, `vm`); injected so tests are deterministic. */
  newId: (prefix: string) => string;
}

export type EditResult = { ok: true; command: Command; select?: string[] } | { ok: false; reason: string };

export interface Connection {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
}

const refuse = (reason: string): EditResult => ({ ok: false, reason });
const placeholder = (ctx: EditContext): ValueNode => ({ id: ctx.newId('n'), kind: 'const', value: null });

/** Fresh-id generator that never collides with ids already in the document. */
export function idGenerator(doc: MappingDocument, random: () => string = () => newId('n').slice(2)): (prefix: string) => string {
  const used = collectIds(doc);
  return (prefix) => {
    for (;;) {
      const id = `${prefix}-${random()}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Locating things

function ruleIndex(doc: MappingDocument, ruleId: string): { base: DocPath; rule: EntityRule | LinkRule } | undefined {
  const e = doc.entities.findIndex((r) => r.id === ruleId);
  if (e >= 0) return { base: ['entities', e], rule: doc.entities[e] };
  const l = doc.links.findIndex((r) => r.id === ruleId);
  if (l >= 0) return { base: ['links', l], rule: doc.links[l] };
  return undefined;
}

function allSourceFields(ctx: EditContext): Map<string, FieldNode> {
  const out = new Map<string, FieldNode>();
  for (const s of ctx.doc.sources) {
    const join = ctx.doc.joins.find((j) => j.source === s.id);
    const prefix = s.primary ? '' : join ? (join.cardinality === 'many' ? `${join.as}[]` : join.as) : `$${s.id}`;
    const tree = s.primary && ctx.sourceTree ? ctx.sourceTree : s.schema;
    const walk = (fs: FieldNode[]) => {
      for (const f of fs) {
        out.set(prefix ? (f.path.startsWith('[') ? prefix + f.path : `${prefix}.${f.path}`) : f.path, f);
        if (f.children) walk(f.children);
      }
    };
    walk(tree.fields);
  }
  return out;
}

function targetField(ctx: EditContext, ruleId: string, path: string): FieldNode | undefined {
  const entity = ruleId === 'root' ? undefined : ctx.doc.entities.find((r) => r.id === ruleId)?.entity;
  const fields = entity ? entityFields(ctx.targetTree, entity) : (ctx.targetTree?.fields ?? []);
  const find = (fs: FieldNode[]): FieldNode | undefined => {
    for (const f of fs) {
      if (f.path === path) return f;
      const c = f.children && find(f.children);
      if (c) return c;
    }
    return undefined;
  };
  return find(fields);
}

/** Collections along a path that are not iterated by the loop chain: each makes the read many-valued. */
export function unloopedCollections(absPath: string, chain: readonly LoopScope[]): string[] {
  const loops = new Set(chain.map((l) => l.prefix));
  const out: string[] = [];
  const re = /\[\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(absPath))) {
    const prefix = absPath.slice(0, m.index + 2);
    // the field itself being an array is fine for a many-valued target; only enclosing collections count
    if (prefix !== absPath && !loops.has(prefix)) out.push(prefix);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Types

const TEMPORAL: FieldType[] = ['date', 'datetime', 'time'];

/** Why a value of type `from` cannot be written where `to` is expected, or null when it can. */
export function typeMismatch(from: FieldType, to: FieldType): string | null {
  if (from === 'any' || to === 'any' || from === to || from === 'null') return null;
  if (to === 'string' && from !== 'object' && from !== 'array') return null;
  if (to === 'number' && from === 'integer') return null;
  if (TEMPORAL.includes(to) && TEMPORAL.includes(from)) return null;
  if (TEMPORAL.includes(to) && from === 'string') return `text into a ${to} needs a conversion: insert a date-parsing function on the connection`;
  if ((to === 'integer' || to === 'number') && from === 'string') return `text into a ${to} needs a conversion: insert a number-parsing function on the connection`;
  if (to === 'boolean' && from === 'string') return 'text into a boolean needs a value map or a condition';
  if (to === 'object') return `the target is an object: map onto its fields, or use a value map with coded output`;
  if (from === 'object') return 'the source is an object: map one of its fields';
  return `a ${from} cannot be written to a ${to}`;
}

function producedType(ctx: EditContext, node: ValueNode, chain: readonly LoopScope[], fields: Map<string, FieldNode>): FieldType {
  switch (node.kind) {
    case 'field': {
      const f = fields.get(absoluteFieldPath(node, chain));
      return f ? f.type : 'any';
    }
    case 'const':
      return node.value === null ? 'any' : typeof node.value === 'string' ? 'string' : typeof node.value === 'boolean' ? 'boolean' : typeof node.value === 'number' ? 'number' : Array.isArray(node.value) ? 'array' : 'object';
    case 'call':
      return (ctx.functionInfo?.(node.fn)?.returns as FieldType | undefined) ?? 'any';
    case 'map': {
      const vm = ctx.doc.valueMaps.find((v) => v.id === node.valueMap);
      return vm?.output === 'coded' ? 'object' : 'string';
    }
    case 'aggregate':
      return node.op === 'count' ? 'integer' : node.op === 'join' ? 'string' : node.op === 'distinct' ? 'array' : 'any';
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    default:
      return 'any';
  }
}

// ---------------------------------------------------------------------------------------------
// Connect

type Producer =
  | { kind: 'field'; absPath: string; field?: FieldNode }
  | { kind: 'draft'; id: string; draft: DraftNode };

type ConsumerEnd =
  | { kind: 'field-rule'; ruleId: string; modelPath: string; field?: FieldNode; chain: LoopScope[] }
  | { kind: 'slot'; nodeId: string; slot: string; path?: DocPath; chain: LoopScope[]; draft?: DraftNode; parent: ValueNode }
  | { kind: 'when'; ruleId: string; chain: LoopScope[] };

function resolveProducer(ctx: EditContext, c: Connection, fields: Map<string, FieldNode>): Producer | string {
  if (c.source.startsWith('source:') && c.sourceHandle?.startsWith('f:')) {
    const absPath = c.sourceHandle.slice(2);
    return { kind: 'field', absPath, field: fields.get(absPath) };
  }
  if (c.sourceHandle === OUT_HANDLE || c.sourceHandle === null) {
    const draft = ctx.drafts[c.source];
    if (draft) return { kind: 'draft', id: c.source, draft };
    if (findValue(ctx.doc, c.source)) return 'this node already feeds a target; a node has one output — copy it (Ctrl+C, Ctrl+V) to use it twice';
  }
  return 'connections start at a source field or at an unconnected node’s output';
}

function resolveConsumer(ctx: EditContext, c: Connection, scopes: Map<string, LoopScope[]>): ConsumerEnd | string {
  const h = c.targetHandle ?? '';
  if (h.startsWith('t:')) {
    const ruleId = c.target === ROOT_NODE_ID ? 'root' : c.target;
    if (ruleId !== 'root' && !ctx.doc.entities.some((r) => r.id === ruleId)) return 'unknown target rule';
    const modelPath = h.slice(2);
    return { kind: 'field-rule', ruleId, modelPath, field: targetField(ctx, ruleId, modelPath), chain: scopes.get(ruleId) ?? [] };
  }
  if (h === 'when') {
    if (!ruleIndex(ctx.doc, c.target)) return 'unknown rule';
    return { kind: 'when', ruleId: c.target, chain: scopes.get(c.target) ?? [] };
  }
  if (h.startsWith('in:')) {
    const slot = h.slice(3);
    const draft = ctx.drafts[c.target];
    const parent = draft?.node ?? findValue(ctx.doc, c.target)?.node;
    if (!parent) return 'unknown node';
    const s = childSlots(parent).find((x) => x.slot === slot);
    if (!s) return `no input ${slot}`;
    if (draft) return { kind: 'slot', nodeId: c.target, slot, chain: [], draft, parent };
    const site = findValue(ctx.doc, c.target)!;
    return { kind: 'slot', nodeId: c.target, slot, path: [...site.path, ...s.keys], chain: scopes.get(site.ruleId) ?? [], parent };
  }
  return 'drop the connection on a target field or a node input';
}

/** Rewrites the field references of a draft (absolute paths) relative to the loop chain it is wired into. */
export function relativise(node: ValueNode, chain: readonly LoopScope[]): ValueNode {
  if (node.kind === 'field') return { id: node.id, kind: 'field', ...relativeFieldRef(absoluteFieldPath(node, []), chain) };
  return mapChildren(node, (child) => relativise(child, chain));
}

/** Rewrites field references to absolute paths (for copying a node out of its rule). */
export function absolutise(node: ValueNode, chain: readonly LoopScope[]): ValueNode {
  if (node.kind === 'field') return { id: node.id, kind: 'field', path: absoluteFieldPath(node, chain) };
  return mapChildren(node, (child) => absolutise(child, chain));
}

function mapChildren(node: ValueNode, f: (child: ValueNode) => ValueNode): ValueNode {
  switch (node.kind) {
    case 'call':
      return { ...node, args: node.args.map(f) };
    case 'map':
    case 'aggregate':
      return { ...node, input: f(node.input) };
    case 'cond':
      return { ...node, branches: node.branches.map((b) => ({ when: f(b.when), then: f(b.then) })), ...(node.else ? { else: f(node.else) } : {}) };
    case 'object':
      return { ...node, fields: Object.fromEntries(Object.entries(node.fields).map(([k, v]) => [k, f(v)])) };
    case 'array':
      return { ...node, items: node.items.map(f) };
    default:
      return node;
  }
}

/** Gives every node in a subtree a fresh id (paste, duplicate). */
export function rekey(node: ValueNode, newId: (prefix: string) => string): ValueNode {
  return { ...mapChildren(node, (c) => rekey(c, newId)), id: newId('n') };
}

function setChild(node: ValueNode, slot: string, value: ValueNode): ValueNode {
  const s = childSlots(node).find((x) => x.slot === slot);
  if (!s) return node;
  let n: unknown = structuredClone(node);
  // walk the slot's keys inside the node and replace the leaf
  const keys = s.keys;
  const parent = keys.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], n);
  (parent as Record<string | number, unknown>)[keys[keys.length - 1]] = value;
  n = n as ValueNode;
  return n as ValueNode;
}

/**
 * Why a connection would be refused (type or cardinality), or null when it is fine. Cheap enough to
 * run on every pointer move while dragging.
 */
export function connectionProblem(ctx: EditContext, c: Connection): string | null {
  const fields = allSourceFields(ctx);
  const producer = resolveProducer(ctx, c, fields);
  if (typeof producer === 'string') return producer;
  const scopes = ruleScopes(ctx.doc);
  const consumer = resolveConsumer(ctx, c, scopes);
  if (typeof consumer === 'string') return consumer;
  if (producer.kind === 'draft' && producer.id === c.target) return 'a node cannot feed itself';
  if (producer.kind === 'draft' && consumer.kind === 'slot' && consumer.draft) return 'wire the nodes into a target first, then chain them';

  const wantsMany =
    consumer.kind === 'field-rule'
      ? consumer.field?.cardinality === 'many' || consumer.field?.type === 'array'
      : consumer.kind === 'slot' && consumer.parent.kind === 'aggregate';
  if (producer.kind === 'field' && consumer.chain !== undefined && !(consumer.kind === 'slot' && consumer.draft)) {
    const extra = unloopedCollections(producer.absPath, consumer.chain);
    if (extra.length && !wantsMany) {
      const where = consumer.kind === 'field-rule' ? describeTarget(ctx, consumer.ruleId, consumer.modelPath) : 'this input';
      return `${producer.absPath} has many values per record (through ${extra[0]}), but ${where} takes one: loop the rule over ${extra[0]} or insert an aggregate (first, join)`;
    }
  }
  const fromType: FieldType =
    producer.kind === 'field' ? (producer.field?.type ?? 'any') : producedType(ctx, producer.draft.node, [], fields);
  if (consumer.kind === 'field-rule' && consumer.field) {
    const toType = consumer.field.type === 'array' && consumer.field.itemType ? consumer.field.itemType : consumer.field.type;
    const fromScalar = fromType === 'array' && producer.kind === 'field' && producer.field?.itemType ? producer.field.itemType : fromType;
    const problem = typeMismatch(fromScalar, toType);
    if (problem) return `${describeTarget(ctx, consumer.ruleId, consumer.modelPath)}: ${problem}`;
  }
  if (consumer.kind === 'when' && fromType !== 'boolean' && fromType !== 'any') {
    return null; // conditions accept any value by truthiness; the checker warns where that is risky
  }
  return null;
}

function describeTarget(ctx: EditContext, ruleId: string, modelPath: string): string {
  const entity = ruleId === 'root' ? 'Document' : (ctx.doc.entities.find((r) => r.id === ruleId)?.entity ?? ruleId);
  return `${entity}.${modelPath}`;
}

/**
 * Wires a source field (or a draft node) into a target field, a node input or a rule condition.
 * A target field that already has a rule gets its value replaced; undo brings the old one back.
 */
export function connect(ctx: EditContext, c: Connection): EditResult {
  const problem = connectionProblem(ctx, c);
  if (problem) return refuse(problem);
  const fields = allSourceFields(ctx);
  const scopes = ruleScopes(ctx.doc);
  const producer = resolveProducer(ctx, c, fields) as Producer;
  const consumer = resolveConsumer(ctx, c, scopes) as ConsumerEnd;
  const drafts: Record<string, DraftNode | null> = {};
  const ops: Op[] = [];

  const valueFor = (chain: readonly LoopScope[]): ValueNode => {
    if (producer.kind === 'field') return { id: ctx.newId('n'), kind: 'field', ...relativeFieldRef(producer.absPath, chain) };
    drafts[producer.id] = null;
    ops.push({ op: 'set', path: ['layout', 'nodes', producer.id], value: { x: producer.draft.x, y: producer.draft.y } });
    return relativise(producer.draft.node, chain);
  };

  let label: string;
  if (consumer.kind === 'slot' && consumer.draft) {
    // Inputs of a draft keep absolute paths until the draft is wired into a rule.
    const value: ValueNode = producer.kind === 'field' ? { id: ctx.newId('n'), kind: 'field', path: producer.absPath } : producer.draft.node;
    drafts[consumer.nodeId] = { ...consumer.draft, node: setChild(consumer.draft.node, consumer.slot, value) };
    label = `Connect ${producer.kind === 'field' ? producer.absPath : 'node'} → ${consumer.slot}`;
  } else if (consumer.kind === 'slot') {
    ops.push({ op: 'set', path: consumer.path!, value: valueFor(consumer.chain) });
    label = `Connect ${producer.kind === 'field' ? producer.absPath : 'node'} → input`;
  } else if (consumer.kind === 'when') {
    const r = ruleIndex(ctx.doc, consumer.ruleId)!;
    ops.push({ op: 'set', path: [...r.base, 'when'], value: valueFor(consumer.chain) });
    label = `Set condition of ${r.rule.id}`;
  } else {
    const base: DocPath = consumer.ruleId === 'root' ? ['root'] : ruleIndex(ctx.doc, consumer.ruleId)!.base;
    const rules = getAt(ctx.doc, [...base, 'fields']) as FieldRule[];
    const existing = rules.findIndex((fr) => normaliseTarget(fr.target) === consumer.modelPath);
    const value = valueFor(consumer.chain);
    if (existing >= 0) ops.push({ op: 'set', path: [...base, 'fields', existing, 'value'], value });
    else ops.push({ op: 'insert', path: [...base, 'fields'], index: rules.length, value: { id: ctx.newId('r'), target: ruleTargetFor(consumer.modelPath), value } satisfies FieldRule });
    label = `Map ${producer.kind === 'field' ? producer.absPath : 'node'} → ${describeTarget(ctx, consumer.ruleId, consumer.modelPath)}`;
  }
  return { ok: true, command: { label, ops, ...(Object.keys(drafts).length ? { drafts } : {}) } };
}

// ---------------------------------------------------------------------------------------------
// New nodes (palette)

export type PaletteItem =
  | { kind: 'function'; fn: string }
  | { kind: 'value-map' }
  | { kind: 'condition' }
  | { kind: 'expression' }
  | { kind: 'constant' }
  | { kind: 'aggregate'; op: 'first' | 'last' | 'join' | 'count' | 'distinct' }
  | { kind: 'loop' };

/** Builds the value node for a palette item, wrapping `input` when inserted on a connection. */
export function makeNode(
  ctx: EditContext,
  item: PaletteItem,
  input: ValueNode | undefined,
  valueMapId?: string,
): ValueNode | undefined {
  const id = ctx.newId('n');
  const inp = input ?? placeholder(ctx);
  switch (item.kind) {
    case 'function': {
      const info = ctx.functionInfo?.(item.fn);
      const required = info ? info.params.filter((p) => !p.optional).length : 1;
      const args = [inp];
      for (let i = 1; i < Math.max(1, required); i++) args.push(placeholder(ctx));
      return { id, kind: 'call', fn: item.fn, args };
    }
    case 'value-map':
      return { id, kind: 'map', valueMap: valueMapId ?? '', input: inp };
    case 'condition':
      return { id, kind: 'cond', branches: [{ when: placeholder(ctx), then: inp }], else: placeholder(ctx) };
    case 'expression': {
      const code = input?.kind === 'field' && /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(input.path) ? input.path : '';
      return { id, kind: 'expr', code };
    }
    case 'constant':
      return { id, kind: 'const', value: '' };
    case 'aggregate':
      return { id, kind: 'aggregate', op: item.op, input: inp, ...(item.op === 'join' ? { separator: ', ' } : {}) };
    case 'loop':
      return undefined;
  }
}

function newValueMap(ctx: EditContext, name: string): ValueMapDecl {
  return { id: ctx.newId('vm'), name, entries: [], unmapped: { policy: 'passthrough' }, output: 'code' };
}

/** Drops a palette item on empty canvas: a draft node, kept until it is wired into a target. */
export function addDraft(ctx: EditContext, item: PaletteItem, at: { x: number; y: number }): EditResult {
  if (item.kind === 'loop') return refuse('drop a loop on a target entity to make it repeat over a collection');
  const ops: Op[] = [];
  let vmId: string | undefined;
  if (item.kind === 'value-map') {
    const vm = newValueMap(ctx, `Value map ${ctx.doc.valueMaps.length + 1}`);
    vmId = vm.id;
    ops.push({ op: 'insert', path: ['valueMaps'], index: ctx.doc.valueMaps.length, value: vm });
  }
  const node = makeNode(ctx, item, undefined, vmId)!;
  return { ok: true, command: { label: `Add ${node.kind === 'call' ? node.fn : item.kind}`, ops, drafts: { [node.id]: { node, ...at } } }, select: [node.id] };
}

/** Inserts a palette item on an existing connection: the old value becomes the new node's input. */
export function insertOnEdge(ctx: EditContext, edge: { path: DocPath; valueId: string }, item: PaletteItem, at: { x: number; y: number }): EditResult {
  if (item.kind === 'loop' || item.kind === 'constant') return refuse(`a ${item.kind} has no input; drop it on the canvas instead`);
  if (!edge.path.length) return refuse('wire this draft into a target before inserting on its connections');
  const old = getAt(ctx.doc, edge.path) as ValueNode | undefined;
  if (!old || old.id !== edge.valueId) return refuse('the connection changed; try again');
  const ops: Op[] = [];
  let vmId: string | undefined;
  if (item.kind === 'value-map') {
    const name = old.kind === 'field' ? old.path.replace(/\[\]/g, '').split('.').pop()! : `Value map ${ctx.doc.valueMaps.length + 1}`;
    const vm = newValueMap(ctx, name);
    vmId = vm.id;
    ops.push({ op: 'insert', path: ['valueMaps'], index: ctx.doc.valueMaps.length, value: vm });
  }
  const node = makeNode(ctx, item, item.kind === 'expression' ? old : old, vmId)!;
  ops.push({ op: 'set', path: edge.path, value: node });
  ops.push({ op: 'set', path: ['layout', 'nodes', node.id], value: { x: Math.round(at.x), y: Math.round(at.y) } });
  return { ok: true, command: { label: `Insert ${node.kind === 'call' ? node.fn : item.kind}`, ops }, select: [node.id] };
}

/** Makes an entity rule repeat over a collection (the palette's loop, or the inspector). */
export function setLoop(ctx: EditContext, ruleId: string, loop: { path: string; as: string } | null): EditResult {
  const r = ruleIndex(ctx.doc, ruleId);
  if (!r) return refuse('unknown rule');
  if (loop && !/^[A-Za-z_$][\w$]*$/.test(loop.as)) return refuse(`"${loop.as}" is not a valid loop variable name`);
  if (loop && !loop.path.endsWith('[]')) return refuse(`${loop.path} is not a collection (paths of collections end in [])`);
  return { ok: true, command: { label: loop ? `Loop ${r.rule.id} over ${loop.path}` : `Stop looping ${r.rule.id}`, ops: [{ op: 'set', path: [...r.base, 'forEach'], value: loop ?? undefined }] } };
}

// ---------------------------------------------------------------------------------------------
// Delete, move

/** Removes nodes and connections. Values that feed a target rule take the rule with them. */
export function deleteElements(ctx: EditContext, nodeIds: readonly string[], edgeIds: readonly string[]): EditResult {
  const ops: Op[] = [];
  const drafts: Record<string, DraftNode | null> = {};
  const doc = ctx.doc;
  const removeRuleFields = new Map<string, Set<number>>(); // base path key → field indexes
  const basePaths = new Map<string, DocPath>();
  const setPlaceholders: DocPath[] = [];
  const dropWhen: DocPath[] = [];
  const removeEntities = new Set<string>();
  const layoutDrops = new Set<string>();
  const refused: string[] = [];

  const removeSite = (path: DocPath) => {
    // field rule value → remove the rule; nested slot → placeholder; when → drop
    const last = path[path.length - 1];
    if (last === 'value' && path[path.length - 3] === 'fields') {
      const base = path.slice(0, -3);
      const key = JSON.stringify(base);
      basePaths.set(key, base);
      if (!removeRuleFields.has(key)) removeRuleFields.set(key, new Set());
      removeRuleFields.get(key)!.add(path[path.length - 2] as number);
    } else if (last === 'when' && (path[0] === 'entities' || path[0] === 'links') && path.length === 3) dropWhen.push(path);
    else setPlaceholders.push(path);
  };

  for (const id of nodeIds) {
    if (ctx.drafts[id]) drafts[id] = null;
    else if (id.startsWith('source:')) refused.push('sources are removed from the project’s sources, not the canvas');
    else if (doc.entities.some((r) => r.id === id) || doc.links.some((r) => r.id === id)) removeEntities.add(id);
    else {
      const site = findValue(doc, id);
      if (site) {
        removeSite(site.path);
        visitValues(doc, (s) => {
          if (s.path.length >= site.path.length && site.path.every((k, i) => s.path[i] === k)) layoutDrops.add(s.node.id);
        });
      }
    }
  }
  for (const eid of edgeIds) {
    if (eid.startsWith('link:')) continue; // link ends go with the link rule
    const m = /^e:([^:]+):(.+)$/.exec(eid);
    const draft = m && ctx.drafts[m[1]];
    if (draft && m) {
      const slot = m[2];
      drafts[m[1]] = { ...draft, node: setChild(draft.node, slot, placeholder(ctx)) };
      continue;
    }
    let found = false;
    visitValues(doc, (s) => {
      if (found) return;
      const c = s.consumer;
      const id =
        c.kind === 'field-rule' ? `e:${c.fieldRuleId}` : c.kind === 'slot' ? `e:${c.nodeId}:${c.slot}` : c.kind === 'when' ? `e:${c.ruleId}:when` : c.kind === 'key' ? `e:${c.ruleId}:key${c.index}` : c.kind === 'filter' ? `e:${c.filterId}` : c.kind === 'record-id' ? 'e:recordId' : `e:${c.ruleId}:role`;
      if (id === eid) {
        found = true;
        removeSite(s.path);
        visitValues(doc, (d) => {
          if (d.path.length >= s.path.length && s.path.every((k, i) => d.path[i] === k)) layoutDrops.add(d.node.id);
        });
      }
    });
  }
  if (refused.length && !ops.length && !removeEntities.size && !removeRuleFields.size && !setPlaceholders.length && !Object.keys(drafts).length) {
    return refuse(refused[0]);
  }
  // Order matters: set placeholders and drop conditions first (paths still valid), then remove
  // field rules from the highest index down, then whole rules from the highest index down.
  for (const p of setPlaceholders) {
    if (removeRuleFields.has(JSON.stringify(p.slice(0, -3)))) continue;
    ops.push({ op: 'set', path: p, value: placeholder(ctx) });
  }
  for (const p of dropWhen) ops.push({ op: 'set', path: p, value: undefined });
  for (const [key, idxs] of removeRuleFields) {
    const base = basePaths.get(key)!;
    if (base[0] === 'entities' || base[0] === 'links') {
      const rule = getAt(doc, base) as EntityRule | LinkRule;
      if (removeEntities.has(rule.id)) continue;
    }
    for (const i of [...idxs].sort((a, b) => b - a)) ops.push({ op: 'remove', path: [...base, 'fields'], index: i });
  }
  const links = doc.links.map((l, i) => ({ l, i })).filter(({ l }) => removeEntities.has(l.id) || removeEntities.has(l.from) || removeEntities.has(l.to));
  for (const { l } of links) removeEntities.add(l.id);
  for (const { i } of links.sort((a, b) => b.i - a.i)) ops.push({ op: 'remove', path: ['links'], index: i });
  const ents = doc.entities.map((r, i) => ({ r, i })).filter(({ r }) => removeEntities.has(r.id));
  for (const { i } of ents.sort((a, b) => b.i - a.i)) ops.push({ op: 'remove', path: ['entities'], index: i });
  // nested rules lose their parent: re-parent to the removed rule's parent so scopes stay valid
  doc.entities.forEach((r, i) => {
    if (r.parent && removeEntities.has(r.parent) && !removeEntities.has(r.id)) {
      const idx = i - ents.filter((e) => e.i < i).length;
      const parent = doc.entities.find((p) => p.id === r.parent)?.parent;
      ops.push({ op: 'set', path: ['entities', idx, 'parent'], value: parent });
    }
  });
  for (const id of removeEntities) layoutDrops.add(id);
  for (const r of [...doc.entities, ...doc.links]) if (removeEntities.has(r.id)) visitValues({ ...doc, entities: doc.entities.filter((e) => e.id === r.id), links: doc.links.filter((e) => e.id === r.id), filters: [], root: { fields: [] }, recordId: undefined }, (s) => layoutDrops.add(s.node.id));
  for (const id of layoutDrops) if (doc.layout.nodes[id]) ops.push({ op: 'set', path: ['layout', 'nodes', id], value: undefined });
  if (!ops.length && !Object.keys(drafts).length) return refuse('nothing to delete');
  const count = nodeIds.length + edgeIds.length;
  return { ok: true, command: { label: `Delete ${count} item${count === 1 ? '' : 's'}`, ops, ...(Object.keys(drafts).length ? { drafts } : {}) } };
}

/** Records node positions after a drag (layout only; drafts move in the session). */
export function moveNodes(ctx: EditContext, positions: readonly { id: string; x: number; y: number }[]): EditResult {
  const ops: Op[] = [];
  const drafts: Record<string, DraftNode> = {};
  for (const p of positions) {
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (ctx.drafts[p.id]) {
      drafts[p.id] = { ...ctx.drafts[p.id], x, y };
      continue;
    }
    const old = ctx.doc.layout.nodes[p.id];
    if (old && old.x === x && old.y === y) continue;
    ops.push({ op: 'set', path: ['layout', 'nodes', p.id], value: { ...(old ?? {}), x, y } });
  }
  if (!ops.length && !Object.keys(drafts).length) return refuse('nothing moved');
  return { ok: true, command: { label: positions.length === 1 ? 'Move node' : `Move ${positions.length} nodes`, ops, layoutOnly: true, ...(Object.keys(drafts).length ? { drafts } : {}) } };
}

/** Collapses or expands a node (layout only). */
export function setCollapsed(ctx: EditContext, id: string, collapsed: boolean, at: { x: number; y: number }): EditResult {
  const old = ctx.doc.layout.nodes[id] ?? { x: Math.round(at.x), y: Math.round(at.y) };
  const next = { ...old };
  if (collapsed) next.collapsed = true;
  else delete next.collapsed;
  return { ok: true, command: { label: collapsed ? 'Collapse node' : 'Expand node', ops: [{ op: 'set', path: ['layout', 'nodes', id], value: next }], layoutOnly: true } };
}

/** Adds a target entity rule (from the target model's entity list). */
export function addEntityRule(ctx: EditContext, entity: string, at: { x: number; y: number }): EditResult {
  const id = ctx.newId('r');
  const rule: EntityRule = { id, entity, fields: [] };
  return {
    ok: true,
    command: {
      label: `Add ${entity} rule`,
      ops: [
        { op: 'insert', path: ['entities'], index: ctx.doc.entities.length, value: rule },
        { op: 'set', path: ['layout', 'nodes', id], value: { x: Math.round(at.x), y: Math.round(at.y) } },
      ],
    },
    select: [id],
  };
}

/** Copies value nodes (with absolute field paths) for the clipboard. */
export function copyNodes(ctx: EditContext, ids: readonly string[]): DraftNode[] {
  const scopes = ruleScopes(ctx.doc);
  const out: DraftNode[] = [];
  for (const id of ids) {
    const draft = ctx.drafts[id];
    if (draft) {
      out.push(structuredClone(draft));
      continue;
    }
    const site = findValue(ctx.doc, id);
    if (!site || site.node.kind === 'field') continue;
    const pos = ctx.doc.layout.nodes[id] ?? { x: 0, y: 0 };
    out.push({ node: absolutise(site.node, scopes.get(site.ruleId) ?? []), x: pos.x, y: pos.y });
  }
  return out;
}

/** Pastes copied nodes as drafts with fresh ids, offset so they do not cover the originals. */
export function pasteNodes(ctx: EditContext, clip: readonly DraftNode[], offset = 40): EditResult {
  if (!clip.length) return refuse('nothing to paste');
  const drafts: Record<string, DraftNode> = {};
  for (const d of clip) {
    const node = rekey(d.node, ctx.newId);
    drafts[node.id] = { node, x: d.x + offset, y: d.y + offset };
  }
  return { ok: true, command: { label: `Paste ${clip.length} node${clip.length === 1 ? '' : 's'}`, ops: [], drafts }, select: Object.keys(drafts) };
}

export { sourceNodeId };
