import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEditorStore } from './editor-store';
import { startAutosave, type SaveFn } from './autosave';
import { sampleDocument } from '../__fixtures__/documents';
import type { Command } from './commands';

const rename = (name: string): Command => ({ label: `Rename to ${name}`, ops: [{ op: 'set', path: ['name'], value: name }] });

describe('editor store', () => {
  it('undo and redo walk the history, and a new edit clears redo', () => {
    const store = createEditorStore();
    const doc = sampleDocument();
    store.getState().load(doc, 3);
    const s = () => store.getState();
    s().execute(rename('A'));
    s().execute(rename('B'));
    expect(s().doc!.name).toBe('B');
    s().undo();
    expect(s().doc!.name).toBe('A');
    s().undo();
    expect(s().doc).toEqual(doc);
    s().undo(); // nothing left: no-op
    s().redo();
    s().redo();
    expect(s().doc!.name).toBe('B');
    s().undo();
    s().execute(rename('C'));
    expect(s().redoStack).toHaveLength(0);
    s().undo();
    expect(s().doc!.name).toBe('A');
    expect(s().status?.text).toBe('Undid: Rename to C');
  });

  it('undo restores drafts together with the document', () => {
    const store = createEditorStore();
    store.getState().load(sampleDocument(), 1);
    const node = { id: 'n-d', kind: 'const' as const, value: 'x' };
    store.getState().execute({ label: 'Add', ops: [], drafts: { 'n-d': { node, x: 1, y: 2 } } });
    expect(store.getState().drafts['n-d']).toBeDefined();
    store.getState().execute({ label: 'Wire', ops: [{ op: 'set', path: ['description'], value: 'd' }], drafts: { 'n-d': null } });
    expect(store.getState().drafts).toEqual({});
    store.getState().undo();
    expect(store.getState().drafts['n-d'].node).toEqual(node);
    expect(store.getState().doc!.description).toBeUndefined();
    store.getState().undo();
    expect(store.getState().drafts).toEqual({});
    store.getState().redo();
    expect(store.getState().drafts['n-d']).toBeDefined();
  });

  it('a command that does not fit is refused with a status and changes nothing', () => {
    const store = createEditorStore();
    store.getState().load(sampleDocument(), 1);
    const before = store.getState().doc;
    expect(store.getState().execute({ label: 'Bad', ops: [{ op: 'remove', path: ['entities'], index: 99 }] })).toBe(false);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().status).toMatchObject({ tone: 'error', text: expect.stringMatching(/^Bad failed: Remove index 99/) });
  });
});

describe('autosave', () => {
  afterEach(() => vi.useRealTimers());

  it('debounces edits into one save with the base revision, then tracks the new revision', async () => {
    vi.useFakeTimers();
    const store = createEditorStore();
    store.getState().load(sampleDocument(), 7);
    const calls: { name: string; base: number }[] = [];
    let rev = 7;
    const save: SaveFn = async (req) => {
      calls.push({ name: req.document.name, base: req.baseRevision });
      return { ok: true, value: { revision: ++rev, hash: 'sha256:x' } };
    };
    const auto = startAutosave(store, save, 500);
    store.getState().execute(rename('A'));
    store.getState().execute(rename('B'));
    expect(store.getState().saveState).toBe('dirty');
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ name: 'B', base: 7 }]);
    expect(store.getState()).toMatchObject({ saveState: 'saved', revision: 8 });
    store.getState().execute(rename('C'));
    await auto.flush();
    expect(calls.at(-1)).toEqual({ name: 'C', base: 8 });
    auto.dispose();
  });

  it('stops on a conflict and saves over it only when told to', async () => {
    vi.useFakeTimers();
    const store = createEditorStore();
    store.getState().load(sampleDocument(), 2);
    const bases: number[] = [];
    const save: SaveFn = async (req) => {
      bases.push(req.baseRevision);
      if (req.baseRevision < 5) return { ok: false, error: { code: 'conflict', message: 'Revision 5 was saved elsewhere' } };
      return { ok: true, value: { revision: 6, hash: 'h' } };
    };
    const auto = startAutosave(store, save, 100);
    store.getState().execute(rename('A'));
    await vi.advanceTimersByTimeAsync(100);
    expect(store.getState()).toMatchObject({ saveState: 'conflict', saveError: 'Revision 5 was saved elsewhere' });
    store.getState().execute(rename('B'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(bases).toEqual([2]);
    await auto.overwrite(5);
    expect(bases).toEqual([2, 5]);
    expect(store.getState()).toMatchObject({ saveState: 'saved', revision: 6 });
    auto.dispose();
  });

  it('reports an unreachable host as a save error', async () => {
    const store = createEditorStore();
    store.getState().load(sampleDocument(), 1);
    const auto = startAutosave(store, async () => { throw new Error('fetch failed'); }, 10);
    store.getState().execute(rename('A'));
    await auto.flush();
    expect(store.getState()).toMatchObject({ saveState: 'error', saveError: 'fetch failed' });
    auto.dispose();
  });
});

describe('viewport', () => {
  it('is saved with the document but is not an undoable edit', () => {
    const store = createEditorStore();
    store.getState().load(sampleDocument(), 1);
    const v0 = store.getState().docVersion;
    store.getState().setViewport({ x: 10.4, y: -3.6, zoom: 0.75 });
    expect(store.getState().doc!.layout.viewport).toEqual({ x: 10, y: -4, zoom: 0.75 });
    expect(store.getState()).toMatchObject({ saveState: 'dirty', docVersion: v0 + 1 });
    expect(store.getState().undoStack).toEqual([]);
    store.getState().setViewport({ x: 10, y: -4, zoom: 0.75 });
    expect(store.getState().docVersion).toBe(v0 + 1);
  });
});

describe('preview record', () => {
  it('is shared state that is not a document change, and is cleared when another document loads', () => {
    const store = createEditorStore();
    store.getState().load(sampleDocument(), 1);
    const v0 = store.getState().docVersion;
    store.getState().setPreviewRecord(12);
    store.getState().setPreviewValues({ record: 12, docVersion: v0, trace: null, validation: [] });
    expect(store.getState()).toMatchObject({ previewRecord: 12, previewValues: { record: 12 }, docVersion: v0, saveState: 'saved' });
    expect(store.getState().undoStack).toEqual([]);
    store.getState().load(sampleDocument(), 2);
    expect(store.getState()).toMatchObject({ previewRecord: null, previewValues: null });
  });
});
