import { useBundleUi } from '../review/store';
import type { ProjectSummary, WorkspaceInfo } from '../../../electron/shared/api';
import { useConnection } from './connection';
import { CommandIcon, KeyboardIcon, LogoMark, PanelBottomIcon, PanelRightIcon, SearchIcon } from './icons';
import { comboLabel } from './keys';
import { SlotTarget } from './slots';
import { useShellStore } from './store';
import { ThemeSwitch } from './theme';

export function TitleBar({ project }: { project: ProjectSummary | null }) {
  const setOpenProject = useShellStore((s) => s.setOpenProject);
  const openDialog = useShellStore((s) => s.openDialog);
  const toggleBottom = useShellStore((s) => s.toggleBottom);
  const toggleInspector = useShellStore((s) => s.toggleInspector);
  const bottomVisible = useShellStore((s) => s.bottomVisible);
  const inspectorVisible = useShellStore((s) => s.inspectorVisible);
  const reviewing = useBundleUi((s) => s.reviewId !== null);
  return (
    <header className="titlebar" data-testid="titlebar">
      <div className="titlebar-left">
        <button
          type="button"
          className="brand"
          onClick={() => {
            setOpenProject(null);
            useBundleUi.getState().openReview(null);
          }}
          aria-label="Mapwright — go to start page" data-testid="home-button">
          <LogoMark />
          <span className="brand-name">Mapwright</span>
        </button>
        <span className="crumb-sep" aria-hidden="true">
          /
        </span>
        <span className="crumb" data-testid="current-project-name" aria-live="polite">
          {project ? project.name : reviewing ? 'Reviewing a bundle' : 'Start'}
        </span>
      </div>
      <button type="button" className="palette-button" data-testid="open-command-palette" onClick={() => openDialog({ kind: 'palette' })}>
        <SearchIcon />
        <span>Search commands and projects</span>
        <kbd className="kbd">{comboLabel('Mod+K')}</kbd>
      </button>
      <div className="titlebar-right">
        <SlotTarget name="toolbar" className="toolbar-slot" />
        {project && (
          <button type="button" className="button" data-testid="export-bundle" onClick={() => useBundleUi.getState().setExport(project.id)}>
            Export bundle…
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Toggle inspector"
          aria-pressed={inspectorVisible}
          title={`Toggle inspector (${comboLabel('Mod+Alt+B')})`}
          onClick={toggleInspector}
        >
          <PanelRightIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Toggle bottom panel"
          aria-pressed={bottomVisible}
          title={`Toggle bottom panel (${comboLabel('Mod+J')})`}
          onClick={toggleBottom}
        >
          <PanelBottomIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          data-testid="open-shortcuts"
          onClick={() => openDialog({ kind: 'shortcuts' })}
        >
          <KeyboardIcon />
        </button>
        <ThemeSwitch />
      </div>
    </header>
  );
}

const CONNECTION_LABEL = { connecting: 'Connecting…', open: 'Live', lost: 'Reconnecting…' } as const;

export function StatusBar({ info, transport }: { info: WorkspaceInfo | undefined; transport: 'electron' | 'http' }) {
  const connection = useConnection((s) => s.state);
  const state = transport === 'electron' ? 'open' : connection;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={`status-dot status-${state}`} aria-hidden="true" />
      <span data-testid="connection-state" title="Live updates from the host">
        {CONNECTION_LABEL[state]}
      </span>
      {info && (
        <>
          <span className="status-item" title={info.databasePath}>
            Workspace <span className="mono">{info.home}</span>
          </span>
          <span className="status-spacer" />
          <span className="status-item">{info.host === 'electron' ? 'Desktop' : 'Browser host'}</span>
          <span className="status-item">Schema v{info.schemaVersion}</span>
          <span className="status-item">Mapwright {info.appVersion}</span>
        </>
      )}
      <span className="status-item status-hint">
        <CommandIcon size={12} /> {comboLabel('Mod+K')} for commands · ? for shortcuts
      </span>
    </footer>
  );
}
