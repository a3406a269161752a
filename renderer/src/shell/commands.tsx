import { useBundleUi } from '../review/store';
import { useImportUi } from '../editor/samples/import-ui';
import { useEffect, useMemo } from 'react';
import type { ProjectSummary } from '../../../electron/shared/api';
import { useProjects } from '../api/hooks';
import { useShellStore } from './store';
import { useTheme } from './theme';
import { isTextEntry, matchesCombo } from './keys';

export interface ShellCommand {
  id: string;
  title: string;
  group: 'Projects' | 'View' | 'Help' | 'Open project';
  /** Combo for `matchesCombo`, shown in the palette and the shortcuts dialog. */
  shortcut?: string;
  /** Single-key shortcuts (F2, Delete, ?) only fire outside text fields and the editor canvas. */
  run(): void;
  enabled: boolean;
  /** Extra words the palette matches on. */
  keywords?: string;
}

/** Focuses the sidebar's project filter (Ctrl/⌘+O). */
export function focusProjectSearch(): void {
  const el = document.getElementById('project-search') as HTMLInputElement | null;
  el?.focus();
  el?.select();
}

/** The project F2/Delete act on: the one under keyboard focus, else the selected, else the open one. */
export function targetProject(projects: readonly ProjectSummary[], from: EventTarget | null): ProjectSummary | null {
  const state = useShellStore.getState();
  const el = from instanceof HTMLElement ? from.closest<HTMLElement>('[data-project-target]') : null;
  const id = el?.dataset.projectTarget ?? state.selectedProjectId ?? state.openProjectId;
  return projects.find((p) => p.id === id) ?? null;
}

/** Every shell action, for the command palette, the shortcuts dialog and the global key handler. */
export function useShellCommands(): ShellCommand[] {
  const { data: projects = [] } = useProjects();
  const { setChoice } = useTheme();
  const openProjectId = useShellStore((s) => s.openProjectId);
  const selectedProjectId = useShellStore((s) => s.selectedProjectId);
  const current = projects.find((p) => p.id === (selectedProjectId ?? openProjectId)) ?? null;
  const examples = projects.filter((p) => p.isExample);

  return useMemo(() => {
    const s = useShellStore.getState;
    const cmds: ShellCommand[] = [
      { id: 'project.new', title: 'New project…', group: 'Projects', shortcut: 'Mod+N', enabled: true, run: () => s().openDialog({ kind: 'create' }) },
      { id: 'project.search', title: 'Open project…', group: 'Projects', shortcut: 'Mod+O', keywords: 'find filter search', enabled: true, run: focusProjectSearch },
      {
        id: 'project.example',
        title: 'Open example project',
        group: 'Projects',
        enabled: examples.length > 0,
        run: () => examples[0] && s().setOpenProject(examples[0].id),
      },
      {
        id: 'project.rename',
        title: current ? `Rename “${current.name}”…` : 'Rename project…',
        group: 'Projects',
        shortcut: 'F2',
        enabled: !!current,
        run: () => current && s().openDialog({ kind: 'rename', project: current }),
      },
      {
        id: 'project.delete',
        title: current ? `Delete “${current.name}”…` : 'Delete project…',
        group: 'Projects',
        shortcut: 'Delete',
        enabled: !!current,
        run: () => current && s().openDialog({ kind: 'delete', project: current }),
      },
      { id: 'bundle.review', title: 'Review a bundle…', group: 'Projects', keywords: 'open mwb verify approve force', enabled: true, run: () => useBundleUi.getState().setPicker(true) },
      {
        id: 'bundle.export',
        title: openProjectId ? 'Export bundle…' : 'Export bundle… (open a project first)',
        group: 'Projects',
        keywords: 'mwb release sign publish',
        enabled: !!openProjectId,
        run: () => openProjectId && useBundleUi.getState().setExport(openProjectId),
      },
      {
        id: 'project.import',
        title: openProjectId ? 'Import file… (sample or source schema)' : 'Import file… (open a project first)',
        group: 'Projects',
        shortcut: 'Mod+I',
        keywords: 'sample schema csv json ndjson xml xsd upload drop',
        enabled: !!openProjectId,
        run: () => useImportUi.getState().pick?.(),
      },
      { id: 'project.close', title: 'Close project (go to start page)', group: 'Projects', keywords: 'home welcome start', enabled: !!openProjectId, run: () => s().setOpenProject(null) },
      { id: 'view.palette', title: 'Command palette', group: 'View', shortcut: 'Mod+K', enabled: true, run: () => s().openDialog(s().dialog?.kind === 'palette' ? null : { kind: 'palette' }) },
      { id: 'view.bottom', title: 'Toggle bottom panel (Problems, Preview, Tests)', group: 'View', shortcut: 'Mod+J', enabled: true, run: () => s().toggleBottom() },
      { id: 'view.inspector', title: 'Toggle inspector', group: 'View', shortcut: 'Mod+Alt+B', enabled: true, run: () => s().toggleInspector() },
      { id: 'view.node-palette', title: 'Toggle node and function palette', group: 'View', enabled: true, run: () => s().togglePalette() },
      { id: 'theme.system', title: 'Theme: follow system', group: 'View', keywords: 'appearance colour color', enabled: true, run: () => setChoice('system') },
      { id: 'theme.light', title: 'Theme: light', group: 'View', keywords: 'appearance colour color', enabled: true, run: () => setChoice('light') },
      { id: 'theme.dark', title: 'Theme: dark', group: 'View', keywords: 'appearance colour color', enabled: true, run: () => setChoice('dark') },
      { id: 'help.shortcuts', title: 'Keyboard shortcuts', group: 'Help', shortcut: '?', enabled: true, run: () => s().openDialog({ kind: 'shortcuts' }) },
    ];
    for (const p of projects) {
      cmds.push({
        id: `open:${p.id}`,
        title: p.name,
        group: 'Open project',
        keywords: p.description,
        enabled: true,
        run: () => s().setOpenProject(p.id),
      });
    }
    return cmds;
  }, [projects, current, examples, openProjectId, setChoice]);
}

const SINGLE_KEY = new Set(['F2', 'Delete', '?']);

/** Installs the global key handler for the shell's shortcuts. Mount once. */
export function useGlobalShortcuts(commands: readonly ShellCommand[]): void {
  const { data: projects = [] } = useProjects();
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented) return;
      const dialog = useShellStore.getState().dialog;
      for (const cmd of commands) {
        if (!cmd.shortcut || !matchesCombo(e, cmd.shortcut)) continue;
        // While a dialog is open only the palette toggle reaches the shell; the dialog owns Esc.
        if (dialog && cmd.id !== 'view.palette') return;
        if (SINGLE_KEY.has(cmd.shortcut) && isTextEntry(e.target)) return;
        if (cmd.id === 'project.rename' || cmd.id === 'project.delete') {
          // Outside the project list and start page these keys belong to whatever has focus: the
          // canvas deletes nodes with Delete, and a click on its pane leaves focus on <body>. So
          // act only on a focused project, or on <body> when no project (hence no canvas) is open.
          const t = e.target as HTMLElement | null;
          const onProject = !!t?.closest?.('[data-project-target]');
          if (!onProject && (t !== document.body || useShellStore.getState().openProjectId)) return;
          const project = targetProject(projects, e.target);
          if (!project) return;
          e.preventDefault();
          useShellStore.getState().openDialog({ kind: cmd.id === 'project.rename' ? 'rename' : 'delete', project });
          return;
        }
        if (!cmd.enabled) return;
        e.preventDefault();
        cmd.run();
        return;
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, projects]);
}
