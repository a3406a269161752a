/** What canvas nodes need from the editor without prop-drilling through React Flow. */
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
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

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('Canvas nodes need an <EditorContext.Provider>');
  return ctx;
}
