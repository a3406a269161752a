/**
 * Field lists inside nodes are virtualised: only the visible rows (and their handles) are in the
 * DOM. An edge whose field row is scrolled away, filtered out or folded into a collapsed parent is
 * re-routed to the nearest handle that exists — the collapsed parent's row, or the "more above" /
 * "more below" handle at the list's edge — so React Flow always has a handle to draw to.
 */
import type { GraphEdge } from '../graph/types';

export const MORE_ABOVE = 'more-above';
export const MORE_BELOW = 'more-below';
export const NODE_EDGE = 'node-edge';

/** What one node's field list currently shows. */
export interface HandleView {
  /** Handle ids rendered in the DOM. */
  rendered: ReadonlySet<string>;
  /** Index of every row in the flattened (expanded, filtered) list, by handle id. */
  index: ReadonlyMap<string, number>;
  /** Handles hidden inside a collapsed row → that row's handle. */
  alias: ReadonlyMap<string, string>;
  first: number;
  last: number;
  /** Whole node collapsed to its header. */
  collapsed?: boolean;
}

/** The handle to draw to for `handle` on a node, given what that node shows. */
export function routeHandle(handle: string | null | undefined, view: HandleView | undefined): string | null | undefined {
  if (!handle || !view) return handle;
  if (!handle.startsWith('f:') && !handle.startsWith('t:')) return handle;
  if (view.collapsed) return NODE_EDGE;
  if (view.rendered.has(handle)) return handle;
  const target = view.alias.get(handle) ?? handle;
  if (view.rendered.has(target)) return target;
  const i = view.index.get(target);
  if (i === undefined) return NODE_EDGE; // filtered out by the node's search
  return i < view.first ? MORE_ABOVE : MORE_BELOW;
}

/** Re-routes every edge whose field handle is not on screen. Unchanged edges keep their identity. */
export function routeEdges(edges: GraphEdge[], views: Readonly<Record<string, HandleView>>): GraphEdge[] {
  return edges.map((e) => {
    const sh = routeHandle(e.sourceHandle, views[e.source]);
    const th = routeHandle(e.targetHandle, views[e.target]);
    if (sh === e.sourceHandle && th === e.targetHandle) return e;
    return { ...e, sourceHandle: sh, targetHandle: th, className: `${e.className ?? ''} mw-edge-rerouted`.trim() };
  });
}
