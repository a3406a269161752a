import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { FieldNode } from '../../../../mappings/model/field-tree';
import { flattenFields, visibleRange } from './field-rows';
import { MORE_ABOVE, MORE_BELOW, NODE_EDGE } from './handle-routing';
import { useEditorContext } from './editor-context';
import { useLineageFields } from './lineage-view';

export const ROW_HEIGHT = 24;
const MAX_VISIBLE_ROWS = 18;

export interface FieldListProps {
  nodeId: string;
  fields: readonly FieldNode[];
  side: 'source' | 'target';
  /** Prefix of handle ids: `f:` for source fields, `t:` for target fields. */
  handlePrefix: 'f:' | 't:';
  /** Paths with an edge (filled handle, bold name). */
  used: ReadonlySet<string>;
  /** Collection paths iterated by a loop (badge). */
  loops?: ReadonlySet<string>;
  /** Paths with a problem (red). */
  flagged?: ReadonlySet<string>;
  /** Target-schema errors of the selected preview record, by row path (marked, messages on hover). */
  issues?: ReadonlyMap<string, string[]>;
  selected?: string | null;
  onRowClick?(path: string): void;
  query: string;
  nodeCollapsed: boolean;
}

function typeLabel(f: FieldNode): string {
  if (f.type === 'array') return `${f.itemType ?? 'any'}[]`;
  return f.format ? `${f.type}:${f.format}` : f.type;
}

/**
 * A field tree inside a node with one handle per row, virtualised: only rows in view are rendered,
 * and what is shown is reported to the editor so edges to hidden rows re-route (handle-routing.ts).
 */
export const FieldList = memo(function FieldList(props: FieldListProps) {
  const { nodeId, fields, side, handlePrefix, used, loops, flagged, issues, selected, onRowClick, query, nodeCollapsed } = props;
  const { handles, reveal } = useEditorContext();
  const updateNodeInternals = useUpdateNodeInternals();
  const inLineage = useLineageFields(nodeId);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => {
    // Large trees open with their top level folded so a 2,000-field export stays readable.
    let count = 0;
    const count1 = (fs: readonly FieldNode[]) => fs.forEach((f) => (count++, f.children && count1(f.children)));
    count1(fields);
    return count > 300 ? new Set(fields.filter((f) => f.children?.length).map((f) => f.path)) : new Set();
  });
  const [scrollTop, setScrollTop] = useState(0);
  const measuredOnce = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, alias } = useMemo(() => flattenFields(fields, collapsed, query), [fields, collapsed, query]);
  const viewport = Math.min(rows.length, MAX_VISIBLE_ROWS) * ROW_HEIGHT;
  const { first, last } = visibleRange(rows.length, scrollTop, viewport, ROW_HEIGHT);
  const shown = nodeCollapsed ? [] : rows.slice(first, last + 1);

  useEffect(() => {
    const rendered = new Set(shown.map((r) => handlePrefix + r.field.path));
    const index = new Map(rows.map((r, i) => [handlePrefix + r.field.path, i]));
    const aliasH = new Map([...alias].map(([k, v]) => [handlePrefix + k, handlePrefix + v]));
    handles.getState().set(nodeId, { rendered, index, alias: aliasH, first, last, collapsed: nodeCollapsed });
    // React Flow measures a node's handles when it mounts (its ResizeObserver's first report);
    // asking again here for each of hundreds of nodes cost a full store update apiece on open.
    // Only later changes of the rendered rows (scroll, fold, filter) need a re-measure.
    if (measuredOnce.current) updateNodeInternals(nodeId);
    measuredOnce.current = true;
    // shown is derived from rows/first/last
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, alias, first, last, nodeCollapsed, handlePrefix, nodeId, handles, updateNodeInternals]);
  useEffect(() => () => handles.getState().set(nodeId, null), [handles, nodeId]);

  // Find: unfold the ancestors of the found field and scroll it to the middle of the list.
  const [flash, setFlash] = useState<string | null>(null);
  useEffect(() => {
    if (!reveal || reveal.nodeId !== nodeId) return;
    const ancestors = [...collapsed].filter((c) => reveal.path.startsWith(c + '.') || reveal.path.startsWith(c + '['));
    if (ancestors.length) {
      setCollapsed((c) => new Set([...c].filter((x) => !ancestors.includes(x))));
      return; // runs again with the unfolded rows
    }
    const i = rows.findIndex((r) => r.field.path === reveal.path);
    if (i >= 0 && scrollRef.current) {
      const top = Math.max(0, i * ROW_HEIGHT - viewport / 2);
      scrollRef.current.scrollTop = top;
      setScrollTop(top);
      setFlash(reveal.path);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal, rows]);

  const toggle = useCallback((path: string) => {
    setCollapsed((c) => {
      const n = new Set(c);
      if (n.has(path)) n.delete(path);
      else n.add(path);
      return n;
    });
  }, []);

  const handleType = side === 'source' ? 'source' : 'target';
  const position = side === 'source' ? Position.Right : Position.Left;
  const edgeHandle = (id: string, style: React.CSSProperties) => (
    <Handle key={id} id={id} type={handleType} position={position} isConnectable={false} className="mw-handle-edge" style={style} />
  );

  if (nodeCollapsed) return <div className="mw-fields-collapsed">{edgeHandle(NODE_EDGE, { top: '50%' })}{rows.length} fields</div>;

  return (
    <div className="mw-fields">
      {edgeHandle(NODE_EDGE, { top: 0, opacity: 0 })}
      {edgeHandle(MORE_ABOVE, { top: 0 })}
      <div
        ref={scrollRef}
        className="mw-fields-scroll nowheel nodrag"
        style={{ height: viewport }}
        onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}
        role="tree"
        aria-label={side === 'source' ? 'Source fields' : 'Target fields'}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {shown.map((r, i) => {
            const f = r.field;
            const h = handlePrefix + f.path;
            const isUsed = used.has(f.path);
            const cls = [
              'mw-row',
              isUsed ? 'mw-row-used' : '',
              r.match ? '' : 'mw-row-context',
              flagged?.has(f.path) ? 'mw-row-flagged' : '',
              issues?.has(f.path) ? 'mw-row-invalid' : '',
              selected === f.path || flash === f.path ? 'mw-row-selected' : '',
              inLineage.has(f.path) ? 'mw-row-lineage' : '',
            ].join(' ');
            return (
              <div
                key={f.path}
                className={cls}
                role="treeitem"
                aria-level={r.depth + 1}
                aria-expanded={r.hasChildren ? r.expanded : undefined}
                data-testid={`${side}-field-${f.path}`}
                data-field={f.path}
                title={[f.path, typeLabel(f), f.doc, f.examples?.length ? `e.g. ${f.examples.slice(0, 3).map((x) => JSON.stringify(x)).join(', ')}` : '']
                  .filter(Boolean)
                  .join('\n')}
                style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: 8 + r.depth * 14 }}
                onClick={(e) => {
                  if (!onRowClick) return;
                  // The row picks a field, not its node (React Flow would select the node and drop the field).
                  e.stopPropagation();
                  onRowClick(f.path);
                }}
              >
                {r.hasChildren ? (
                  <button
                    type="button"
                    className="mw-caret"
                    aria-label={r.expanded ? `Collapse ${f.name}` : `Expand ${f.name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      toggle(f.path);
                    }}
                  >
                    {r.expanded ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="mw-caret-space" />
                )}
                <span className="mw-row-name">
                  {f.name}
                  {f.cardinality === 'one' && side === 'target' ? <span className="mw-required" title="required">*</span> : null}
                </span>
                {loops?.has(f.path) ? <span className="mw-badge mw-badge-loop" title="A rule loops over this collection">loop</span> : null}
                {issues?.has(f.path) ? (
                  <span className="mw-badge mw-badge-invalid" data-testid={`invalid-${f.path}`} title={`Preview record fails the target model here:\n${issues.get(f.path)!.join('\n')}`}>
                    invalid
                  </span>
                ) : null}
                {f.codeList ? <span className="mw-badge" title={`Code list ${f.codeList}`}>{f.codeList}</span> : null}
                <span className="mw-row-type">{typeLabel(f)}</span>
                <Handle id={h} type={handleType} position={position} className={isUsed ? 'mw-handle mw-handle-used' : 'mw-handle'} />
              </div>
            );
          })}
        </div>
      </div>
      {edgeHandle(MORE_BELOW, { top: 'auto', bottom: 0 })}
      {rows.length === 0 ? <div className="mw-empty-rows">{query ? 'No field matches' : 'No fields'}</div> : null}
    </div>
  );
});
