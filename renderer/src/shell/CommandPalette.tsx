import { useId, useMemo, useState } from 'react';
import type { ShellCommand } from './commands';
import { Dialog } from './Dialog';
import { comboLabel } from './keys';

/** Every word of the query must appear in the title, group or keywords (case-insensitive). */
export function filterCommands(commands: readonly ShellCommand[], query: string): ShellCommand[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((c) => {
    if (!c.enabled) return false;
    const hay = `${c.title} ${c.group} ${c.keywords ?? ''}`.toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Ctrl/⌘+K: type to filter actions and projects, arrows to move, Enter to run. */
export function CommandPalette({ commands, onClose }: { commands: readonly ShellCommand[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const results = useMemo(() => filterCommands(commands, query), [commands, query]);
  const current = Math.min(active, Math.max(results.length - 1, 0));

  function run(cmd: ShellCommand | undefined) {
    if (!cmd) return;
    onClose();
    // Run after the palette unmounts so a dialog the command opens takes focus from a settled tree.
    queueMicrotask(() => cmd.run());
  }

  return (
    <Dialog title="Command palette" testId="command-palette" onClose={onClose} size="large">
      <input
        data-autofocus
        className="input palette-input"
        data-testid="command-palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results[current] ? `${listId}-${current}` : undefined}
        aria-label="Type a command or project name"
        placeholder="Type a command or project name…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const n = results.length || 1;
            setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(results[current]);
          }
        }}
      />
      <ul id={listId} role="listbox" className="palette-list" aria-label="Commands">
        {results.map((cmd, i) => (
          <li
            key={cmd.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            className="palette-item"
            data-testid={`command-${cmd.id}`}
            onMouseMove={() => i !== current && setActive(i)}
            onClick={() => run(cmd)}
          >
            <span className="palette-group">{cmd.group}</span>
            <span className="palette-title">{cmd.title}</span>
            {cmd.shortcut && <kbd className="kbd">{comboLabel(cmd.shortcut)}</kbd>}
          </li>
        ))}
        {!results.length && <li className="palette-empty">No command or project matches “{query}”.</li>}
      </ul>
    </Dialog>
  );
}

/** The `?` dialog: every shortcut, grouped. */
export function ShortcutsDialog({ commands, onClose }: { commands: readonly ShellCommand[]; onClose(): void }) {
  const withKeys = commands.filter((c) => c.shortcut);
  const groups = [...new Set(withKeys.map((c) => c.group))];
  return (
    <Dialog
      title="Keyboard shortcuts"
      testId="shortcuts-dialog"
      onClose={onClose}
      footer={
        <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
          Done
        </button>
      }
    >
      {groups.map((g) => (
        <section key={g} className="shortcut-group">
          <h3 className="section-label">{g}</h3>
          <dl className="shortcut-list">
            {withKeys
              .filter((c) => c.group === g)
              .map((c) => (
                <div key={c.id} className="shortcut-row">
                  <dt>{c.title.replace(/ “.*”/, ' project')}</dt>
                  <dd>
                    <kbd className="kbd">{comboLabel(c.shortcut!)}</kbd>
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
      <section className="shortcut-group">
        <h3 className="section-label">Dialogs and lists</h3>
        <dl className="shortcut-list">
          <div className="shortcut-row">
            <dt>Close a dialog</dt>
            <dd>
              <kbd className="kbd">Esc</kbd>
            </dd>
          </div>
          <div className="shortcut-row">
            <dt>Move through projects</dt>
            <dd>
              <kbd className="kbd">↑</kbd> <kbd className="kbd">↓</kbd> <kbd className="kbd">Home</kbd> <kbd className="kbd">End</kbd>
            </dd>
          </div>
          <div className="shortcut-row">
            <dt>Open the focused project</dt>
            <dd>
              <kbd className="kbd">Enter</kbd>
            </dd>
          </div>
        </dl>
      </section>
    </Dialog>
  );
}
