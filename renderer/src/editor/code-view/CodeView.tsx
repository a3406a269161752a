/**
 * The code view: the mapping document itself, as its canonical JSON text, in a Monaco JSON editor.
 * Reviewers read the source of truth; engineers who prefer text edit it directly.
 *
 * Sync rules:
 * - document → text: every store change re-renders the canonical text (keeping cursor and scroll),
 *   except while the user has unapplied typing in the editor, so their work is never overwritten;
 * - text → document: ~400 ms after typing stops, text that parses and passes the shape check
 *   (./shape.ts) and has no schema errors from Monaco's JSON worker is applied as ONE undoable
 *   command. Otherwise the status says how many problems there are and the canvas keeps the last
 *   valid version.
 *
 * Validation uses Monaco's own JSON language service with the mapping JSON Schema object, with
 * schema requests disabled (no network; no ajv, whose `new Function` the CSP forbids).
 */
import { useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type * as JsonRegister from 'monaco-editor/languages/features/json/register';
import { serializeMapping } from '../../../../mappings/document/serialize';
import type { MappingDocument } from '../../../../mappings/document/types';
import mappingSchema from '../../../../mappings/document/mapping.schema.json';
import type { EditorState } from '../store/editor-store';
import { replaceDocumentCommand } from '../store/commands';
import { loadMonaco } from '../monaco/load-monaco';
import { useColorMode } from '../use-color-mode';
import { parseDocumentText } from './shape';

const MODEL_URI = 'inmemory://mapwright/mapping.mapwright.json';
const SCHEMA_URI = 'inmemory://mapwright/schemas/mapping.schema.json';
const APPLY_DELAY_MS = 400;
const WORKER_TIMEOUT_MS = 3000;

type JsonModule = typeof JsonRegister;

/**
 * The JSON worker's validation call (the same one that produces its markers). It exists on the
 * worker but Monaco's typings leave it out; LSP severity 1 is an error.
 */
interface JsonValidator {
  doValidation(
    uri: string,
  ): Promise<{ severity?: number; message: string; range: { start: { line: number; character: number } } }[]>;
}

let jsonReady: Promise<{ monaco: typeof Monaco; json: JsonModule }> | null = null;

/** Loads Monaco plus its JSON language (a separate worker chunk) and registers the mapping schema once. */
function loadJsonMonaco(): Promise<{ monaco: typeof Monaco; json: JsonModule }> {
  jsonReady ??= (async () => {
    const [monaco, json] = await Promise.all([loadMonaco(), import('monaco-editor/languages/features/json/register')]);
    json.jsonDefaults.setDiagnosticsOptions({
      validate: true,
      allowComments: false,
      trailingCommas: 'error',
      enableSchemaRequest: false,
      // Schema violations block applying the text, so show them as errors, not warnings.
      schemaValidation: 'error',
      schemas: [{ uri: SCHEMA_URI, fileMatch: [MODEL_URI], schema: mappingSchema }],
    });
    return { monaco, json };
  })();
  return jsonReady;
}

export type CodeViewStatus =
  | { kind: 'loading' }
  | { kind: 'in-sync' }
  | { kind: 'pending' }
  | { kind: 'invalid'; problems: number; first: string }
  | { kind: 'failed'; message: string };

function statusText(s: CodeViewStatus): string {
  switch (s.kind) {
    case 'loading':
      return 'Loading the code view…';
    case 'in-sync':
      return 'In sync with the canvas';
    case 'pending':
      return 'Editing…';
    case 'invalid':
      return `${s.problems} problem${s.problems === 1 ? '' : 's'} — the canvas shows the last valid version. ${s.first}`;
    case 'failed':
      return `The code view could not load: ${s.message}`;
  }
}

/** The mapping document as editable JSON, kept in sync with the editor store both ways. */
export function CodeView({ store }: { store: StoreApi<EditorState> }) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [status, setStatus] = useState<CodeViewStatus>({ kind: 'loading' });
  const mode = useColorMode();

  useEffect(() => {
    let cancelled = false;
    const disposers: (() => void)[] = [];
    loadJsonMonaco()
      .then(({ monaco, json }) => {
        if (cancelled || !host.current) return;
        const uri = monaco.Uri.parse(MODEL_URI);
        monaco.editor.getModel(uri)?.dispose();
        const initial = store.getState().doc;
        const model = monaco.editor.createModel(initial ? serializeMapping(initial) : '', 'json', uri);
        const editor = monaco.editor.create(host.current, {
          model,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 12,
          tabSize: 2,
          scrollBeyondLastLine: false,
          folding: true,
          wordWrap: 'off',
          ariaLabel: 'Mapping document (JSON)',
        });
        editorRef.current = editor;

        /** The document the text was last rendered from or applied as; equal docs need no re-render. */
        let shownDoc: MappingDocument | null = initial;
        /** True while the text has typing that is not (yet) applied to the store. */
        let unapplied = false;
        /** Set while we replace the text ourselves, so it is not mistaken for typing. */
        let rendering = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let generation = 0;

        const render = (doc: MappingDocument) => {
          const text = serializeMapping(doc);
          shownDoc = doc;
          if (model.getValue() === text) return;
          const view = editor.saveViewState();
          rendering = true;
          try {
            // A single edit (not setValue) keeps Monaco's decorations and lets its undo step over it.
            model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
          } finally {
            rendering = false;
          }
          if (view) editor.restoreViewState(view);
        };

        const apply = async () => {
          const mine = ++generation;
          const text = model.getValue();
          const parsed = parseDocumentText(text);
          let markers: { message: string; line: number }[] = [];
          try {
            const validate = (async () => {
              const worker = (await (await json.getWorker())(uri)) as unknown as JsonValidator;
              return worker.doValidation(uri.toString());
            })();
            // A worker that never answers must not leave the text unapplied forever.
            const diags = await Promise.race([
              validate,
              new Promise<never>((_, reject) =>
                setTimeout(() => reject(new Error('JSON worker timed out')), WORKER_TIMEOUT_MS),
              ),
            ]);
            markers = diags
              .filter((d) => d.severity === 1)
              .map((d) => ({ message: d.message, line: d.range.start.line + 1 }));
          } catch (err) {
            // The worker only adds schema detail; the parse and shape check below still gate applying.
            console.warn('Code view: schema validation unavailable', err);
          }
          if (cancelled || mine !== generation) return;
          if (!parsed.ok || markers.length) {
            const first = markers[0]
              ? `Line ${markers[0].line}: ${markers[0].message}`
              : parsed.ok
                ? ''
                : parsed.problem.pointer
                  ? `${parsed.problem.pointer}: ${parsed.problem.message}`
                  : parsed.problem.message;
            setStatus({ kind: 'invalid', problems: Math.max(markers.length, 1), first });
            return;
          }
          const s = store.getState();
          unapplied = false;
          if (!s.doc) return;
          const cmd = replaceDocumentCommand(s.doc, parsed.doc, 'Edit in code view');
          if (cmd.ops.length === 0) {
            shownDoc = s.doc;
            setStatus({ kind: 'in-sync' });
            return;
          }
          shownDoc = parsed.doc;
          if (s.execute(cmd)) {
            shownDoc = store.getState().doc;
            setStatus({ kind: 'in-sync' });
          }
        };

        const onType = model.onDidChangeContent(() => {
          if (rendering) return;
          unapplied = true;
          setStatus({ kind: 'pending' });
          clearTimeout(timer);
          timer = setTimeout(() => void apply(), APPLY_DELAY_MS);
        });
        disposers.push(() => onType.dispose());
        disposers.push(
          store.subscribe((s) => {
            if (!s.doc || s.doc === shownDoc) return;
            // Never overwrite typing that has not been applied: the user's text wins until it is valid
            // (or they undo); the canvas change is picked up on the next successful apply or blur.
            if (unapplied && editor.hasTextFocus()) return;
            unapplied = false;
            clearTimeout(timer);
            render(s.doc);
            setStatus({ kind: 'in-sync' });
          }),
        );
        const onBlur = editor.onDidBlurEditorText(() => {
          const d = store.getState().doc;
          if (!unapplied && d && d !== shownDoc) render(d);
        });
        disposers.push(() => onBlur.dispose());
        disposers.push(() => {
          clearTimeout(timer);
          editor.dispose();
          model.dispose();
          editorRef.current = null;
        });
        setStatus({ kind: 'in-sync' });
      })
      .catch((err: unknown) =>
        setStatus({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      cancelled = true;
      for (const d of disposers.reverse()) d();
    };
  }, [store]);

  useEffect(() => {
    void loadMonaco().then((monaco) => monaco.editor.setTheme(mode === 'dark' ? 'vs-dark' : 'vs'));
  }, [mode]);

  return (
    // `nokey`: React Flow listens on the document for Space (pan) and Delete; Monaco's EditContext
    // input is not a textarea, so without it spaces typed here would be swallowed by the canvas.
    <section className="mw-code-view nokey" data-testid="code-view" aria-label="Mapping document as JSON">
      <div ref={host} className="mw-code-host" data-testid="code-view-editor" />
      <div
        className={`mw-code-status${status.kind === 'invalid' || status.kind === 'failed' ? ' is-error' : ''}`}
        data-testid="code-view-status"
        data-state={status.kind}
        title={statusText(status)}
        role="status"
        aria-live="polite"
      >
        {statusText(status)}
      </div>
    </section>
  );
}
