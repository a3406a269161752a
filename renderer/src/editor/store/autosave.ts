/**
 * Debounced autosave: after edits settle, saves the document with `baseRevision`, so a change made
 * elsewhere (another window, a restore) is detected as a conflict instead of being overwritten.
 * A conflict stops autosaving until the user chooses to reload or overwrite.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { MappingDocument } from '../../../../mappings/document/types';
import type { ApiError, Result } from '../../../../electron/shared/api';
import type { EditorState } from './editor-store';

export type SaveFn = (req: { document: MappingDocument; baseRevision: number }) => Promise<Result<{ revision: number; hash: string }>>;

export interface Autosave {
  /** Saves now (Ctrl+S), skipping the debounce. Resolves when the save settles. */
  flush(): Promise<void>;
  /** After a conflict: save over the newer revision (caller supplies its number). */
  overwrite(latestRevision: number): Promise<void>;
  dispose(): void;
}

/** Starts autosaving a store; returns controls. `delayMs` is the quiet time after the last edit. */
export function startAutosave(store: StoreApi<EditorState>, save: SaveFn, delayMs = 800): Autosave {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let disposed = false;

  const doSave = async (): Promise<void> => {
    if (inFlight) {
      await inFlight;
      return doSave();
    }
    const s = store.getState();
    if (!s.doc || s.docVersion === s.savedVersion || s.saveState === 'conflict') return;
    const version = s.docVersion;
    s.markSaving();
    inFlight = (async () => {
      let result: Result<{ revision: number; hash: string }>;
      try {
        result = await save({ document: s.doc!, baseRevision: s.revision });
      } catch (err) {
        const e: ApiError = { code: 'unreachable', message: err instanceof Error ? err.message : String(err) };
        result = { ok: false, error: e };
      }
      if (disposed) return;
      if (result.ok) store.getState().markSaved(version, result.value.revision);
      else store.getState().markSaveFailed(result.error.message, result.error.code === 'conflict');
    })();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
    // edits made while saving get their own save
    const after = store.getState();
    if (!disposed && after.saveState === 'dirty') schedule();
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void doSave();
    }, delayMs);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.docVersion !== prev.docVersion && s.docVersion !== s.savedVersion && s.saveState !== 'conflict') schedule();
  });

  return {
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await doSave();
    },
    async overwrite(latestRevision) {
      store.setState({ revision: latestRevision, saveState: 'dirty', saveError: null });
      await this.flush();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
