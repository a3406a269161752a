/**
 * The canvas is a view of the mapping document: `documentToGraph` projects the document (plus the
 * target model's field tree) into React Flow nodes and edges. Nothing here is persisted — positions
 * come from `doc.layout` and edits go back through commands (see `edits.ts`).
 */
import type { FieldNode, FieldTree } from '../../../../mappings/model/field-tree';
import type { MappingDocument, ValueNode } from '../../../../mappings/document/types';
import { absoluteFieldPath, childSlots, ruleScopes, visitValues, type Consumer, type LoopScope } from './walk';
import type {
  EdgeData,
  EntityNodeData,
  FunctionInfo,
  Graph,
  GraphEdge,
  GraphNode,
  ProjectionOptions,
  SlotView,
  ValueNodeData,
} from './types';

export const ROOT_NODE_ID = 'target';
export const sourceNodeId = (sourceId: string) => `source:${sourceId}`;
export const fieldHandle = (path: string) => `f:${path}`;
export const targetHandle = (path: string) => `t:${path}`;
export const slotHandle = (slot: string) => `in:${slot}`;
export const OUT_HANDLE = 'out';

/** `names[0].family` → `names[].family`: rule targets index into arrays, the model tree does not. */
export function normaliseTarget(target: string): string {
  return target.replace(/\[\d+\]/g, '[]');
}

/** Default rule target for a model path: first element of intermediate arrays, append for a leaf array. */
export function ruleTargetFor(modelPath: string): string {
  const parts = modelPath.split('.');
  return parts.map((p, i) => (i < parts.length - 1 ? p.replace(/\[\]$/, '[0]') : p)).join('.');
}

function stripPrefix(fields: FieldNode[], prefix: string): FieldNode[] {
  return fields.map((f) => ({
    ...f,
    path: f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path,
    ...(f.children ? { children: stripPrefix(f.children, prefix) } : {}),
  }));
}

/**
 * The fields of one entity inside a model tree, with paths relative to the entity. Accepts the
 * model shapes we meet: a top-level field per entity (`Person`, or a collection `persons[]`), or a
 * tree that is the entity itself (id ending `#Person`).
 */
export function entityFields(tree: FieldTree | undefined, entity: string): FieldNode[] {
  if (!tree) return [];
  if (tree.id.endsWith(`#${entity}`)) return tree.fields;
  const lower = entity.toLowerCase();
  const top = tree.fields.find((f) => {
    const n = f.name.toLowerCase();
    return n === lower || n === `${lower}s` || n === `${lower}es`;
  });
  if (!top?.children) return [];
  return stripPrefix(top.children, top.path.endsWith('[]') ? `${top.path}.` : `${top.path}.`);
}

const describeConst = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null');

function valueTitle(node: ValueNode, fn?: FunctionInfo, valueMapName?: string): { title: string; subtitle: string } {
  switch (node.kind) {
    case 'call':
      return { title: node.fn, subtitle: fn?.doc?.split('\n')[0] ?? 'function' };
    case 'map':
      return { title: valueMapName ?? node.valueMap, subtitle: 'value map' };
    case 'cond':
      return { title: 'if / else', subtitle: `${node.branches.length} branch${node.branches.length === 1 ? '' : 'es'}` };
    case 'expr':
      return { title: 'expression', subtitle: node.code.split('\n')[0].slice(0, 60) };
    case 'const':
      return { title: describeConst(node.value).slice(0, 40), subtitle: 'constant' };
    case 'aggregate':
      return { title: node.op, subtitle: 'aggregate' };
    case 'object':
      return { title: 'object', subtitle: Object.keys(node.fields).join(', ') };
    case 'array':
      return { title: 'array', subtitle: `${node.items.length} items` };
    default:
      return { title: node.kind, subtitle: '' };
  }
}

function slotLabel(node: ValueNode, slot: string, fn?: FunctionInfo): string {
  if (node.kind === 'call') {
    const i = Number(slot.slice(3));
    return fn?.params[i]?.name ?? `arg ${i + 1}`;
  }
  if (node.kind === 'cond') {
    if (slot === 'else') return 'else';
    const m = /^b(\d+)\.(when|then)$/.exec(slot);
    return m ? `${m[2] === 'when' ? 'if' : 'then'} ${Number(m[1]) + 1}` : slot;
  }
  if (slot.startsWith('f.')) return slot.slice(2);
  if (/^i\d+$/.test(slot)) return `[${slot.slice(1)}]`;
  return slot;
}

/** A value is drawn as its own node unless it is a field read (an edge) or an inline constant argument. */
function isDrawn(node: ValueNode, consumer: Consumer): boolean {
  if (node.kind === 'field') return false;
  if (node.kind === 'const' && consumer.kind === 'slot') return false;
  return true;
}

function slotsOf(node: ValueNode, fn?: FunctionInfo): SlotView[] {
  const slots: SlotView[] = childSlots(node).map(({ slot, child }) => {
    if (child.kind === 'const') {
      return child.value === null
        ? { slot, label: slotLabel(node, slot, fn), state: 'empty' as const }
        : { slot, label: slotLabel(node, slot, fn), state: 'const' as const, constValue: child.value };
    }
    return { slot, label: slotLabel(node, slot, fn), state: 'wired' as const };
  });
  return slots;
}

function consumerEnd(consumer: Consumer): { target: string; targetHandle: string } {
  switch (consumer.kind) {
    case 'field-rule':
      return consumer.ruleId === 'root'
        ? { target: ROOT_NODE_ID, targetHandle: targetHandle(normaliseTarget(consumer.target)) }
        : { target: consumer.ruleId, targetHandle: targetHandle(normaliseTarget(consumer.target)) };
    case 'slot':
      return { target: consumer.nodeId, targetHandle: slotHandle(consumer.slot) };
    case 'when':
      return { target: consumer.ruleId, targetHandle: 'when' };
    case 'key':
      return { target: consumer.ruleId, targetHandle: `key:${consumer.index}` };
    case 'role':
      return { target: consumer.ruleId, targetHandle: 'role' };
    case 'filter':
      return { target: ROOT_NODE_ID, targetHandle: `filter:${consumer.filterId}` };
    case 'record-id':
      return { target: ROOT_NODE_ID, targetHandle: 'recordId' };
  }
}

/** Edge id: one per consuming slot, derived from stable ids so selection survives re-projection. */
export function edgeIdFor(consumer: Consumer): string {
  switch (consumer.kind) {
    case 'field-rule':
      return `e:${consumer.fieldRuleId}`;
    case 'slot':
      return `e:${consumer.nodeId}:${consumer.slot}`;
    case 'when':
      return `e:${consumer.ruleId}:when`;
    case 'key':
      return `e:${consumer.ruleId}:key${consumer.index}`;
    case 'role':
      return `e:${consumer.ruleId}:role`;
    case 'filter':
      return `e:${consumer.filterId}`;
    case 'record-id':
      return 'e:recordId';
  }
}

interface SourceInfo {
  nodeId: string;
  prefix: string;
}

/** Which source node shows an absolute record path (joins appear under their `as` name). */
function sourceFor(path: string, sources: SourceInfo[], primary: SourceInfo | undefined): SourceInfo | undefined {
  let best: SourceInfo | undefined;
  for (const s of sources) {
    if (s.prefix && (path === s.prefix || path.startsWith(s.prefix + '.') || path.startsWith(s.prefix + '['))) {
      if (!best || s.prefix.length > best.prefix.length) best = s;
    }
  }
  return best ?? primary;
}

const COLUMN = { source: 0, value: 520, target: 1000 };

/**
 * Projects a mapping document onto canvas nodes and edges.
 *
 * @param sourceTree overrides the primary source's inlined schema (e.g. a freshly inferred tree)
 * @param targetTree the target model's field tree (one top-level field per entity)
 * @example const { nodes, edges } = documentToGraph(doc, undefined, modelTree);
 */
export function documentToGraph(
  doc: MappingDocument,
  sourceTree: FieldTree | undefined,
  targetTree: FieldTree | undefined,
  options: ProjectionOptions = {},
): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const layout = doc.layout.nodes;
  const scopes = ruleScopes(doc);
  const vmNames = new Map(doc.valueMaps.map((v) => [v.id, v.name]));
  const fnInfo = options.functionInfo ?? (() => undefined);

  // Sources: the primary at its own root, each join under its `as` name.
  const sourceInfos: SourceInfo[] = [];
  let primaryInfo: SourceInfo | undefined;
  const sourceData = new Map<string, { used: Set<string> }>();
  doc.sources.forEach((s, i) => {
    const join = doc.joins.find((j) => j.source === s.id);
    const prefix = s.primary ? '' : join ? (join.cardinality === 'many' ? `${join.as}[]` : join.as) : `$${s.id}`;
    const info = { nodeId: sourceNodeId(s.id), prefix };
    sourceInfos.push(info);
    if (s.primary) primaryInfo = info;
    sourceData.set(info.nodeId, { used: new Set() });
    void i;
  });

  const loops = new Set<string>();
  for (const chain of scopes.values()) for (const l of chain) loops.add(l.prefix);

  // Entity rules and the root rule: one target node each.
  const mappedBy = new Map<string, Record<string, string[]>>();
  const entityData = new Map<string, EntityNodeData>();
  doc.entities.forEach((rule, i) => {
    const fields = entityFields(targetTree, rule.entity);
    const mapped: Record<string, string[]> = {};
    for (const fr of rule.fields) (mapped[normaliseTarget(fr.target)] ??= []).push(fr.id);
    const known = new Set<string>();
    const collect = (fs: FieldNode[]) => fs.forEach((f) => (known.add(f.path), f.children && collect(f.children)));
    collect(fields);
    mappedBy.set(rule.id, mapped);
    const data: EntityNodeData = {
      kind: 'entity',
      rule,
      ruleId: rule.id,
      entity: rule.entity,
      title: rule.label ? `${rule.entity} · ${rule.label}` : rule.entity,
      ...(rule.forEach ? { forEach: rule.forEach } : {}),
      scope: scopes.get(rule.id) ?? [],
      fields,
      mapped,
      unknownTargets: Object.keys(mapped).filter((p) => targetTree && !known.has(p)),
      hasWhen: !!rule.when,
      keyCount: rule.key?.length ?? 0,
      collapsed: !!layout[rule.id]?.collapsed,
    };
    entityData.set(rule.id, data);
    const pos = layout[rule.id] ?? { x: COLUMN.target, y: 40 + i * 360 };
    nodes.push({ id: rule.id, type: 'entity', position: { x: pos.x, y: pos.y }, data, ...(pos.width ? { width: pos.width } : {}) });
  });
  if (doc.root.fields.length || doc.recordId || doc.filters.length) {
    const fields = targetTree?.fields.filter((f) => f.type !== 'object' || !doc.entities.some((e) => e.entity === f.name)) ?? [];
    const mapped: Record<string, string[]> = {};
    for (const fr of doc.root.fields) (mapped[normaliseTarget(fr.target)] ??= []).push(fr.id);
    const data: EntityNodeData = {
      kind: 'entity',
      rule: null,
      ruleId: 'root',
      entity: 'Document',
      title: 'Output document',
      scope: [],
      fields,
      mapped,
      unknownTargets: [],
      hasWhen: false,
      keyCount: 0,
      collapsed: !!layout[ROOT_NODE_ID]?.collapsed,
      filters: doc.filters.map((f) => ({ id: f.id, reason: f.reason })),
      hasRecordId: !!doc.recordId,
    };
    entityData.set('root', data);
    const pos = layout[ROOT_NODE_ID] ?? { x: COLUMN.target, y: -200 };
    nodes.push({ id: ROOT_NODE_ID, type: 'entity', position: { x: pos.x, y: pos.y }, data });
  }

  // Links: a small node wired from its two entity rules.
  doc.links.forEach((rule, i) => {
    const pos = layout[rule.id] ?? { x: COLUMN.target + 420, y: 40 + i * 120 };
    const roleTitle = rule.role.kind === 'const' ? String(rule.role.value) : 'computed role';
    nodes.push({ id: rule.id, type: 'link', position: { x: pos.x, y: pos.y }, data: { kind: 'link', rule, title: roleTitle } });
    for (const end of ['from', 'to'] as const) {
      edges.push({
        id: `link:${rule.id}:${end}`,
        source: rule[end],
        sourceHandle: 'entity',
        target: rule.id,
        targetHandle: end,
        type: 'link',
        data: { path: ['links', i, end], consumer: { kind: 'role', ruleId: rule.id }, ruleId: rule.id, valueId: rule.id, link: end },
      });
    }
  });

  // Values: field reads become edges from source handles; every other value a node.
  const depthOf = new Map<string, number>();
  visitValues(doc, (site) => {
    const { node, consumer } = site;
    const end = consumerEnd(consumer);
    const data: EdgeData = { path: site.path, consumer, ruleId: site.ruleId, valueId: node.id };
    const parentDepth = consumer.kind === 'slot' ? (depthOf.get(consumer.nodeId) ?? 0) : 0;
    if (node.kind === 'field') {
      const abs = absoluteFieldPath(node, (scopes.get(site.ruleId) ?? []) as LoopScope[]);
      const src = sourceFor(abs, sourceInfos, primaryInfo);
      if (!src) return;
      sourceData.get(src.nodeId)?.used.add(abs);
      edges.push({
        id: edgeIdFor(consumer),
        source: src.nodeId,
        sourceHandle: fieldHandle(abs),
        ...end,
        data: { ...data, sourcePath: abs },
      });
      return;
    }
    if (!isDrawn(node, consumer)) return;
    depthOf.set(node.id, parentDepth + 1);
    const fn = node.kind === 'call' ? fnInfo(node.fn) : undefined;
    const { title, subtitle } = valueTitle(node, fn, node.kind === 'map' ? vmNames.get(node.valueMap) : undefined);
    const valueData: ValueNodeData = { kind: 'value', node, ruleId: site.ruleId, path: site.path, title, subtitle, slots: slotsOf(node, fn) };
    const pos = layout[node.id] ?? { x: COLUMN.value - parentDepth * 220, y: 40 + nodes.length * 30 };
    nodes.push({ id: node.id, type: 'value', position: { x: pos.x, y: pos.y }, data: valueData });
    edges.push({ id: edgeIdFor(consumer), source: node.id, sourceHandle: OUT_HANDLE, ...end, data });
  });

  // Drafts: placed by the user but not wired to any target yet; their inputs may already be wired.
  for (const [id, draft] of Object.entries(options.drafts ?? {})) {
    const fn = draft.node.kind === 'call' ? fnInfo(draft.node.fn) : undefined;
    const { title, subtitle } = valueTitle(draft.node, fn, draft.node.kind === 'map' ? vmNames.get(draft.node.valueMap) : undefined);
    nodes.push({
      id,
      type: 'value',
      position: { x: draft.x, y: draft.y },
      data: { kind: 'value', node: draft.node, ruleId: '', path: [], title, subtitle, slots: slotsOf(draft.node, fn), draft: true },
    });
    for (const { slot, child } of childSlots(draft.node)) {
      if (child.kind !== 'field') continue;
      const src = sourceFor(child.path, sourceInfos, primaryInfo);
      if (!src) continue;
      edges.push({
        id: `e:${id}:${slot}`,
        source: src.nodeId,
        sourceHandle: fieldHandle(child.path),
        target: id,
        targetHandle: slotHandle(slot),
        data: { path: [], consumer: { kind: 'slot', nodeId: id, slot }, ruleId: '', valueId: child.id, sourcePath: child.path },
      });
    }
  }

  // Source nodes last so they know which fields are read.
  const sourceNodes: GraphNode[] = doc.sources.map((s, i) => {
    const info = sourceInfos[i];
    const tree = s.primary && sourceTree ? sourceTree : s.schema;
    const fields = info.prefix ? reroot(tree.fields, info.prefix) : tree.fields;
    const pos = layout[info.nodeId] ?? { x: COLUMN.source - 600, y: i * 520 };
    return {
      id: info.nodeId,
      type: 'source',
      position: { x: pos.x, y: pos.y },
      data: {
        kind: 'source',
        sourceId: s.id,
        title: s.name,
        format: s.format,
        prefix: info.prefix,
        fields,
        used: [...(sourceData.get(info.nodeId)?.used ?? [])],
        loops: [...loops],
        collapsed: !!layout[info.nodeId]?.collapsed,
      },
    };
  });
  void mappedBy;
  return { nodes: [...sourceNodes, ...nodes], edges };
}

/** Prefixes a secondary source's paths with the join name, as they appear on the primary record. */
function reroot(fields: FieldNode[], prefix: string): FieldNode[] {
  return fields.map((f) => ({
    ...f,
    path: f.path.startsWith('[') ? prefix + f.path : `${prefix}.${f.path}`,
    ...(f.children ? { children: reroot(f.children, prefix) } : {}),
  }));
}
