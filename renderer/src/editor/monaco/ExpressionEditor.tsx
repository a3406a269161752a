import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { ExprScope } from '../../../../mappings/expr';
import { loadMonaco } from './load-monaco';
import { EXPR_LANGUAGE, forgetModel, registerExpressionLanguage, setModelScope, validateModel } from './expression-language';
import { useColorMode } from '../use-color-mode';

export interface ExpressionEditorProps {
  value: string;
  scope: ExprScope;
  /** Called with the new text after typing pauses (and on blur): one undoable edit per pause. */
  onChange(code: string): void;
  ariaLabel?: string;
}

let modelCounter = 0;

/** A small Monaco editor for one expression, with completions, hovers and live diagnostics. */
export function ExpressionEditor({ value, scope, onChange, ariaLabel = 'Expression' }: ExpressionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<typeof Monaco | null>(null);
  const onChangeRef = useRef(onChange);
  const [errors, setErrors] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const mode = useColorMode();

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup: (() => void)[] = [];
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        monacoRef.current = monaco;
        registerExpressionLanguage(monaco);
        const model = monaco.editor.createModel(value, EXPR_LANGUAGE, monaco.Uri.parse(`mapwright-expr://expr/${++modelCounter}.expr`));
        setModelScope(model, scope);
        const editor = monaco.editor.create(host.current, {
          model,
          minimap: { enabled: false },
          lineNumbers: 'off',
          glyphMargin: false,
          folding: false,
          lineDecorationsWidth: 4,
          wordWrap: 'on',
          scrollBeyondLastLine: false,
          fontSize: 12,
          automaticLayout: true,
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          fixedOverflowWidgets: true,
          ariaLabel,
          theme: document.documentElement.dataset.theme === 'dark' || (!document.documentElement.dataset.theme && window.matchMedia?.('(prefers-color-scheme: dark)').matches) ? 'vs-dark' : 'vs',
        });
        editorRef.current = editor;
        setErrors(validateModel(monaco, model));
        const commit = () => {
          if (timer) clearTimeout(timer);
          timer = undefined;
          const code = model.getValue();
          onChangeRef.current(code);
        };
        const sub = model.onDidChangeContent(() => {
          setErrors(validateModel(monaco, model));
          if (timer) clearTimeout(timer);
          timer = setTimeout(commit, 500);
        });
        const blur = editor.onDidBlurEditorText(() => timer && commit());
        cleanup.push(() => {
          if (timer) commit();
          sub.dispose();
          blur.dispose();
          editor.dispose();
          forgetModel(model);
          model.dispose();
        });
      })
      .catch((err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
    return () => {
      disposed = true;
      cleanup.forEach((f) => f());
      editorRef.current = null;
    };
    // created once per mount; value/scope changes are pushed in by the effects below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Outside changes (undo, code view) replace the text unless it already matches.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    const monaco = monacoRef.current;
    if (model && monaco) {
      setModelScope(model, scope);
      setErrors(validateModel(monaco, model));
    }
  }, [scope]);

  useEffect(() => {
    monacoRef.current?.editor.setTheme(mode === 'dark' ? 'vs-dark' : 'vs');
  }, [mode]);

  if (failed) return <p className="mw-error-line">The code editor could not load: {failed}</p>;
  return (
    // `nokey`: React Flow listens on the document for Space (pan) and Delete; inside Monaco those are typing.
    <div className="mw-expr nokey" data-testid="expression-editor" data-errors={errors}>
      <div ref={host} className="mw-expr-host" />
      <div className={`mw-expr-status${errors ? ' is-error' : ''}`}>{errors ? `${errors} problem${errors === 1 ? '' : 's'} — hover the underline` : 'Checks as you type · Ctrl+Space for fields and functions'}</div>
    </div>
  );
}
