/**
 * Samples and imports for the open mapping: the Samples tab, the import dialog, a file chooser the
 * "Import file…" command opens, and a drop zone over the whole window (drop a file anywhere).
 * Mounted once by the mapping editor.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { ShellPanel, useShowBottomTab } from '../../shell/slots';
import type { EditorState } from '../store/editor-store';
import { HEAD_BYTES } from './import-plan';
import { ImportDialog } from './ImportDialog';
import { useImportUi } from './import-ui';
import { SamplesPanel } from './SamplesPanel';
import './samples.css';

/** Whether a drag carries files (not text or a canvas node). */
const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

export function SamplesFeature({ projectId, store }: { projectId: string; store: StoreApi<EditorState> }) {
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<{ file: File; head: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [openSample, setOpenSample] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const showTab = useShowBottomTab();

  const take = useCallback(async (files: FileList | File[] | null | undefined) => {
    const list = files ? [...files] : [];
    if (!list.length) return;
    const file = list[0];
    setReadError(list.length > 1 ? `Only one file is imported at a time; importing “${file.name}”.` : null);
    try {
      // Detection needs only the start; the whole file is read when the import runs.
      const head = await file.slice(0, HEAD_BYTES).text();
      setPicked({ file, head });
    } catch (e) {
      setReadError(`“${file.name}” could not be read: ${(e as Error).message}`);
    }
  }, []);

  const pick = useCallback(() => input.current?.click(), []);
  useEffect(() => {
    useImportUi.getState().setPicker(pick);
    return () => useImportUi.getState().setPicker(null);
  }, [pick]);

  useEffect(() => {
    // Counting enter/leave pairs: dragleave fires for every child element crossed.
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the browser opens the file in place of the app.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (!depth) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      // A dialog already open (another import) keeps the screen; the drop is ignored rather than lost silently.
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) {
        setReadError('Finish or close the open dialog before dropping another file.');
        return;
      }
      void take(e.dataTransfer?.files);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [take]);

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="import-file-input"
        accept=".csv,.tsv,.tab,.txt,.json,.ndjson,.jsonl,.xml,.xsd"
        onChange={(e) => {
          void take(e.target.files);
          // Choosing the same file again must fire change again.
          e.target.value = '';
        }}
      />
      {dragging ? (
        <div className="mw-drop-overlay" data-testid="import-drop-overlay" aria-hidden="true">
          <div className="mw-drop-card">
            <strong>Drop to import</strong>
            <span>A sample (CSV, TSV, JSON, NDJSON, XML) or a source schema (XSD, JSON Schema, or a sample to infer it from)</span>
          </div>
        </div>
      ) : null}
      {readError ? (
        <div className="mw-import-toast" role="alert" data-testid="import-read-error">
          {readError}
          <button type="button" className="button mw-small" onClick={() => setReadError(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {picked ? (
        <ImportDialog
          key={`${picked.file.name}:${picked.file.size}:${picked.file.lastModified}`}
          projectId={projectId}
          file={picked.file}
          head={picked.head}
          store={store}
          onClose={() => setPicked(null)}
          onOpenSample={(id) => {
            setPicked(null);
            setOpenSample(id);
            showTab('samples');
          }}
        />
      ) : null}
      <ShellPanel slot="toolbar">
        <button type="button" className="button" data-testid="toolbar-import" onClick={pick} title="Import a sample or a source schema (or drop a file on the window)">
          Import file…
        </button>
      </ShellPanel>
      <ShellPanel slot="samples">
        <SamplesPanel projectId={projectId} store={store} openId={openSample} onOpen={setOpenSample} onImport={pick} />
      </ShellPanel>
    </>
  );
}
