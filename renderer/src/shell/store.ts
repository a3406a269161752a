import { create } from 'zustand';
import type { ProjectSummary } from '../../../electron/shared/api';
import { layoutStorage, readLayout, writeLayout, type PanelName } from './panel-layout';

export type ShellDialog =
  | { kind: 'create' }
  | { kind: 'rename'; project: ProjectSummary }
  | { kind: 'delete'; project: ProjectSummary }
  | { kind: 'shortcuts' }
  | { kind: 'palette' }
  | null;

export type BottomTab = 'problems' | 'preview' | 'tests' | 'coverage' | 'samples';

interface ShellState {
  /** The project shown in the main area (mirrored in the URL hash `#/projects/<id>`). */
  openProjectId: string | null;
  /** The project the keyboard is on in the sidebar or start page (F2/Delete act on it). */
  selectedProjectId: string | null;
  dialog: ShellDialog;
  inspectorVisible: boolean;
  bottomVisible: boolean;
  paletteVisible: boolean;
  bottomTab: BottomTab;
  /** On the start page the bottom panel shows only its tabs until one is chosen. */
  bottomUnfolded: boolean;
  /** Inspector width and bottom panel height in px (splitters; remembered with the visibility). */
  inspectorWidth: number;
  bottomHeight: number;
  setPanelSize(panel: PanelName, px: number): void;
  setOpenProject(id: string | null): void;
  select(id: string | null): void;
  openDialog(dialog: ShellDialog): void;
  closeDialog(): void;
  toggleInspector(): void;
  toggleBottom(): void;
  togglePalette(): void;
  showBottomTab(tab: BottomTab): void;
}

const HASH_PREFIX = '#/projects/';

/** The project id in a URL hash, if any. */
export function projectIdFromHash(hash: string): string | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  const id = decodeURIComponent(hash.slice(HASH_PREFIX.length));
  return id || null;
}

export function hashForProject(id: string | null): string {
  return id ? `${HASH_PREFIX}${encodeURIComponent(id)}` : '';
}

const remembered = readLayout(layoutStorage());

/** UI-only state of the shell. Server data lives in React Query, never here. */
export const useShellStore = create<ShellState>((set) => ({
  openProjectId: typeof window === 'undefined' ? null : projectIdFromHash(window.location.hash),
  selectedProjectId: null,
  dialog: null,
  inspectorVisible: remembered.inspectorVisible,
  bottomVisible: remembered.bottomVisible,
  paletteVisible: remembered.paletteVisible,
  inspectorWidth: remembered.inspectorWidth,
  bottomHeight: remembered.bottomHeight,
  setPanelSize: (panel, px) => set(panel === 'inspector' ? { inspectorWidth: px } : { bottomHeight: px }),
  bottomTab: 'problems',
  bottomUnfolded: false,
  setOpenProject: (id) => {
    set({ openProjectId: id, selectedProjectId: id });
    if (typeof window !== 'undefined' && window.location.hash !== hashForProject(id)) {
      const { pathname, search } = window.location;
      window.history.pushState(null, '', `${pathname}${search}${hashForProject(id)}`);
    }
  },
  select: (id) => set({ selectedProjectId: id }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  toggleInspector: () => set((s) => ({ inspectorVisible: !s.inspectorVisible })),
  toggleBottom: () => set((s) => ({ bottomVisible: !s.bottomVisible })),
  togglePalette: () => set((s) => ({ paletteVisible: !s.paletteVisible })),
  showBottomTab: (tab) => set({ bottomTab: tab, bottomVisible: true, bottomUnfolded: true }),
}));

// Panel sizes and visibility outlive the window (like the theme); everything else is per session.
useShellStore.subscribe((s, prev) => {
  const layout = { inspectorWidth: s.inspectorWidth, bottomHeight: s.bottomHeight, inspectorVisible: s.inspectorVisible, bottomVisible: s.bottomVisible, paletteVisible: s.paletteVisible };
  if ((Object.keys(layout) as (keyof typeof layout)[]).every((k) => s[k] === prev[k])) return;
  writeLayout(layoutStorage(), layout);
});
