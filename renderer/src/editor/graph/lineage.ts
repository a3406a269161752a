/**
 * Lineage over the canvas projection: everything a selected field depends on, or feeds. Computed
 * on the projected graph (not the document) so drafts and re-routed handles need no special case:
 * a value node's inputs are the edges arriving at it, its output the edges leaving its `out` handle.
 */
import type { Graph, GraphEdge } from './types';

/** A field on the canvas: a target field of an entity node (`t:`) or a source field (`f:`). */
export type LineageFocus =
  | { kind: 'target'; nodeId: string; path: string }
  | { kind: 'source'; nodeId: string; path: string };

export interface Lineage {
  focus: LineageFocus;
  /** Edges on a path between the focused field and the fields at the other end. */
  edges: ReadonlySet<string>;
  /** Nodes those edges touch (sources, value nodes, target entities). */
  nodes: ReadonlySet<string>;
  /** Field paths in lineage, by node id: source fields read (`f:`) and target fields written (`t:`). */
  fields: ReadonlyMap<string, ReadonlySet<string>>;
}

/** `path` itself or a field inside it (`persons[]` covers `persons[].surname`). */
function covers(path: string, candidate: string): boolean {
  return candidate === path || candidate.startsWith(path + '.') || candidate.startsWith(path + '[');
}

function handlePath(handle: string | null | undefined, prefix: 'f:' | 't:'): string | null {
  return handle && handle.startsWith(prefix) ? handle.slice(prefix.length) : null;
}

/**
 * The lineage of a field: for a target field, every edge and node its value is computed from, back
 * to the source fields read; for a source field, everything its value flows into, up to the target
 * fields (and rule slots: conditions, keys, filters) it reaches. Selecting a parent field covers
 * its children. Cycles (not valid documents, but drawable) are walked once.
 *
 * @example lineage(graph, { kind: 'target', nodeId: 'r-person', path: 'names[].family' }).edges
 */
export function lineage(graph: Graph, focus: LineageFocus): Lineage {
  const into = new Map<string, GraphEdge[]>();
  const outOf = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    (into.get(e.target) ?? into.set(e.target, []).get(e.target)!).push(e);
    (outOf.get(e.source) ?? outOf.set(e.source, []).get(e.source)!).push(e);
  }
  const valueNodes = new Set(graph.nodes.filter((n) => n.type === 'value').map((n) => n.id));
  const edges = new Set<string>();
  const nodes = new Set<string>([focus.nodeId]);
  const fields = new Map<string, Set<string>>();
  const addField = (nodeId: string, path: string) => (fields.get(nodeId) ?? fields.set(nodeId, new Set()).get(nodeId)!).add(path);
  addField(focus.nodeId, focus.path);

  const seen = new Set<string>();
  if (focus.kind === 'target') {
    const stack = (into.get(focus.nodeId) ?? []).filter((e) => {
      const p = handlePath(e.targetHandle, 't:');
      return p !== null && covers(focus.path, p);
    });
    while (stack.length) {
      const e = stack.pop()!;
      if (edges.has(e.id)) continue;
      edges.add(e.id);
      nodes.add(e.source);
      const written = handlePath(e.targetHandle, 't:');
      if (written !== null && e.target === focus.nodeId) addField(e.target, written);
      const read = e.data?.sourcePath ?? handlePath(e.sourceHandle, 'f:');
      if (!valueNodes.has(e.source)) {
        if (read) addField(e.source, read);
        continue;
      }
      if (seen.has(e.source)) continue;
      seen.add(e.source);
      stack.push(...(into.get(e.source) ?? []));
    }
  } else {
    const stack = (outOf.get(focus.nodeId) ?? []).filter((e) => {
      const p = e.data?.sourcePath ?? handlePath(e.sourceHandle, 'f:');
      return p != null && covers(focus.path, p);
    });
    while (stack.length) {
      const e = stack.pop()!;
      if (edges.has(e.id)) continue;
      edges.add(e.id);
      nodes.add(e.target);
      const read = e.data?.sourcePath ?? handlePath(e.sourceHandle, 'f:');
      if (read && e.source === focus.nodeId) addField(e.source, read);
      if (!valueNodes.has(e.target)) {
        const written = handlePath(e.targetHandle, 't:');
        if (written !== null) addField(e.target, written);
        continue;
      }
      if (seen.has(e.target)) continue;
      seen.add(e.target);
      stack.push(...(outOf.get(e.target) ?? []));
    }
  }
  return { focus, edges, nodes, fields };
}

/** The same lineage (same edges, nodes and fields)? Lets the canvas keep classes stable across re-projections. */
export function sameLineage(a: Lineage | null, b: Lineage | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const sameSet = (x: ReadonlySet<string>, y: ReadonlySet<string>) => x.size === y.size && [...x].every((v) => y.has(v));
  if (!sameSet(a.edges, b.edges) || !sameSet(a.nodes, b.nodes) || a.fields.size !== b.fields.size) return false;
  for (const [k, v] of a.fields) {
    const w = b.fields.get(k);
    if (!w || !sameSet(v, w)) return false;
  }
  return true;
}
