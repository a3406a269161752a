/** The workbench's "Canvas | Split | Code" switch (Ctrl/Cmd+Shift+J toggles the code view). */
import './code-view.css';

export type ViewMode = 'canvas' | 'split' | 'code';

const MODES: { mode: ViewMode; label: string; title: string }[] = [
  { mode: 'canvas', label: 'Canvas', title: 'Node graph only' },
  { mode: 'split', label: 'Split', title: 'Canvas and the mapping document as JSON side by side' },
  { mode: 'code', label: 'Code', title: 'The mapping document as JSON only' },
];

/** The shortcut's toggle: from the canvas open the split view; from either code view go back. */
export function nextViewMode(mode: ViewMode): ViewMode {
  return mode === 'canvas' ? 'split' : 'canvas';
}

export function ViewModeSwitch({ mode, onChange }: { mode: ViewMode; onChange(mode: ViewMode): void }) {
  return (
    <div className="mw-view-switch" role="radiogroup" aria-label="View" data-testid="view-mode">
      {MODES.map((m) => (
        <button
          key={m.mode}
          type="button"
          role="radio"
          aria-checked={mode === m.mode}
          className={`button mw-small${mode === m.mode ? ' is-active' : ''}`}
          title={`${m.title} (Ctrl+Shift+J toggles)`}
          data-testid={`view-mode-${m.mode}`}
          onClick={() => onChange(m.mode)}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
