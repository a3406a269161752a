/**
 * Monaco's worker wiring for Vite: the editor worker is bundled as a separate module through the
 * `?worker` import, so it loads from the app's own origin (no blob: eval, no CDN). Import this
 * module once before creating an editor, e.g. `await import('../monaco/environment')` beside a lazy
 * `import('monaco-editor')`, so the ~3 MB of Monaco stays out of the first screen's bundle.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker.start?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

interface MonacoEnvironmentShape {
  getWorker(workerId: string, label: string): Worker;
}

// Mapwright's expression language runs its checks in the main bundle (mappings/expr), so the
// generic editor worker serves it. The mapping code view uses Monaco's JSON language service
// (schema validation), which only runs in its own worker: Monaco asks for it with the label 'json'.
(self as unknown as { MonacoEnvironment: MonacoEnvironmentShape }).MonacoEnvironment = {
  getWorker: (_workerId, label) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

export {};
