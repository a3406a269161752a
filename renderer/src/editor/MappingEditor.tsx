/**
 * The mapping workbench for one project: the node-graph canvas over the mapping document, the
 * palette, the inspector (shell's right slot) and the Problems / Preview panels (bottom slots).
 * The document lives in an editor store (store/); every edit is an undoable command, autosaved
 * with `baseRevision` so concurrent changes surface as a conflict.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useStore } from 'zustand';
import { useApi } from '../api/ApiProvider';
import { useApiQuery } from '../api/hooks';
import { describeError } from '../api/errors';
import { ShellPanel } from '../shell/slots';
import { useShellStore } from '../shell/store';
import { walkFields, type FieldNode } from '../../../mappings/model/field-tree';
import type { Diagnostic } from '../../../mappings/diagnostics/diagnostic';
import { createEditorStore, type EditorState } from './store/editor-store';
import { startAutosave, type Autosave } from './store/autosave';
import type { DraftNode } from './store/commands';
import { Canvas } from './canvas/Canvas';
import { Palette, PaletteRail } from './canvas/Palette';
import { EditorContext, createHandleViews, editorContextValue, type EditorContextValue } from './canvas/editor-context';
import { modelToTargetTree } from './canvas/target-view';
import { autoLayout } from './canvas/auto-layout';
import { documentToGraph, ROOT_NODE_ID } from './graph/projection';
import { addEntityRule, copyNodes, deleteElements, idGenerator, insertOnEdge, addDraft, moveNodes, pasteNodes, type EditContext, type EditResult, type PaletteItem } from './graph/edits';
import type { EdgeData } from './graph/types';
import { Inspector } from './inspector/Inspector';
import { ProblemsPanel } from './panels/ProblemsPanel';
import { PreviewPanel } from './panels/PreviewPanel';
import { TestsPanel } from './panels/TestsPanel';
import { CoveragePanel } from './panels/CoveragePanel';
import { SamplesFeature } from './samples/SamplesFeature';
import { FindBox } from './canvas/FindBox';
import { PALETTE_FUNCTIONS, functionInfo } from './function-catalog';
import { useColorMode } from './use-color-mode';
import type { StoreApi } from 'zustand/vanilla';
import { ExpressionEditor } from './monaco/ExpressionEditor';
import { scopeFor } from '../../../mappings/checker/scope';
import { CodeView } from './code-view/CodeView';
import { ViewModeSwitch, nextViewMode, type ViewMode } from './code-view/ViewModeSwitch';
import type { MappingDocument } from '../../../mappings/document/types';
import './editor.css';

/** One id generator per document version, shared by every edit made on that version. */
const idGenerators = new WeakMap<MappingDocument, (prefix: string) => string>();

export interface MappingEditorProps {
  projectId: string;
}

const SAVE_LABEL: Record<EditorState['saveState'], string> = {
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved',
  conflict: 'Conflict',
};

function SaveIndicator({ store, onReload, onOverwrite, onRetry }: { store: StoreApi<EditorState>; onReload(): void; onOverwrite(): void; onRetry(): void }) {
  const state = useStore(store, (s) => s.saveState);
  const error = useStore(store, (s) => s.saveError);
  const revision = useStore(store, (s) => s.revision);
  return (
    <div className={`mw-save mw-save-${state}`} data-testid="save-state" data-state={state} role="status" title={error ?? `Revision ${revision}`}>
      <span className="mw-save-dot" aria-hidden="true" />
      {SAVE_LABEL[state]}
      {state === 'conflict' ? (
        <span className="mw-save-actions" role="alert">
          — the mapping was changed elsewhere.
          <button type="button" className="button mw-small" onClick={onReload}>
            Reload theirs
          </button>
          <button type="button" className="button mw-small" onClick={onOverwrite}>
            Keep mine
          </button>
        </span>
      ) : null}
      {state === 'error' ? (
        <button type="button" className="button mw-small" onClick={onRetry} title={error ?? ''}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

function StatusLine({ store }: { store: StoreApi<EditorState> }) {
  const status = useStore(store, (s) => s.status);
  const undo = useStore(store, (s) => s.undoStack.at(-1)?.command.label);
  return (
    <div className={`mw-statusline${status?.tone === 'error' ? ' is-error' : ''}`} data-testid="editor-status" role="status" aria-live="polite">
      {status?.text ?? (undo ? `Last edit: ${undo}` : 'Drag from a source field to a target field to map it.')}
    </div>
  );
}

function Workbench({ projectId }: MappingEditorProps) {
  const api = useApi();
  const [store] = useState(createEditorStore);
  const [handles] = useState(createHandleViews);
  const doc = useStore(store, (s) => s.doc);
  const mapping = useApiQuery('mapping.get', { projectId }, { staleTime: Infinity, refetchOnWindowFocus: false });
  const target = doc?.target;
  const model = useApiQuery('models.get', { id: target?.modelId ?? '', version: target?.modelVersion }, { enabled: !!target, staleTime: Infinity });
  const targetTree = useMemo(() => {
    if (!model.data) return undefined;
    return modelToTargetTree(model.data.schema, model.data.tree);
  }, [model.data]);
  const rf = useReactFlow();
  const colorMode = useColorMode();
  const autosave = useRef<Autosave | null>(null);
  const clipboard = useRef<DraftNode[]>([]);
  const [findOpen, setFindOpen] = useState(false);
  const [viewMode, setViewMode] = useState<ViewMode>('canvas');
  const paletteVisible = useShellStore((st) => st.paletteVisible);
  const togglePalette = useShellStore((st) => st.togglePalette);
  const [reveal, setReveal] = useState<{ nodeId: string; path: string; nonce: number } | null>(null);

  // Load once; later refetches (after our own saves) must not clobber the session's history.
  const loaded = useRef(false);
  useEffect(() => {
    if (mapping.data && !loaded.current) {
      loaded.current = true;
      store.getState().load(mapping.data.document, mapping.data.revision);
    }
  }, [mapping.data, store]);

  useEffect(() => {
    const a = startAutosave(store, (req) => api['mapping.save']({ projectId, ...req }));
    autosave.current = a;
    return () => {
      void a.flush().finally(() => a.dispose());
    };
  }, [api, projectId, store]);

  const editContext = useCallback((): EditContext => {
    const s = store.getState();
    const d = s.doc!;
    let newId = idGenerators.get(d);
    if (!newId) idGenerators.set(d, (newId = idGenerator(d)));
    return { doc: d, drafts: s.drafts, targetTree, functionInfo, newId };
  }, [store, targetTree]);

  const run = useCallback(
    (result: EditResult): boolean => {
      if (!result.ok) {
        store.getState().setStatus(result.reason, 'error');
        return false;
      }
      const ok = store.getState().execute(result.command);
      if (ok && result.select) store.getState().select({ nodes: result.select, edges: [], field: null });
      return ok;
    },
    [store],
  );

  const sourceFields = useMemo(() => {
    const m = new Map<string, FieldNode>();
    for (const s of doc?.sources ?? []) for (const f of walkFields(s.schema.fields)) m.set(f.path, f);
    return m;
  }, [doc?.sources]);

  const ctxValue = useMemo<EditorContextValue>(
    () => editorContextValue({ store, handles, editContext, nodePosition: (id) => rf.getNode(id)?.position, apply: run, reveal }),
    [store, handles, rf, run, editContext, reveal],
  );

  const pick = useCallback(
    (item: PaletteItem) => {
      const s = store.getState();
      const edgeId = s.selection.edges[0];
      const graph = s.doc ? documentToGraph(s.doc, undefined, targetTree, { drafts: s.drafts }) : null;
      const edge = edgeId ? graph?.edges.find((e) => e.id === edgeId) : undefined;
      const center = rf.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      if (edge?.data && item.kind !== 'loop') run(insertOnEdge(editContext(), edge.data as EdgeData, item, freeSpot(rf.getNodes(), midpoint(rf, edge.source, edge.target) ?? center)));
      else if (item.kind === 'loop') s.setStatus('Select a target entity and set its loop in the inspector', 'info');
      else run(addDraft(editContext(), item, freeSpot(rf.getNodes(), center)));
    },
    [store, targetTree, rf, run, editContext],
  );

  const layout = useCallback(async () => {
    const nodes = rf.getNodes() as unknown as Parameters<typeof autoLayout>[0];
    const edges = rf.getEdges() as unknown as Parameters<typeof autoLayout>[1];
    const positions = await autoLayout(nodes, edges);
    const r = moveNodes(editContext(), positions);
    if (r.ok) r.command.label = 'Auto-layout';
    run(r);
    requestAnimationFrame(() => void rf.fitView({ duration: 200 }));
  }, [rf, editContext, run]);

  const zoomToSelection = useCallback(() => {
    const sel = store.getState().selection.nodes;
    void rf.fitView({ nodes: sel.length ? sel.map((id) => ({ id })) : undefined, duration: 200, maxZoom: 1 });
  }, [rf, store]);

  // Keyboard: undo/redo, delete, copy/paste, find, save. Ignored while typing in a field or Monaco.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || !!t.closest('.monaco-editor'));
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'f') {
        e.preventDefault();
        setFindOpen(true);
        return;
      }
      if (mod && e.shiftKey && key === 'j') {
        e.preventDefault();
        setViewMode(nextViewMode);
        return;
      }
      if (mod && key === 's') {
        e.preventDefault();
        void autosave.current?.flush();
        return;
      }
      if (typing) return;
      const s = store.getState();
      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        s.undo();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        s.redo();
      } else if (mod && key === 'c') {
        clipboard.current = copyNodes(editContext(), s.selection.nodes);
        if (clipboard.current.length) s.setStatus(`Copied ${clipboard.current.length} node${clipboard.current.length === 1 ? '' : 's'}`);
      } else if (mod && key === 'v') {
        e.preventDefault();
        run(pasteNodes(editContext(), clipboard.current));
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && (s.selection.nodes.length || s.selection.edges.length)) {
        e.preventDefault();
        if (run(deleteElements(editContext(), s.selection.nodes, s.selection.edges))) s.select({ nodes: [], edges: [] });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, editContext, run]);

  const onFind = useCallback(
    (hit: { nodeId: string; path?: string }) => {
      setFindOpen(false);
      store.getState().select({ nodes: [hit.nodeId], edges: [], field: null });
      if (hit.path) setReveal({ nodeId: hit.nodeId, path: hit.path, nonce: Date.now() });
      requestAnimationFrame(() => void rf.fitView({ nodes: [{ id: hit.nodeId }], duration: 250, maxZoom: 0.9 }));
    },
    [rf, store],
  );

  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const docVersion = useStore(store, (s) => s.docVersion);
  useEffect(() => {
    const d = store.getState().doc;
    if (!d) return;
    const t = setTimeout(() => {
      void api['mapping.check']({ document: d }).then((r) => setDiagnostics(r.ok ? r.value.diagnostics : [{ code: r.error.code, severity: 'error', message: r.error.message, location: {} }]));
    }, 400);
    return () => clearTimeout(t);
  }, [api, docVersion, store]);

  const jumpTo = useCallback(
    (d: Diagnostic) => {
      const s = store.getState();
      const id = d.location.nodeId ?? d.location.ruleId;
      if (!id || !s.doc) return;
      const exists = rf.getNode(id);
      const nodeId = exists ? id : (s.doc.entities.find((e) => e.fields.some((f) => f.id === id))?.id ?? (s.doc.root.fields.some((f) => f.id === id) ? ROOT_NODE_ID : id));
      s.select({ nodes: [nodeId], edges: [], field: null });
      void rf.fitView({ nodes: [{ id: nodeId }], duration: 250, maxZoom: 1.1 });
    },
    [rf, store],
  );

  if (mapping.isError) {
    const { title, message } = describeError(mapping.error);
    return (
      <div className="empty-state" role="alert" data-testid="editor-error">
        <p className="empty-title">{title}</p>
        <p className="empty-text">{message}</p>
        <button type="button" className="button" onClick={() => void mapping.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (!doc) return <div className="mw-loading" data-testid="editor-loading">Opening mapping…</div>;

  return (
    <EditorContext.Provider value={ctxValue}>
      <div className="mw-editor" data-testid="mapping-editor" data-project-id={projectId}>
        <div className="mw-toolbar" role="toolbar" aria-label="Mapping editor">
          <SaveIndicator
            store={store}
            onRetry={() => {
              store.setState({ saveState: 'dirty' });
              void autosave.current?.flush();
            }}
            onReload={() => {
              void mapping.refetch().then((r) => r.data && store.getState().load(r.data.document, r.data.revision));
            }}
            onOverwrite={() => {
              void api['mapping.get']({ projectId }).then(async (r) => {
                if (r.ok) await autosave.current?.overwrite(r.value.revision);
                else store.getState().setStatus(r.error.message, 'error');
              });
            }}
          />
          <UndoButtons store={store} />
          <span className="mw-toolbar-sep" />
          <select
            className="input mw-input mw-add-entity"
            aria-label="Add a target entity"
            data-testid="add-entity"
            value=""
            onChange={(e) => {
              if (!e.target.value) return;
              const at = rf.screenToFlowPosition({ x: window.innerWidth * 0.6, y: window.innerHeight * 0.3 });
              run(addEntityRule(editContext(), e.target.value, at));
            }}
          >
            <option value="">Add target…</option>
            {(targetTree?.fields ?? []).filter((f) => f.children?.length).map((f) => (
              <option key={f.path} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
          <button type="button" className="button mw-small" onClick={() => void layout()} data-testid="auto-layout">
            Auto-layout
          </button>
          <button type="button" className="button mw-small" onClick={zoomToSelection}>
            Zoom to selection
          </button>
          <button type="button" className="button mw-small" onClick={() => setFindOpen(true)} title="Find a field (Ctrl+F)">
            Find…
          </button>
          <span className="mw-toolbar-sep" />
          <ViewModeSwitch mode={viewMode} onChange={setViewMode} />
          {findOpen ? <FindBox store={store} targetTree={targetTree} onPick={onFind} onClose={() => setFindOpen(false)} /> : null}
          {model.isError ? <span className="mw-error-line">Target model not loaded: {describeError(model.error).message}</span> : null}
        </div>
        <div className={`mw-body mw-body-${viewMode}${paletteVisible ? '' : ' mw-body-no-palette'}`} data-view-mode={viewMode}>
          {viewMode !== 'code' ? paletteVisible ? <Palette functions={PALETTE_FUNCTIONS} onPick={pick} onHide={togglePalette} /> : <PaletteRail onShow={togglePalette} /> : null}
          {viewMode !== 'code' ? <Canvas editContext={editContext} run={run} colorMode={colorMode} targetTree={targetTree} /> : null}
          {viewMode !== 'canvas' ? <CodeView store={store} /> : null}
        </div>
        <StatusLine store={store} />
      </div>
      <ShellPanel slot="inspector" title="Inspector">
        <Inspector
          store={store}
          editContext={editContext}
          run={run}
          sourceFields={sourceFields}
          renderExpression={({ value, onChange, ruleId }) => <ExpressionEditor value={value} onChange={onChange} scope={scopeFor(doc, ruleId)} />}
        />
      </ShellPanel>
      <ShellPanel slot="problems" badge={diagnostics.filter((d) => d.severity === 'error').length}>
        <ProblemsPanel diagnostics={diagnostics} onJump={jumpTo} />
      </ShellPanel>
      <ShellPanel slot="preview">
        <PreviewPanel projectId={projectId} store={store} />
      </ShellPanel>
      <ShellPanel slot="tests">
        <TestsPanel projectId={projectId} />
      </ShellPanel>
      <ShellPanel slot="coverage">
        <CoveragePanel projectId={projectId} store={store} />
      </ShellPanel>
      <SamplesFeature projectId={projectId} store={store} />
    </EditorContext.Provider>
  );
}

function UndoButtons({ store }: { store: StoreApi<EditorState> }) {
  const undo = useStore(store, (s) => s.undoStack.at(-1)?.command.label);
  const redo = useStore(store, (s) => s.redoStack.at(-1)?.command.label);
  return (
    <>
      <button type="button" className="button mw-small" disabled={!undo} onClick={() => store.getState().undo()} title={undo ? `Undo ${undo} (Ctrl+Z)` : 'Nothing to undo'} aria-label="Undo">
        ↶ Undo
      </button>
      <button type="button" className="button mw-small" disabled={!redo} onClick={() => store.getState().redo()} title={redo ? `Redo ${redo} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label="Redo">
        ↷ Redo
      </button>
    </>
  );
}

/** Between two nodes: right of the source, left of the target, at the target's height. */
function midpoint(rf: ReturnType<typeof useReactFlow>, source: string, target: string): { x: number; y: number } | null {
  const a = rf.getNode(source);
  const b = rf.getNode(target);
  if (!a || !b) return null;
  const aw = a.measured?.width ?? 300;
  return { x: (a.position.x + aw + b.position.x) / 2 - 110, y: b.position.y + 40 };
}

/** Moves a new node's spot down until it covers no existing node. */
function freeSpot(nodes: { position: { x: number; y: number }; measured?: { width?: number; height?: number } }[], at: { x: number; y: number }): { x: number; y: number } {
  const w = 220;
  const h = 90;
  let y = at.y;
  for (let i = 0; i < 50; i++) {
    const hit = nodes.some((n) => {
      const nw = n.measured?.width ?? 220;
      const nh = n.measured?.height ?? 90;
      return at.x < n.position.x + nw && at.x + w > n.position.x && y < n.position.y + nh && y + h > n.position.y;
    });
    if (!hit) break;
    y += 40;
  }
  return { x: at.x, y };
}


/** Mounted by the shell for an open project. */
export function MappingEditor({ projectId }: MappingEditorProps) {
  return (
    <ReactFlowProvider>
      <Workbench projectId={projectId} />
    </ReactFlowProvider>
  );
}
