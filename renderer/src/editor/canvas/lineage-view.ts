/**
 * What the canvas shows of the current lineage, as a small per-canvas store: field lists subscribe
 * to their own node's slice, so a new lineage re-renders only the nodes whose rows change, and the
 * viewport never re-renders anything. Source-field focus lives here too: the editor's selection
 * knows target fields (the inspector shows them), a picked source field is a canvas-only view.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lineage } from '../graph/lineage';

export interface LineageViewState {
  lineage: Lineage | null;
  /** A source field picked on a source node (lineage forwards to every target it feeds). */
  sourceFocus: { nodeId: string; path: string } | null;
  setLineage(lineage: Lineage | null): void;
  focusSource(focus: { nodeId: string; path: string } | null): void;
}

export function createLineageView(): StoreApi<LineageViewState> {
  return createStore<LineageViewState>()((set) => ({
    lineage: null,
    sourceFocus: null,
    setLineage: (lineage) => set({ lineage }),
    focusSource: (sourceFocus) => set({ sourceFocus }),
  }));
}

export const LineageViewContext = createContext<StoreApi<LineageViewState> | null>(null);

const NONE: ReadonlySet<string> = new Set();

/** Field paths of `nodeId` in the current lineage (stable identity while the lineage is unchanged). */
export function useLineageFields(nodeId: string): ReadonlySet<string> {
  const store = useContext(LineageViewContext);
  if (!store) throw new Error('useLineageFields needs a <LineageViewContext.Provider> (the Canvas provides it)');
  return useStore(store, (s) => s.lineage?.fields.get(nodeId) ?? NONE);
}

/** Picks a source field (or clears the pick with null). */
export function useFocusSource(): LineageViewState['focusSource'] {
  const store = useContext(LineageViewContext);
  if (!store) throw new Error('useFocusSource needs a <LineageViewContext.Provider> (the Canvas provides it)');
  return useStore(store, (s) => s.focusSource);
}
