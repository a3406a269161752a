import type { ProjectSummary } from '../../../electron/shared/api';
import { absoluteTime, relativeTime } from './format';
import { CheckCircleIcon, PencilIcon, TrashIcon } from './icons';
import { SlotTarget, useSlotInfo } from './slots';
import { Splitter } from './Splitter';
import './layout.css';
import { useShellStore, type BottomTab } from './store';

function EmptyState({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <p className="empty-title">{title}</p>
      <p className="empty-text">{children}</p>
    </div>
  );
}

function ProjectDetails({ project }: { project: ProjectSummary }) {
  const openDialog = useShellStore((s) => s.openDialog);
  const rows: [string, React.ReactNode][] = [
    ['Created', <time dateTime={project.createdAt} title={absoluteTime(project.createdAt)}>{relativeTime(project.createdAt)}</time>],
    ['Updated', <time dateTime={project.updatedAt} title={absoluteTime(project.updatedAt)}>{relativeTime(project.updatedAt)}</time>],
    ['Opened', project.openedAt ? <time dateTime={project.openedAt} title={absoluteTime(project.openedAt)}>{relativeTime(project.openedAt)}</time> : 'Never'],
    ['Revision', project.revision || 'None saved'],
    ['Kind', project.isExample ? 'Built-in example' : 'Project'],
    ['Id', <code className="mono small">{project.id}</code>],
  ];
  return (
    <div className="details" data-testid="project-details">
      <h3 className="details-name">{project.name}</h3>
      <p className={project.description ? 'details-desc' : 'details-desc muted'}>{project.description || 'No description.'}</p>
      <dl className="details-list">
        {rows.map(([k, v]) => (
          <div key={k} className="details-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="details-actions">
        <button type="button" className="button" data-testid="inspector-rename" onClick={() => openDialog({ kind: 'rename', project })}>
          <PencilIcon /> Rename
        </button>
        <button type="button" className="button button-danger-quiet" data-testid="inspector-delete" onClick={() => openDialog({ kind: 'delete', project })}>
          <TrashIcon /> Delete
        </button>
      </div>
    </div>
  );
}

/** The right panel: the editor's inspector content, else details of the selected project. */
export function Inspector({ project }: { project: ProjectSummary | null }) {
  const info = useSlotInfo('inspector');
  return (
    <aside className="inspector" id="inspector-panel" aria-label="Inspector" data-testid="inspector">
      <Splitter panel="inspector" controls="inspector-panel" label="Resize inspector" />
      <div className="panel-header">
        <h2 className="panel-title">{info.title ?? (project && !info.filled ? 'Project' : 'Inspector')}</h2>
      </div>
      <div className="panel-scroll">
        <SlotTarget
          name="inspector"
          className="slot-fill"
          fallback={
            project ? (
              <ProjectDetails project={project} />
            ) : (
              <EmptyState title="Nothing selected" testId="inspector-empty">
                Select a project to see its details. When a mapping is open, the selected field or rule shows here.
              </EmptyState>
            )
          }
        />
      </div>
    </aside>
  );
}

const TABS: { id: BottomTab; label: string; empty: { title: string; text: string } }[] = [
  {
    id: 'problems',
    label: 'Problems',
    empty: { title: 'No problems', text: 'Mapping problems appear here with their location — rule, field, line and column — as you edit.' },
  },
  {
    id: 'preview',
    label: 'Preview',
    empty: { title: 'No preview yet', text: 'Run the mapping on a sample to see each record written or rejected, with the reason.' },
  },
  {
    id: 'tests',
    label: 'Tests',
    empty: { title: 'No tests', text: 'Pin a sample record and its expected POLE output as a test; every change re-runs them.' },
  },
  {
    id: 'samples',
    label: 'Samples',
    empty: { title: 'No samples', text: 'Sample files of each source: import one (drop a file on the window), then open it to read or edit it.' },
  },
  {
    id: 'coverage',
    label: 'Coverage',
    empty: { title: 'No coverage yet', text: 'Open a mapping to see how much of the target it fills and which sample codes have no value-map entry.' },
  },
];

function TabBadge({ tab }: { tab: BottomTab }) {
  const { badge } = useSlotInfo(tab);
  return badge ? <span className="tab-badge">{badge}</span> : null;
}

/** Problems / Preview / Tests, filled by the editor through `<ShellPanel slot=…>`. */
export function BottomPanel({ hasProject }: { hasProject: boolean }) {
  const tab = useShellStore((s) => s.bottomTab);
  const show = useShellStore((s) => s.showBottomTab);
  return (
    <section className="bottom-panel" id="bottom-panel" aria-label="Output panels" data-testid="bottom-panel">
      <Splitter panel="bottom" controls="bottom-panel" label="Resize bottom panel" />
      <div className="tabs" role="tablist" aria-label="Output panels">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            data-testid={`bottom-tab-${t.id}`}
            onClick={() => show(t.id)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              e.preventDefault();
              const next = TABS[(i + step + TABS.length) % TABS.length];
              show(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
            <TabBadge tab={t.id} />
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`tabpanel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={tab !== t.id} className="tabpanel">
          <SlotTarget
            name={t.id}
            className="slot-fill"
            fallback={
              <EmptyState title={t.empty.title} testId={`bottom-empty-${t.id}`}>
                {t.id === 'problems' && hasProject ? <CheckCircleIcon className="inline-icon" /> : null}
                {t.empty.text}
                {!hasProject && ' Open a project to begin.'}
              </EmptyState>
            }
          />
        </div>
      ))}
    </section>
  );
}
