/**
 * One sample in Monaco: the engine's reader problems as markers while typing (debounced, first
 * 256 K characters), and Save (`samples.update`), after which preview and tests read the new text.
 */
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { SampleSummary } from '../../../../electron/shared/api';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/hooks';
import { useColorMode } from '../use-color-mode';
import { formatBytes } from './import-plan';
import { checkSample, languageFor, VALIDATE_LIMIT, type SampleCheck } from './sample-markers';
import { loadSampleMonaco } from './sample-languages';

const CHECK_DELAY_MS = 250;
const MARKER_OWNER = 'mapwright-sample';

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };

export interface SampleEditorProps {
  sample: SampleSummary;
  /** The XML record element of the sample's source, when it has one. */
  recordPath?: string;
  onDirtyChange?(dirty: boolean): void;
}

export function SampleEditor({ sample, recordPath, onDirtyChange }: SampleEditorProps) {
  const api = useApi();
  const qc = useQueryClient();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const savedText = useRef<string>('');
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [check, setCheck] = useState<SampleCheck | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const mode = useColorMode();
  const saveRef = useRef<() => void>(() => undefined);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  useEffect(() => {
    let cancelled = false;
    let dispose: (() => void) | undefined;
    Promise.all([loadSampleMonaco(), api['samples.get']({ id: sample.id })])
      .then(([monaco, got]) => {
        if (cancelled || !host.current) return;
        if (!got.ok) {
          setStatus({ kind: 'failed', message: got.error.message });
          return;
        }
        const text = got.value.content;
        savedText.current = text;
        const model = monaco.editor.createModel(text, languageFor(sample.format));
        const editor = monaco.editor.create(host.current, {
          model,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 12,
          tabSize: 2,
          scrollBeyondLastLine: false,
          wordWrap: 'off',
          renderWhitespace: sample.format === 'tsv' ? 'all' : 'selection',
          ariaLabel: `Sample ${sample.name} (${sample.format.toUpperCase()})`,
          theme: document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : undefined,
        });
        editorRef.current = editor;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const validate = () => {
          const result = checkSample(model.getValue(), sample.format, { file: sample.name, ...(recordPath ? { recordPath } : {}) });
          monaco.editor.setModelMarkers(
            model,
            MARKER_OWNER,
            result.markers.map((m) => ({
              severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : m.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
              message: m.message,
              code: m.code,
              source: m.record !== undefined ? `record ${m.record}` : 'reader',
              startLineNumber: m.startLine,
              startColumn: m.startColumn,
              endLineNumber: m.endLine,
              endColumn: m.endColumn,
            })),
          );
          setCheck(result);
        };
        validate();
        const sub = model.onDidChangeContent(() => {
          setDirty(model.getValue() !== savedText.current);
          setSavedAt(null);
          clearTimeout(timer);
          timer = setTimeout(validate, CHECK_DELAY_MS);
        });
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current());
        setStatus({ kind: 'ready' });
        dispose = () => {
          clearTimeout(timer);
          sub.dispose();
          editor.dispose();
          model.dispose();
        };
      })
      .catch((e: unknown) => !cancelled && setStatus({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      cancelled = true;
      editorRef.current = null;
      dispose?.();
    };
    // The editor is rebuilt only for another sample; a new summary after Save must not reload it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, sample.id]);

  useEffect(() => {
    void loadSampleMonaco().then((monaco) => monaco.editor.setTheme(mode === 'dark' ? 'vs-dark' : 'vs'));
  }, [mode]);

  const save = () => {
    const editor = editorRef.current;
    if (!editor || saving) return;
    const text = editor.getValue();
    setSaving(true);
    setSaveError(null);
    void api['samples.update']({ id: sample.id, content: text }).then((r) => {
      setSaving(false);
      if (!r.ok) {
        setSaveError(r.error.message);
        return;
      }
      savedText.current = text;
      setDirty(editor.getValue() !== text);
      setSavedAt(Date.now());
      void qc.invalidateQueries({ queryKey: queryKeys.samples(sample.projectId) });
      void qc.invalidateQueries({ queryKey: ['api', 'samples.list'] });
    });
  };
  // Monaco's Ctrl+S command is bound once; it calls whatever `save` this render made.
  useEffect(() => {
    saveRef.current = save;
  });

  const errors = check?.markers.filter((m) => m.severity === 'error').length ?? 0;
  const warnings = check?.markers.filter((m) => m.severity === 'warning').length ?? 0;
  const first = check?.markers.find((m) => m.severity === 'error') ?? check?.markers[0];
  const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
  let checkText = '';
  if (check) {
    checkText =
      errors || warnings
        ? `${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''} in ${plural(check.records, 'record')}${first ? ` — line ${first.startLine}: ${first.message}` : ''}`
        : `${plural(check.records, 'record')} read, no problems`;
    if (check.truncated) checkText += ` — only the first ${Math.round(VALIDATE_LIMIT / 1024)} KB (${check.checkedLines.toLocaleString()} lines) are checked as you type; preview and runs read all of it`;
  }
  return (
    <div className="mw-sample-editor" data-testid="sample-editor" data-sample-id={sample.id}>
      <div className="mw-sample-editor-bar">
        <strong className="mw-sample-editor-name">{sample.name}</strong>
        <span className="mw-muted">
          {sample.format.toUpperCase()} · {formatBytes(sample.sizeBytes)}
        </span>
        <span className="mw-sample-check" data-testid="sample-check" data-errors={errors} role="status" aria-live="polite" title={checkText}>
          {checkText}
        </span>
        {saveError ? (
          <span className="mw-error-line" role="alert" data-testid="sample-save-error">
            {saveError}
          </span>
        ) : savedAt ? (
          <span className="mw-muted" data-testid="sample-saved">
            Saved
          </span>
        ) : dirty ? (
          <span className="mw-muted">Unsaved changes</span>
        ) : null}
        <button type="button" className="button button-primary mw-small" data-testid="sample-save" disabled={!dirty || saving || status.kind !== 'ready'} onClick={save} title="Save (Ctrl+S)">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      {status.kind === 'failed' ? (
        <p className="mw-error-line" role="alert">
          The sample could not be opened: {status.message}
        </p>
      ) : null}
      {status.kind === 'loading' ? <p className="mw-muted mw-sample-loading">Opening {sample.name}…</p> : null}
      {/* `nokey`: React Flow ignores key presses inside, so typing never deletes canvas nodes. */}
      <div ref={host} className="mw-sample-monaco nokey" data-testid="sample-monaco" hidden={status.kind === 'failed'} />
    </div>
  );
}
