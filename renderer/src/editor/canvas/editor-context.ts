/** What canvas nodes need from the editor without prop-drilling through React Flow. */
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
import { setCollapsed, type EditContext, type EditResult } from '../graph/edits';
import type { EditorState } from '../store/editor-store';
import type { HandleView } from './handle-routing';

export interface HandleViewsState {
  views: Record<string, HandleView>;
  set(nodeId: string, view: HandleView | null): void;
}

/** Per-editor registry of which field handles each node shows (see handle-routing.ts). */
export function createHandleViews(): StoreApi<HandleViewsState> {
  return createStore<HandleViewsState>()((set) => ({
    views: {},
    set(nodeId, view) {
      set((s) => {
        const views = { ...s.views };
        if (view) views[nodeId] = view;
        else delete views[nodeId];
        return { views };
      });
    },
  }));
}

export interface EditorContextValue {
  store: StoreApi<EditorState>;
  handles: StoreApi<HandleViewsState>;
  /** Selected target field (rule id + model path), for lineage highlighting and the inspector. */
  selectTarget(ruleId: string, modelPath: string | null): void;
  toggleNodeCollapsed(nodeId: string): void;
  /** Values seen for the current preview record, by value-node id (shown on edges and rows). */
  edgeValues: Record<string, unknown>;
  /** Field to scroll into view and highlight (from Find). */
  reveal: { nodeId: string; path: string; nonce: number } | null;
}

/**
 * The context value of a canvas over an editor store: target selection goes to the store, and
 * collapsing a node is an edit carried out by `apply` (the workbench's undoable run; review mode
 * applies it to its own read-only copy).
 */
export function editorContextValue(o: {
  store: StoreApi<EditorState>;
  handles: StoreApi<HandleViewsState>;
  editContext(): EditContext;
  nodePosition(nodeId: string): { x: number; y: number } | undefined;
  apply(edit: EditResult): void;
  reveal: EditorContextValue['reveal'];
}): EditorContextValue {
  return {
    store: o.store,
    handles: o.handles,
    selectTarget: (ruleId, path) => o.store.getState().select({ nodes: [], edges: [], field: path ? { ruleId, path } : null }),
    toggleNodeCollapsed: (id) => {
      const d = o.store.getState().doc;
      if (!d) return;
      o.apply(setCollapsed(o.editContext(), id, !d.layout.nodes[id]?.collapsed, o.nodePosition(id) ?? { x: 0, y: 0 }));
    },
    edgeValues: {},
    reveal: o.reveal,
  };
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('Canvas nodes need an <EditorContext.Provider>');
  return ctx;
}
