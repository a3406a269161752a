import { useRef, type KeyboardEvent } from 'react';
import type { ProjectSummary } from '../../../electron/shared/api';
import { absoluteTime, relativeTime } from './format';
import { ExampleIcon } from './icons';

export interface ProjectListProps {
  projects: readonly ProjectSummary[];
  label: string;
  testId: string;
  openProjectId: string | null;
  selectedProjectId: string | null;
  onOpen(project: ProjectSummary): void;
  onSelect(project: ProjectSummary): void;
  /** Which timestamp to show: `updated` (default) or `opened`. */
  timestamp?: 'updated' | 'opened';
}

/**
 * A keyboard-navigable list of projects (listbox pattern with a roving tabindex: one Tab stop,
 * arrows/Home/End move, Enter or double-click opens). F2 and Delete on an item are handled by the
 * global shortcuts through `data-project-target` (not `data-project-id`, which the editor's root
 * also carries: Delete inside the canvas must never reach a project).
 */
export function ProjectList({ projects, label, testId, openProjectId, selectedProjectId, onOpen, onSelect, timestamp = 'updated' }: ProjectListProps) {
  const list = useRef<HTMLUListElement>(null);
  const tabStop = projects.some((p) => p.id === selectedProjectId)
    ? selectedProjectId
    : projects.some((p) => p.id === openProjectId)
      ? openProjectId
      : projects[0]?.id;

  function move(e: KeyboardEvent<HTMLLIElement>, index: number) {
    const last = projects.length - 1;
    const next =
      e.key === 'ArrowDown' ? Math.min(index + 1, last) : e.key === 'ArrowUp' ? Math.max(index - 1, 0) : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(projects[index]);
      return;
    }
    if (next < 0) return;
    e.preventDefault();
    onSelect(projects[next]);
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[next]?.focus();
  }

  return (
    <ul ref={list} role="listbox" aria-label={label} className="project-list" data-testid={testId}>
      {projects.map((p, i) => {
        const when = timestamp === 'opened' && p.openedAt ? p.openedAt : p.updatedAt;
        return (
          <li
            key={p.id}
            role="option"
            aria-selected={p.id === openProjectId}
            tabIndex={p.id === tabStop ? 0 : -1}
            className={`project-item${p.id === selectedProjectId ? ' is-selected' : ''}`}
            data-project-target={p.id}
            data-testid="project-item"
            data-project-name={p.name}
            title={p.description || p.name}
            onFocus={() => onSelect(p)}
            onClick={() => onOpen(p)}
            onKeyDown={(e) => move(e, i)}
          >
            <span className="project-item-name">
              {p.isExample && <ExampleIcon className="project-item-badge" aria-label="Example project" />}
              {p.name}
            </span>
            <time className="project-item-time" dateTime={when} title={absoluteTime(when)}>
              {relativeTime(when)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
