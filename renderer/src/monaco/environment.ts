/**
 * Monaco's worker wiring for Vite: the editor worker is bundled as a separate module through the
 * `?worker` import, so it loads from the app's own origin (no blob: eval, no CDN). Import this
 * module once before creating an editor, e.g. `await import('../monaco/environment')` beside a lazy
 * `import('monaco-editor')`, so the ~3 MB of Monaco stays out of the first screen's bundle.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker.start?worker';

interface MonacoEnvironmentShape {
  getWorker(workerId: string, label: string): Worker;
}

// Monaco's language services for JSON/TS/CSS/HTML need their own workers; Mapwright's expression
// language runs its checks in the main bundle (mappings/expr), so the generic editor worker is enough.
(self as unknown as { MonacoEnvironment: MonacoEnvironmentShape }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export {};
