import { useDeferredValue, useState } from 'react';
import type { ProjectSummary } from '../../../electron/shared/api';
import { describeError } from '../api/errors';
import { useProjects } from '../api/hooks';
import { PlusIcon, SearchIcon } from './icons';
import { comboLabel } from './keys';
import { ProjectList } from './ProjectList';
import { useShellStore } from './store';

const RECENT_LIMIT = 5;

/** Most recently opened first; projects never opened are not "recent". */
export function recentProjects(projects: readonly ProjectSummary[], limit = RECENT_LIMIT): ProjectSummary[] {
  return projects
    .filter((p) => p.openedAt)
    .sort((a, b) => Date.parse(b.openedAt!) - Date.parse(a.openedAt!))
    .slice(0, limit);
}

/** Case-insensitive match on every word against name and description. */
export function filterProjects(projects: readonly ProjectSummary[], query: string): ProjectSummary[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return projects.filter((p) => {
    const hay = `${p.name} ${p.description}`.toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

const byName = (a: ProjectSummary, b: ProjectSummary) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

export function Sidebar({ onOpen }: { onOpen(project: ProjectSummary): void }) {
  const { data: projects, error, isPending, refetch } = useProjects();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const openProjectId = useShellStore((s) => s.openProjectId);
  const selectedProjectId = useShellStore((s) => s.selectedProjectId);
  const select = useShellStore((s) => s.select);
  const openDialog = useShellStore((s) => s.openDialog);

  const all = [...(projects ?? [])].sort(byName);
  const filtered = deferred.trim() ? filterProjects(all, deferred) : all;
  const recent = deferred.trim() ? [] : recentProjects(all);
  const common = { openProjectId, selectedProjectId, onOpen, onSelect: (p: ProjectSummary) => select(p.id) };

  return (
    <nav className="sidebar" aria-label="Projects" data-testid="sidebar">
      <div className="sidebar-header">
        <h2 className="sidebar-title">
          Projects {projects && <span className="count">{projects.length}</span>}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="New project"
          title={`New project (${comboLabel('Mod+N')})`}
          data-testid="sidebar-new-project"
          onClick={() => openDialog({ kind: 'create' })}
        >
          <PlusIcon />
        </button>
      </div>
      <div className="search">
        <SearchIcon className="search-icon" />
        <input
          id="project-search"
          type="search"
          className="input search-input"
          placeholder="Filter projects"
          aria-label="Filter projects"
          aria-keyshortcuts={comboLabel('Mod+O')}
          data-testid="project-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
              // Hand the keyboard to the first match so ⌘O, type, Enter opens a project.
              const first = filtered[0];
              if (!first) return;
              e.preventDefault();
              if (e.key === 'Enter') onOpen(first);
              else {
                select(first.id);
                document.querySelector<HTMLElement>('[data-testid="all-projects"] [role="option"]')?.focus();
              }
            }
          }}
        />
        <kbd className="kbd search-kbd" aria-hidden="true">
          {comboLabel('Mod+O')}
        </kbd>
      </div>
      <div className="sidebar-scroll">
        {isPending && (
          <div className="skeleton-list" aria-busy="true" aria-label="Loading projects">
            <span className="skeleton" />
            <span className="skeleton" />
            <span className="skeleton" />
          </div>
        )}
        {error && (
          <div className="callout callout-error" role="alert">
            Could not load projects: {describeError(error).message}{' '}
            <button type="button" className="link-button" onClick={() => void refetch()}>
              Retry
            </button>
          </div>
        )}
        {recent.length > 0 && (
          <section className="sidebar-section">
            <h3 className="section-label" id="recent-label">
              Recent
            </h3>
            <ProjectList projects={recent} label="Recent projects" testId="recent-projects" timestamp="opened" {...common} />
          </section>
        )}
        {projects && (
          <section className="sidebar-section">
            <h3 className="section-label">{deferred.trim() ? `Matching “${deferred.trim()}”` : 'All projects'}</h3>
            {filtered.length > 0 ? (
              <ProjectList projects={filtered} label="All projects" testId="all-projects" {...common} />
            ) : projects.length === 0 ? (
              <p className="sidebar-empty" data-testid="sidebar-empty">
                No projects yet. <br />
                <button type="button" className="link-button" onClick={() => openDialog({ kind: 'create' })}>
                  Create your first project
                </button>
              </p>
            ) : (
              <p className="sidebar-empty" data-testid="sidebar-no-match">
                No project matches “{deferred.trim()}”.
              </p>
            )}
          </section>
        )}
      </div>
    </nav>
  );
}
