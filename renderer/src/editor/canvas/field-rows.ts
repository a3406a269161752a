/** Flattening a field tree into the rows a virtualised list shows (pure, tested). */
import type { FieldNode } from '../../../../mappings/model/field-tree';

export interface FieldRow {
  field: FieldNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Matches the node's search text (rows shown only as ancestors of a match are dimmed). */
  match: boolean;
}

/**
 * Visible rows: children of collapsed rows are skipped; with a query, only matches and their
 * ancestors (expanded) are shown. Also returns, for every hidden descendant, the collapsed row that
 * stands for it.
 */
export function flattenFields(
  fields: readonly FieldNode[],
  collapsed: ReadonlySet<string>,
  query: string,
): { rows: FieldRow[]; alias: Map<string, string> } {
  const q = query.trim().toLowerCase();
  const rows: FieldRow[] = [];
  const alias = new Map<string, string>();
  const matches = (f: FieldNode) => !q || f.name.toLowerCase().includes(q) || f.path.toLowerCase().includes(q);
  const subtreeMatches = new Map<string, boolean>();
  const anyMatch = (f: FieldNode): boolean => {
    const cached = subtreeMatches.get(f.path);
    if (cached !== undefined) return cached;
    const r = matches(f) || !!f.children?.some(anyMatch);
    subtreeMatches.set(f.path, r);
    return r;
  };
  const hideUnder = (f: FieldNode, stand: string) => {
    for (const c of f.children ?? []) {
      alias.set(c.path, stand);
      hideUnder(c, stand);
    }
  };
  const walk = (fs: readonly FieldNode[], depth: number) => {
    for (const f of fs) {
      if (q && !anyMatch(f)) continue;
      const hasChildren = !!f.children?.length;
      const expanded = hasChildren && (q ? true : !collapsed.has(f.path));
      rows.push({ field: f, depth, hasChildren, expanded, match: matches(f) });
      if (hasChildren) {
        if (expanded) walk(f.children!, depth + 1);
        else hideUnder(f, f.path);
      }
    }
  };
  walk(fields, 0);
  return { rows, alias };
}

/** Rows to render for a scroll position, with overscan so fast scrolling does not flash. */
export function visibleRange(count: number, scrollTop: number, viewport: number, rowHeight: number, overscan = 6): { first: number; last: number } {
  if (count === 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}
