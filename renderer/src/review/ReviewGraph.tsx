/**
 * The bundle's mapping as the editor's node graph, read-only: the same canvas and projection the
 * editor uses (so a reviewer sees exactly what the author saw), with dragging, connecting,
 * dropping and every edit turned off. Selecting a node or a target field shows what it does in
 * words, with a link to its row in the mapping table.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getViewportForBounds, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useStore } from 'zustand';
import type { DescribedFieldRow, OpenedBundle } from '../../../electron/shared/api';
import { humanLabel } from '../../../mappings/bundle/describe';
import type { MappingDocument } from '../../../mappings/document/types';
import { useApiQuery } from '../api/hooks';
import { Canvas } from '../editor/canvas/Canvas';
import { EditorContext, createHandleViews, editorContextValue, type EditorContextValue } from '../editor/canvas/editor-context';
import { modelToTargetTree } from '../editor/canvas/target-view';
import { functionInfo } from '../editor/function-catalog';
import { idGenerator, type EditContext, type EditResult } from '../editor/graph/edits';
import { documentToGraph, normaliseTarget } from '../editor/graph/projection';
import type { GraphNode, NodeData } from '../editor/graph/types';
import { createEditorStore } from '../editor/store/editor-store';
import { useColorMode } from '../editor/use-color-mode';
import '../editor/editor.css';

/** A row of the mapping table, by rule and entity-qualified target (`Person.dateOfBirth`). */
export interface RowRef {
  ruleId: string;
  target: string;
}

export interface ReviewGraphProps {
  bundle: OpenedBundle;
  /** Opens the mapping table at this row. */
  onShowRow(row: RowRef): void;
}

/** Target path of a row inside its entity, as the canvas names target fields (`names[].family`). */
export function rowPath(row: Pick<DescribedFieldRow, 'ruleId' | 'target'>): string {
  const inside = row.ruleId === 'root' ? row.target : row.target.slice(row.target.indexOf('.') + 1);
  return normaliseTarget(inside);
}

/**
 * The field rule a value node sits in, from its document path (`entities/2/fields/1/value/…`):
 * the rule id and the rule's own target (`names[0].family`).
 */
export function fieldRuleAt(doc: MappingDocument, path: readonly (string | number)[]): { ruleId: string; target: string } | null {
  let cur: unknown = doc;
  let ruleId: string | null = path[0] === 'root' ? 'root' : null;
  let found: { ruleId: string; target: string } | null = null;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || typeof cur !== 'object') return found;
    cur = (cur as Record<string | number, unknown>)[path[i]!];
    if (i === 1 && (path[0] === 'entities' || path[0] === 'links')) ruleId = (cur as { id?: string } | undefined)?.id ?? null;
    const o = cur as { target?: unknown; value?: unknown } | null;
    if (!found && ruleId && o && typeof o === 'object' && typeof o.target === 'string' && 'value' in o) found = { ruleId, target: o.target };
  }
  return found;
}

/** The described row for a field rule (rule id + its own target, `names[0].family`). */
export function rowForRule(rows: DescribedFieldRow[], ruleId: string, target: string): DescribedFieldRow | undefined {
  return rows.find((r) => r.ruleId === ruleId && (r.target === target || r.target.slice(r.target.indexOf('.') + 1) === target));
}

const VALUE_KIND: Record<string, string> = {
  field: 'Source field',
  const: 'Fixed value',
  expr: 'Formula',
  map: 'Value map',
  call: 'Function',
  cond: 'Choice',
  aggregate: 'Combine',
  object: 'Group of fields',
  array: 'List',
};

function RowLink({ row, onShowRow }: { row: DescribedFieldRow; onShowRow(row: RowRef): void }) {
  return (
    <li className="review-graph-row">
      <div>
        <strong>{row.label}</strong> <span className="muted mono small">{row.target}</span>
      </div>
      <div>{row.description}</div>
      <button type="button" className="link-button small" data-testid="review-graph-show-row" onClick={() => onShowRow({ ruleId: row.ruleId, target: row.target })}>
        Show in the mapping table
      </button>
    </li>
  );
}

function NodeDetails({ data, bundle, onShowRow }: { data: NodeData; bundle: OpenedBundle; onShowRow(row: RowRef): void }) {
  const rows = bundle.describe?.fields ?? [];
  const rules = bundle.describe?.rules ?? [];
  switch (data.kind) {
    case 'source':
      return (
        <>
          <h3 className="review-graph-title">Source: {data.title}</h3>
          <p>
            {data.format.toUpperCase()} records. The mapping reads {data.used.length} of its fields; the fields with a filled dot on the
            graph are the ones used.
          </p>
        </>
      );
    case 'entity': {
      const own = rows.filter((r) => r.ruleId === data.ruleId);
      const rule = rules.find((r) => r.ruleId === data.ruleId);
      return (
        <>
          <h3 className="review-graph-title">{data.title}</h3>
          {rule ? <p>{rule.text}</p> : null}
          <p className="muted small">
            {own.length} field{own.length === 1 ? '' : 's'} filled in. Click a field on the node to see where its value comes from.
          </p>
          <ul className="plain-list">
            {own.map((r) => (
              <RowLink key={r.target} row={r} onShowRow={onShowRow} />
            ))}
          </ul>
        </>
      );
    }
    case 'link': {
      const rule = rules.find((r) => r.ruleId === data.rule.id);
      const own = rows.filter((r) => r.ruleId === data.rule.id);
      return (
        <>
          <h3 className="review-graph-title">Link: {data.title}</h3>
          {rule ? <p>{rule.text}</p> : null}
          <ul className="plain-list">
            {own.map((r) => (
              <RowLink key={r.target} row={r} onShowRow={onShowRow} />
            ))}
          </ul>
        </>
      );
    }
    case 'value': {
      const n = data.node;
      const at = bundle.mapping ? fieldRuleAt(bundle.mapping, data.path) : null;
      const row = at ? rowForRule(rows, at.ruleId, at.target) : undefined;
      const fn = n.kind === 'call' ? functionInfo(n.fn) : undefined;
      return (
        <>
          <h3 className="review-graph-title">
            {VALUE_KIND[n.kind] ?? n.kind}: {data.title}
          </h3>
          {data.subtitle ? <p className="muted">{data.subtitle}</p> : null}
          {fn?.doc ? <p>{fn.doc}</p> : null}
          {n.kind === 'expr' ? (
            <p>
              Formula: <code className="mono">{n.code}</code>
            </p>
          ) : null}
          {n.kind === 'const' ? (
            <p>
              Always the value <code className="mono">{JSON.stringify(n.value)}</code>
            </p>
          ) : null}
          {row ? (
            <>
              <p className="muted small">This step is part of how one field is filled in:</p>
              <ul className="plain-list">
                <RowLink row={row} onShowRow={onShowRow} />
              </ul>
            </>
          ) : (
            <p className="muted small">This step decides a rule (when it applies, its key or its role) rather than one field; see the rules in the mapping table.</p>
          )}
        </>
      );
    }
  }
}

function GraphView({ bundle, onShowRow }: ReviewGraphProps) {
  const doc = bundle.mapping!;
  // A private copy of the document: collapsing a node changes only this view, and nothing is saved.
  const [store] = useState(() => {
    const s = createEditorStore();
    s.getState().load(doc, 0);
    return s;
  });
  const [handles] = useState(createHandleViews);
  const rf = useReactFlow();
  const colorMode = useColorMode();
  const model = useApiQuery('models.get', { id: doc.target.modelId, version: doc.target.modelVersion }, { staleTime: Infinity });
  const targetTree = useMemo(() => (model.data ? modelToTargetTree(model.data.schema, model.data.tree) : undefined), [model.data]);
  const selection = useStore(store, (s) => s.selection);
  const current = useStore(store, (s) => s.doc);

  const editContext = useCallback((): EditContext => {
    const d = store.getState().doc!;
    return { doc: d, drafts: {}, targetTree, functionInfo, newId: idGenerator(d) };
  }, [store, targetTree]);
  // The canvas only asks to run edits from handlers review mode switches off; refuse any that slip through.
  const run = useCallback(
    (_: EditResult): boolean => {
      store.getState().setStatus('Review mode is read-only: the bundle cannot be changed here.', 'error');
      return false;
    },
    [store],
  );
  const ctx = useMemo<EditorContextValue>(
    () =>
      editorContextValue({
        store,
        handles,
        editContext,
        nodePosition: (id) => rf.getNode(id)?.position,
        // Collapsing is a view change: applied to the review's own copy, never to the bundle.
        apply: (r) => void (r.ok && store.getState().execute(r.command)),
        reveal: null,
      }),
    [store, handles, editContext, rf],
  );

  // A reviewer starts at the top of the graph with every column in view and nodes still legible,
  // not where the author last looked. React Flow's own fitView only counts measured nodes, and the
  // canvas renders (so measures) only those in view, so the bounds come from the layout, with a
  // typical node size for the unmeasured ones.
  const box = useRef<HTMLDivElement>(null);
  const fitted = useRef(false);
  useEffect(() => {
    const el = box.current;
    if (fitted.current || !rf.viewportInitialized || !el) return;
    const nodes = rf.getNodes();
    if (!nodes.length) return;
    fitted.current = true;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const n of nodes) {
      x0 = Math.min(x0, n.position.x);
      y0 = Math.min(y0, n.position.y);
      x1 = Math.max(x1, n.position.x + (n.measured?.width ?? n.width ?? 280));
      y1 = Math.max(y1, n.position.y + (n.measured?.height ?? n.height ?? 320));
    }
    const whole = getViewportForBounds({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, el.clientWidth, el.clientHeight, 0.1, 1, 0.04);
    // A tall graph fitted whole is unreadable: fit the width instead, from the top.
    const zoom = Math.max(whole.zoom, Math.min(1, Math.max(0.35, (el.clientWidth * 0.96) / (x1 - x0))));
    void rf.setViewport(zoom === whole.zoom ? whole : { x: el.clientWidth * 0.02 - x0 * zoom, y: 16 - y0 * zoom, zoom });
  }, [rf, rf.viewportInitialized]);

  const graph = useMemo(() => (current ? documentToGraph(current, undefined, targetTree, { functionInfo }) : { nodes: [] as GraphNode[], edges: [] }), [current, targetTree]);
  const rows = bundle.describe?.fields ?? [];
  const nodeId = selection.nodes.length === 1 ? selection.nodes[0] : undefined;
  const node = nodeId ? graph.nodes.find((n) => n.id === nodeId) : undefined;
  const field = selection.field;
  const fieldRows = field ? rows.filter((r) => r.ruleId === field.ruleId && rowPath(r) === field.path) : [];

  return (
    <EditorContext.Provider value={ctx}>
      <div className="review-graph" data-testid="review-graph">
        <div className="review-graph-canvas" ref={box}>
          <Canvas editContext={editContext} run={run} colorMode={colorMode} targetTree={targetTree} readOnly />
        </div>
        <aside className="review-graph-details" aria-label="Selected item" data-testid="review-graph-details">
          {field ? (
            <>
              <h3 className="review-graph-title">Field “{fieldRows[0]?.label ?? humanLabel(field.path)}”</h3>
              {fieldRows.length ? (
                <ul className="plain-list">
                  {fieldRows.map((r) => (
                    <RowLink key={r.target} row={r} onShowRow={onShowRow} />
                  ))}
                </ul>
              ) : (
                <p>This mapping does not fill in this field.</p>
              )}
            </>
          ) : node ? (
            <NodeDetails data={node.data} bundle={bundle} onShowRow={onShowRow} />
          ) : (
            <>
              <h3 className="review-graph-title">Read-only view</h3>
              <p>
                The mapping as its author drew it: source fields on the left, what is made from them on the right. You can pan, zoom and
                select, but not change anything.
              </p>
              <p className="muted small">Select a node, or a field on a target node, to see what it does in plain words.</p>
            </>
          )}
          {model.isError ? (
            <p className="status-line status-bad small">
              The target model {doc.target.modelId} {doc.target.modelVersion} is not installed here, so target nodes cannot list their fields.
              The mapping table still describes every field.
            </p>
          ) : null}
        </aside>
      </div>
    </EditorContext.Provider>
  );
}

/** The Graph tab of review mode. */
export function ReviewGraph(props: ReviewGraphProps) {
  if (!props.bundle.mapping)
    return (
      <p className="status-line status-bad" data-testid="review-graph">
        The mapping in this bundle cannot be read, so its graph cannot be drawn.
      </p>
    );
  return (
    <ReactFlowProvider>
      <GraphView {...props} />
    </ReactFlowProvider>
  );
}
