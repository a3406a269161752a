import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BezierEdge,
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
import { documentToGraph } from '../graph/projection';
import { connect, connectionProblem, insertOnEdge, addDraft, moveNodes, type EditContext, type EditResult, type PaletteItem } from '../graph/edits';
import type { EdgeData, GraphEdge, GraphNode } from '../graph/types';
import { nodeTypes } from './nodes';
import { routeEdges } from './handle-routing';
import { useEditorContext } from './editor-context';
import { PALETTE_MIME } from './Palette';
import { functionInfo } from '../function-catalog';
import type { FieldTree } from '../../../../mappings/model/field-tree';

const edgeTypes: EdgeTypes = { link: SmoothStepEdge, default: BezierEdge };

export interface CanvasProps {
  editContext: () => EditContext;
  run(result: EditResult): boolean;
  colorMode: 'light' | 'dark';
  targetTree?: FieldTree;
}

/** Ids of edges feeding a target field (its lineage back to the source). */
function lineageEdges(edges: GraphEdge[], field: { ruleId: string; path: string } | null | undefined): Set<string> {
  const out = new Set<string>();
  if (!field) return out;
  const roots = edges.filter((e) => e.data?.consumer.kind === 'field-rule' && e.data.ruleId === field.ruleId && e.targetHandle === `t:${field.path}`);
  const prefixes = roots.map((e) => e.data!.path);
  for (const e of edges) {
    const p = e.data?.path;
    if (p && prefixes.some((pre) => pre.length <= p.length && pre.every((k, i) => p[i] === k))) out.add(e.id);
  }
  return out;
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
export function Canvas({ editContext, run, colorMode, targetTree }: CanvasProps) {
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
  const nodes = useMemo(() => {
    const sel = new Set(selection.nodes);
    return graph.nodes.map((n) => ({ ...n, position: dragPos[n.id] ?? n.position, measured: measured[n.id], selected: sel.has(n.id) }));
  }, [graph.nodes, dragPos, measured, selection.nodes]);

  const lineage = useMemo(() => lineageEdges(graph.edges, selection.field), [graph.edges, selection.field]);
  const edges = useMemo(() => {
    const selEdges = new Set(selection.edges);
    const routed = routeEdges(graph.edges, views);
    return routed.map((e) => {
      const sel = selEdges.has(e.id);
      const lin = lineage.has(e.id);
      if (!sel && !lin) return e;
      return { ...e, selected: sel, className: `${e.className ?? ''}${lin ? ' mw-edge-lineage' : ''}`.trim(), ...(lin ? { animated: true } : {}) };
    });
  }, [graph.edges, views, selection.edges, lineage]);

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
    <div className="mw-canvas" data-testid="canvas" onDrop={onDrop} onDragOver={onDragOver}>
      <ReactFlow<GraphNode, GraphEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={() => {
          if (lastReason.current === null) store.getState().setStatus(null);
        }}
        isValidConnection={isValidConnection}
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
      >
        <Background gap={24} size={1} />
        <MiniMap pannable zoomable ariaLabel="Canvas overview" nodeStrokeWidth={2} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
