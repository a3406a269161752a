import { useBundleUi } from '../review/store';
import type { ProjectSummary } from '../../../electron/shared/api';
import { useProjects } from '../api/hooks';
import { absoluteTime, relativeTime } from './format';
import { ArrowRightIcon, CommandIcon, ExampleIcon, LogoMark, PlusIcon } from './icons';
import { comboLabel } from './keys';
import { useShellStore } from './store';

const CARD_LIMIT = 6;

/** Recently opened first, then recently updated: what someone coming back wants to continue. */
export function startPageProjects(projects: readonly ProjectSummary[], limit = CARD_LIMIT): ProjectSummary[] {
  const key = (p: ProjectSummary) => Date.parse(p.openedAt ?? p.updatedAt);
  return [...projects].sort((a, b) => key(b) - key(a)).slice(0, limit);
}

const STEPS = [
  {
    title: 'Describe the source',
    text: 'Import a supplier sample (CSV, JSON, XML) or its schema. Mapwright infers the field tree, types and repeats.',
  },
  {
    title: 'Map onto POLE',
    text: 'Connect source fields to Person, Object, Location, Event and Links on the canvas; add code-list lookups and transforms.',
  },
  {
    title: 'Test and export',
    text: 'Preview on sample records, pin expected outputs as tests, then export a signed bundle the force can verify and run.',
  },
];

export function StartPage({ onOpen }: { onOpen(project: ProjectSummary): void }) {
  const { data: projects = [] } = useProjects();
  const openDialog = useShellStore((s) => s.openDialog);
  const select = useShellStore((s) => s.select);
  const example = projects.find((p) => p.isExample);
  const cards = startPageProjects(projects);

  return (
    <div className="start-page" data-testid="start-page">
      <div className="start-inner">
        <header className="start-hero">
          <LogoMark size={44} />
          <div>
            <h1 className="start-title">Mapwright</h1>
            <p className="start-subtitle">Map supplier record formats onto the POLE model and ship bundles a force can verify.</p>
          </div>
        </header>

        <div className="start-actions">
          <button type="button" className="action-tile action-primary" data-testid="start-new-project" onClick={() => openDialog({ kind: 'create' })}>
            <PlusIcon size={18} />
            <span className="action-text">
              <span className="action-title">New project</span>
              <span className="action-hint">Map a new format</span>
            </span>
            <kbd className="kbd">{comboLabel('Mod+N')}</kbd>
          </button>
          <button
            type="button"
            className="action-tile"
            data-testid="start-open-example"
            disabled={!example}
            title={example ? `Open “${example.name}”` : 'No example project in this workspace'}
            onClick={() => example && onOpen(example)}
          >
            <ExampleIcon size={18} />
            <span className="action-text">
              <span className="action-title">Open example</span>
              <span className="action-hint">{example ? example.name : 'No example in this workspace'}</span>
            </span>
          </button>
          <button type="button" className="action-tile" data-testid="start-review-bundle" onClick={() => useBundleUi.getState().setPicker(true)}>
            <ExampleIcon size={18} />
            <span className="action-text">
              <span className="action-title">Review a bundle…</span>
              <span className="action-hint">Check and approve a .mwb you received</span>
            </span>
          </button>
          <button type="button" className="action-tile" data-testid="start-command-palette" onClick={() => openDialog({ kind: 'palette' })}>
            <CommandIcon size={18} />
            <span className="action-text">
              <span className="action-title">Command palette</span>
              <span className="action-hint">Every action, by name</span>
            </span>
            <kbd className="kbd">{comboLabel('Mod+K')}</kbd>
          </button>
        </div>

        <section aria-labelledby="start-recent-heading" className="start-section">
          <div className="start-section-header">
            <h2 id="start-recent-heading" className="section-heading">
              Recent projects
            </h2>
            {projects.length > CARD_LIMIT && <span className="muted">{projects.length} in this workspace — filter them in the sidebar</span>}
          </div>
          {cards.length ? (
            <ul className="card-grid" data-testid="recent-cards">
              {cards.map((p) => {
                const when = p.openedAt ?? p.updatedAt;
                return (
                  <li key={p.id}>
                    <button
                      type="button"
                      className="project-card"
                      data-project-target={p.id}
                      data-testid="project-card"
                      onFocus={() => select(p.id)}
                      onClick={() => onOpen(p)}
                    >
                      <span className="project-card-head">
                        <span className="project-card-name">{p.name}</span>
                        {p.isExample && <span className="badge">Example</span>}
                      </span>
                      <span className="project-card-desc">{p.description || <span className="muted">No description</span>}</span>
                      <span className="project-card-meta">
                        <time dateTime={when} title={absoluteTime(when)}>
                          {p.openedAt ? 'Opened' : 'Updated'} {relativeTime(when)}
                        </time>
                        <span aria-hidden="true">·</span>
                        <span>{p.revision === 0 ? 'No revisions' : `Revision ${p.revision}`}</span>
                        <ArrowRightIcon className="project-card-arrow" />
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : (
            <div className="empty-card" data-testid="start-empty">
              <p className="empty-title">No projects yet</p>
              <p className="muted">
                Create a project for each supplier format you map. Everything stays in this workspace on this machine until you export a bundle.
              </p>
              <button type="button" className="button button-primary" onClick={() => openDialog({ kind: 'create' })}>
                <PlusIcon /> Create your first project
              </button>
            </div>
          )}
        </section>

        <section aria-labelledby="start-how-heading" className="start-section">
          <h2 id="start-how-heading" className="section-heading">
            How a mapping comes together
          </h2>
          <ol className="steps">
            {STEPS.map((s, i) => (
              <li key={s.title} className="step">
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="step-title">{s.title}</span>
                <span className="step-text">{s.text}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
