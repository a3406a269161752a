/**
 * Keeps the identity of canvas nodes and edges that did not change. Every edit re-projects the
 * whole document (graph/projection.ts), which yields new objects for all 500 nodes and 1,000 edges;
 * React Flow compares user nodes by identity (`adoptUserNodes` with `checkEquality`), so new objects
 * would re-render and re-measure every node — and a node re-adopted without `measured` loses its
 * handle bounds, which hides its edges until it is measured again. Reusing equal objects limits the
 * work of an edit to what it changed.
 */

/**
 * Structural equality of JSON-like values, identity first. Hand-written rather than a dependency:
 * node data is plain data (no Dates, Maps or cycles), and the identity check on every level makes
 * the common case — unchanged sub-trees shared by the projection — cost nothing.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * `next` with every element equal to the previous element of the same id replaced by that
 * previous object. Returns the new id → element map to pass as `prev` next time.
 *
 * @example const { items, byId } = reuseUnchanged(cache.current, projected); cache.current = byId;
 */
export function reuseUnchanged<T extends { id: string }>(prev: ReadonlyMap<string, T>, next: readonly T[]): { items: T[]; byId: Map<string, T> } {
  const byId = new Map<string, T>();
  const items = next.map((n) => {
    const old = prev.get(n.id);
    const kept = old !== undefined && sameValue(old, n) ? old : n;
    byId.set(n.id, kept);
    return kept;
  });
  return { items, byId };
}

/**
 * A stateful `reuseUnchanged` remembering the previous result, for use inside `useMemo` (create it
 * once with `useState(() => createReuser<GraphNode>())`). A render React discards may still update
 * the memory; harmless, since elements are reused only when equal.
 */
export function createReuser<T extends { id: string }>(): (next: readonly T[]) => T[] {
  let prev: ReadonlyMap<string, T> = new Map();
  return (next) => {
    const { items, byId } = reuseUnchanged(prev, next);
    prev = byId;
    return items;
  };
}

/** Like `createReuser` for one value: returns the previous value while `same(previous, next)`. */
export function createKeeper<T>(same: (a: T, b: T) => boolean): (next: T) => T {
  let prev: { value: T } | null = null;
  return (next) => {
    if (prev && same(prev.value, next)) return prev.value;
    prev = { value: next };
    return next;
  };
}
