/**
 * Auto-layout with elkjs (layered, left to right): sources in the first layer, targets in the last,
 * functions between. Returns positions only; the caller turns them into one undoable layout command.
 */
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { GraphEdge, GraphNode } from '../graph/types';

// Loaded on the first layout, not with the editor: elkjs initialises its whole (GWT-compiled)
// runtime when imported, which cost ~200 ms of every canvas open.
let elk: Promise<ElkApi> | null = null;
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));

/** Lays out nodes with their measured sizes (falls back to a typical size before first paint). */
export async function autoLayout(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Promise<{ id: string; x: number; y: number }[]> {
  const ids = new Set(nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '120',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? n.width ?? 260,
      height: n.measured?.height ?? n.height ?? 160,
      layoutOptions: (n.type === 'source'
        ? { 'elk.layered.layering.layerConstraint': 'FIRST' }
        : n.type === 'link'
          ? { 'elk.layered.layering.layerConstraint': 'LAST' }
          : {}) as Record<string, string>,
    })),
    // Node-level edges are enough for layering; handle positions inside long lists would only add noise.
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const out = await (await loadElk()).layout(graph);
  return (out.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0 }));
}
