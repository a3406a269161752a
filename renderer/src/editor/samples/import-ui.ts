/**
 * The bridge between the shell's "Import file…" command and the open editor's import feature:
 * the editor registers its file picker while mounted; the command calls it synchronously, inside
 * the user's click or key press, which is what lets a file chooser open.
 */
import { create } from 'zustand';

interface ImportUiState {
  /** Opens the file chooser of the open editor; null while no project is open. */
  pick: (() => void) | null;
  setPicker(pick: (() => void) | null): void;
}

export const useImportUi = create<ImportUiState>((set) => ({
  pick: null,
  setPicker: (pick) => set({ pick }),
}));
