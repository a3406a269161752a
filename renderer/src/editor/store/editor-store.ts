/**
 * The workbench's document store: the current mapping document, session drafts, selection, and the
 * undo/redo stacks. One store per open editor (created with `createEditorStore`), so tests drive it
 * without React and two editors never share history.
 *
 * Every change goes through `execute(command)`; the store applies it, keeps the inverse, and bumps
 * `docVersion` so autosave and the preview know something changed.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MappingDocument } from '../../../../mappings/document/types';
import type { PreviewRecord, PreviewTrace } from '../../../../electron/shared/api';
import { applyCommand, CommandError, type Command, type DraftNode } from './commands';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

interface HistoryEntry {
  command: Command;
  inverse: Command;
}

export interface Selection {
  nodes: string[];
  edges: string[];
  /** A target field picked in an entity node (lineage highlight, inspector). */
  field?: { ruleId: string; path: string } | null;
}

/** Values on the graph for the record selected in the preview (see PreviewPanel). */
export interface PreviewValues {
  /** 1-based record number in the sample. */
  record: number;
  /** `docVersion` the values were computed for: older ones are stale after an edit. */
  docVersion: number;
  trace: PreviewTrace | null;
  /** Target-schema errors of the record, each mapped to its rule and target row. */
  validation: NonNullable<PreviewRecord['validation']>;
}

export interface EditorState {
  doc: MappingDocument | null;
  /** Revision the document was loaded from or last saved as (the save's `baseRevision`). */
  revision: number;
  /** Increments on every document change (not on selection), for autosave and preview. */
  docVersion: number;
  /** `docVersion` that was last saved successfully. */
  savedVersion: number;
  saveState: SaveState;
  saveError: string | null;
  drafts: Record<string, DraftNode>;
  selection: Selection;
  undoStack: HistoryEntry[];
  redoStack: HistoryEntry[];
  /** One-line message for the status bar (refused connection reasons, last action). */
  status: { text: string; tone: 'info' | 'error' } | null;
  /** Record selected in the preview (1-based), shared by the preview panel and the canvas; null: none yet. */
  previewRecord: number | null;
  /** Values flowing through the graph for `previewRecord` (null until the preview has traced it). */
  previewValues: PreviewValues | null;

  load(doc: MappingDocument, revision: number): void;
  /** Applies a command; returns false (and sets the status) when it does not fit the document. */
  execute(command: Command): boolean;
  undo(): void;
  redo(): void;
  select(selection: Partial<Selection>): void;
  setStatus(text: string | null, tone?: 'info' | 'error'): void;
  setPreviewRecord(record: number | null): void;
  setPreviewValues(values: PreviewValues | null): void;
  /** Records the canvas viewport in the layout: saved with the document, but not an undoable edit. */
  setViewport(viewport: { x: number; y: number; zoom: number }): void;
  markSaving(): void;
  markSaved(version: number, revision: number): void;
  markSaveFailed(message: string, conflict: boolean): void;
}

const HISTORY_LIMIT = 500;

function applyDrafts(
  drafts: Record<string, DraftNode>,
  delta: Record<string, DraftNode | null> | undefined,
): { drafts: Record<string, DraftNode>; inverse: Record<string, DraftNode | null> | undefined } {
  if (!delta) return { drafts, inverse: undefined };
  const next = { ...drafts };
  const inverse: Record<string, DraftNode | null> = {};
  for (const [id, d] of Object.entries(delta)) {
    inverse[id] = drafts[id] ?? null;
    if (d) next[id] = d;
    else delete next[id];
  }
  return { drafts: next, inverse };
}

/** Creates an editor store (vanilla zustand; bind with `useStore` in components). */
export function createEditorStore(): StoreApi<EditorState> {
  return createStore<EditorState>()((set, get) => {
    const run = (command: Command, from: 'do' | 'undo' | 'redo', entry?: HistoryEntry): boolean => {
      const { doc, drafts } = get();
      if (!doc) return false;
      let result: ReturnType<typeof applyCommand>;
      try {
        result = applyCommand(doc, command);
      } catch (err) {
        if (err instanceof CommandError) {
          set({ status: { text: `${command.label} failed: ${err.message}`, tone: 'error' } });
          return false;
        }
        throw err;
      }
      const d = applyDrafts(drafts, command.drafts);
      const inverse: Command = { ...result.inverse, ...(d.inverse ? { drafts: d.inverse } : {}) };
      const docChanged = result.doc !== doc;
      set((s) => {
        const hist: HistoryEntry = entry ?? { command, inverse };
        let undoStack = s.undoStack;
        let redoStack = s.redoStack;
        if (from === 'do') {
          undoStack = [...s.undoStack, hist].slice(-HISTORY_LIMIT);
          redoStack = [];
        } else if (from === 'undo') {
          undoStack = s.undoStack.slice(0, -1);
          redoStack = [...s.redoStack, { command: entry!.command, inverse: { ...inverse, label: entry!.command.label } }];
        } else {
          redoStack = s.redoStack.slice(0, -1);
          undoStack = [...s.undoStack, { command: entry!.command, inverse }];
        }
        return {
          doc: result.doc,
          drafts: d.drafts,
          undoStack,
          redoStack,
          ...(docChanged ? { docVersion: s.docVersion + 1, saveState: s.saveState === 'conflict' ? 'conflict' : ('dirty' as SaveState) } : {}),
          status: from === 'do' ? null : { text: `${from === 'undo' ? 'Undid' : 'Redid'}: ${command.label}`, tone: 'info' },
        };
      });
      return true;
    };

    /** What a freshly loaded document starts with: saved, nothing selected, no history. */
    const fresh = () =>
      ({
        saveState: 'saved',
        saveError: null,
        drafts: {},
        selection: { nodes: [], edges: [] },
        undoStack: [],
        redoStack: [],
        status: null,
        previewRecord: null,
        previewValues: null,
      }) satisfies Partial<EditorState>;

    return {
      doc: null,
      revision: 0,
      docVersion: 0,
      savedVersion: 0,
      ...fresh(),

      load(doc, revision) {
        set((s) => ({ ...fresh(), doc, revision, docVersion: s.docVersion + 1, savedVersion: s.docVersion + 1 }));
      },
      execute: (command) => run(command, 'do'),
      undo() {
        const entry = get().undoStack.at(-1);
        if (entry) run(entry.inverse, 'undo', entry);
      },
      redo() {
        const entry = get().redoStack.at(-1);
        if (entry) run(entry.inverse, 'redo', { command: entry.command, inverse: entry.inverse });
      },
      select(selection) {
        set((s) => ({ selection: { nodes: selection.nodes ?? s.selection.nodes, edges: selection.edges ?? s.selection.edges, field: selection.field !== undefined ? selection.field : s.selection.field } }));
      },
      setPreviewRecord(record) {
        if (get().previewRecord !== record) set({ previewRecord: record });
      },
      setPreviewValues(values) {
        set({ previewValues: values });
      },
      setStatus(text, tone = 'info') {
        set({ status: text ? { text, tone } : null });
      },
      setViewport(viewport) {
        const doc = get().doc;
        if (!doc) return;
        const old = doc.layout.viewport;
        const v = { x: Math.round(viewport.x), y: Math.round(viewport.y), zoom: Math.round(viewport.zoom * 1000) / 1000 };
        if (old && old.x === v.x && old.y === v.y && old.zoom === v.zoom) return;
        set((s) => ({
          doc: { ...doc, layout: { ...doc.layout, viewport: v } },
          docVersion: s.docVersion + 1,
          saveState: s.saveState === 'conflict' ? 'conflict' : 'dirty',
        }));
      },
      markSaving() {
        set({ saveState: 'saving', saveError: null });
      },
      markSaved(version, revision) {
        set((s) => ({
          savedVersion: version,
          revision,
          saveError: null,
          saveState: s.docVersion === version ? 'saved' : 'dirty',
        }));
      },
      markSaveFailed(message, conflict) {
        set({ saveState: conflict ? 'conflict' : 'error', saveError: message });
      },
    };
  });
}
