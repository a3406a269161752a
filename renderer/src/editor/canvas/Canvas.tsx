import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  SmoothStepEdge,
  useReactFlow,
  type EdgeTypes,
  type IsValidConnection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useStore } from 'zustand';
import { documentToGraph, ROOT_NODE_ID } from '../graph/projection';
import { lineage as lineageOf, sameLineage, type Lineage } from '../graph/lineage';
import { connect, connectionProblem, insertOnEdge, addDraft, moveNodes, type EditContext, type EditResult, type PaletteItem } from '../graph/edits';
import type { EdgeData, GraphEdge, GraphNode } from '../graph/types';
import { nodeTypes } from './nodes';
import { ValueEdge } from './ValueEdge';
import { routeEdges } from './handle-routing';
import { useEditorContext } from './editor-context';
import { PALETTE_MIME } from './Palette';
import { LineageViewContext, createLineageView } from './lineage-view';
import { createKeeper, createReuser } from './stable-elements';
import { functionInfo } from '../function-catalog';
import type { FieldTree } from '../../../../mappings/model/field-tree';

// The default edge shows the value flowing through it for the record selected in the preview.
const edgeTypes: EdgeTypes = { link: SmoothStepEdge, default: ValueEdge };

export interface CanvasProps {
  editContext: () => EditContext;
  run(result: EditResult): boolean;
  colorMode: 'light' | 'dark';
  targetTree?: FieldTree;
  /**
   * Review mode: nodes can be selected and the view panned and zoomed, but nothing can be dragged,
   * connected or dropped, so the document is never edited.
   */
  readOnly?: boolean;
}

function toggleIds(current: readonly string[], changes: { id: string; selected: boolean }[]): string[] {
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

/** The node graph: a view and editor of the mapping document (see graph/). */
export function Canvas({ editContext, run, colorMode, targetTree, readOnly = false }: CanvasProps) {
  const { store, handles } = useEditorContext();
  const doc = useStore(store, (s) => s.doc);
  const drafts = useStore(store, (s) => s.drafts);
  const selection = useStore(store, (s) => s.selection);
  const views = useStore(handles, (s) => s.views);
  const rf = useReactFlow();

  const graph = useMemo(() => {
    if (!doc) return { nodes: [] as GraphNode[], edges: [] as GraphEdge[] };
    return documentToGraph(doc, undefined, targetTree, { drafts, functionInfo });
  }, [doc, drafts, targetTree]);

  // Drags are ephemeral: positions move locally while dragging, and only the drop becomes a command.
  const [dragPos, setDragPos] = useState<Record<string, { x: number; y: number }>>({});
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});

  // Lineage of the selected target field (editor selection) or of a picked source field (canvas only).
  const [lineageView] = useState(createLineageView);
  const sourceFocus = useStore(lineageView, (s) => s.sourceFocus);
  const focusKind = selection.field ? 'target' : sourceFocus ? 'source' : null;
  const focusNode = selection.field ? (selection.field.ruleId === 'root' ? ROOT_NODE_ID : selection.field.ruleId) : sourceFocus?.nodeId;
  const focusPath = selection.field?.path ?? sourceFocus?.path;
  // Same content after an unrelated edit: keep the object so nothing downstream re-renders.
  const [keepLineage] = useState(() => createKeeper<Lineage | null>(sameLineage));
  const lineage = useMemo(
    () => keepLineage(focusKind && focusNode && focusPath !== undefined ? lineageOf(graph, { kind: focusKind, nodeId: focusNode, path: focusPath }) : null),
    [keepLineage, graph, focusKind, focusNode, focusPath],
  );
  useLayoutEffect(() => lineageView.getState().setLineage(lineage), [lineageView, lineage]);
  // Picking anything else (a node, an edge, a target field) ends a source-field focus.
  useEffect(() => {
    if (selection.field || selection.nodes.length || selection.edges.length) lineageView.getState().focusSource(null);
  }, [selection, lineageView]);
  const clearLineage = useCallback(() => {
    lineageView.getState().focusSource(null);
    if (store.getState().selection.field) store.getState().select({ field: null });
  }, [lineageView, store]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.closest('.monaco-editor, [role="dialog"]'))) return;
      clearLineage();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clearLineage]);

  // Unchanged nodes and edges keep their identity across re-projections (see stable-elements.ts).
  const [reuseNodes] = useState(() => createReuser<GraphNode>());
  const nodes = useMemo(() => {
    const sel = new Set(selection.nodes);
    const projected = graph.nodes.map((n) => ({
      ...n,
      position: dragPos[n.id] ?? n.position,
      measured: measured[n.id],
      selected: sel.has(n.id),
      ...(lineage?.nodes.has(n.id) ? { className: 'mw-in-lineage' } : {}),
    }));
    return reuseNodes(projected);
  }, [reuseNodes, graph.nodes, dragPos, measured, selection.nodes, lineage]);

  const [reuseEdges] = useState(() => createReuser<GraphEdge>());
  const edges = useMemo(() => {
    const selEdges = new Set(selection.edges);
    const routed = routeEdges(graph.edges, views);
    const projected = routed.map((e) => {
      const sel = selEdges.has(e.id);
      const lin = lineage?.edges.has(e.id);
      if (!sel && !lin) return e;
      return { ...e, selected: sel, className: `${e.className ?? ''}${lin ? ' mw-edge-lineage' : ''}`.trim(), ...(lin ? { zIndex: 1 } : {}) };
    });
    return reuseEdges(projected);
  }, [reuseEdges, graph.edges, views, selection.edges, lineage]);

  const onNodesChange = useCallback(
    (changes: NodeChange<GraphNode>[]) => {
      const pos: Record<string, { x: number; y: number }> = {};
      const dims: Record<string, { width: number; height: number }> = {};
      const sel: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) pos[c.id] = c.position;
        else if (c.type === 'dimensions' && c.dimensions) dims[c.id] = c.dimensions;
        else if (c.type === 'select') sel.push(c);
      }
      if (Object.keys(pos).length) setDragPos((d) => ({ ...d, ...pos }));
      if (Object.keys(dims).length) setMeasured((m) => ({ ...m, ...dims }));
      if (sel.length) {
        const s = store.getState();
        const nodes = toggleIds(s.selection.nodes, sel);
        s.select({ nodes, field: null });
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<GraphEdge>[]) => {
      const sel = changes.filter((c): c is { type: 'select'; id: string; selected: boolean } => c.type === 'select');
      if (sel.length) store.getState().select({ edges: toggleIds(store.getState().selection.edges, sel) });
    },
    [store],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, __: GraphNode, dragged: GraphNode[]) => {
      run(moveNodes(editContext(), dragged.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }))));
      setDragPos({});
    },
    [run, editContext],
  );

  const lastReason = useRef<string | null>(null);
  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      const problem = connectionProblem(editContext(), {
        source: c.source,
        sourceHandle: c.sourceHandle ?? null,
        target: c.target,
        targetHandle: c.targetHandle ?? null,
      });
      if (problem !== lastReason.current) {
        lastReason.current = problem;
        store.getState().setStatus(problem ? `Can’t connect: ${problem}` : null, 'error');
      }
      return problem === null;
    },
    [store, editContext],
  );

  const onConnect = useCallback(
    (c: { source: string; sourceHandle?: string | null; target: string; targetHandle?: string | null }) => {
      lastReason.current = null;
      run(connect(editContext(), { source: c.source, sourceHandle: c.sourceHandle ?? null, target: c.target, targetHandle: c.targetHandle ?? null }));
    },
    [run, editContext],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const raw = event.dataTransfer.getData(PALETTE_MIME);
      if (!raw) return;
      event.preventDefault();
      const item = JSON.parse(raw) as PaletteItem;
      const at = rf.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Dropped on a connection: insert into it; elsewhere: a draft node to wire up.
      const hit = document.elementsFromPoint(event.clientX, event.clientY).find((el) => el.closest('.react-flow__edge'));
      const edgeId = hit?.closest('.react-flow__edge')?.getAttribute('data-id');
      const edge = edgeId ? graph.edges.find((e) => e.id === edgeId) : undefined;
      if (item.kind === 'loop') {
        const nodeEl = document.elementsFromPoint(event.clientX, event.clientY).find((el) => el.closest('.react-flow__node-entity'));
        const nodeId = nodeEl?.closest('.react-flow__node')?.getAttribute('data-id');
        if (nodeId) store.getState().select({ nodes: [nodeId], edges: [] });
        store.getState().setStatus(nodeId ? 'Set the collection to loop over in the inspector' : 'Drop a loop on a target entity', nodeId ? 'info' : 'error');
        return;
      }
      if (edge?.data) run(insertOnEdge(editContext(), edge.data as EdgeData, item, at));
      else run(addDraft(editContext(), item, at));
    },
    [graph.edges, rf, run, store, editContext],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const viewport = doc?.layout.viewport;
  return (
    <div className={`mw-canvas${lineage ? ' mw-lineage-active' : ''}`} data-testid="canvas" data-readonly={readOnly || undefined} onDrop={readOnly ? undefined : onDrop} onDragOver={readOnly ? undefined : onDragOver}>
      <LineageViewContext.Provider value={lineageView}>
      <ReactFlow<GraphNode, GraphEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={readOnly ? undefined : onNodeDragStop}
        onEdgesChange={onEdgesChange}
        onConnect={readOnly ? undefined : onConnect}
        onConnectEnd={() => {
          if (lastReason.current === null) store.getState().setStatus(null);
        }}
        isValidConnection={readOnly ? undefined : isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        onlyRenderVisibleElements
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        colorMode={colorMode}
        minZoom={0.1}
        maxZoom={2}
        defaultViewport={viewport ?? { x: 40, y: 40, zoom: 0.8 }}
        fitView={!viewport}
        proOptions={{ hideAttribution: true }}
        connectionRadius={28}
        onMoveEnd={(_, vp) => store.getState().setViewport(vp)}
        onPaneClick={clearLineage}
      >
        <Background gap={24} size={1} />
        <MiniMap pannable zoomable ariaLabel="Canvas overview" nodeStrokeWidth={2} />
        <Controls showInteractive={false} />
      </ReactFlow>
      </LineageViewContext.Provider>
    </div>
  );
}
