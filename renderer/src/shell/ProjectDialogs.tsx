import { useState } from 'react';
import type { ProjectSummary } from '../../../electron/shared/api';
import { describeError } from '../api/errors';
import { useCreateProject, useDeleteProject, useRenameProject } from '../api/hooks';
import { Dialog } from './Dialog';
import { useToast } from './toasts';
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX, validateProjectDescription, validateProjectName } from './validation';

function InlineError({ error, testId }: { error: unknown; testId: string }) {
  if (!error) return null;
  const { title, message, code } = describeError(error);
  return (
    <div className="callout callout-error" role="alert" data-testid={testId}>
      <strong>{title}.</strong> {message} {code && <code>{code}</code>}
    </div>
  );
}

export interface CreateProjectDialogProps {
  existingNames: readonly string[];
  onClose(): void;
  onCreated(project: ProjectSummary): void;
}

/** New project: name (required, unique) and optional description, checked as you type after the first try. */
export function CreateProjectDialog({ existingNames, onClose, onCreated }: CreateProjectDialogProps) {
  const create = useCreateProject();
  const toast = useToast();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const nameError = validateProjectName(name, existingNames);
  const descriptionError = validateProjectDescription(description);
  const showName = touched && nameError;

  function submit() {
    setTouched(true);
    if (nameError || descriptionError || create.isPending) return;
    create.mutate(
      { name: name.trim(), description: description.trim() || undefined },
      {
        onSuccess: (project) => {
          toast.push({ kind: 'success', title: `Created “${project.name}”` });
          onCreated(project);
        },
      },
    );
  }

  return (
    <Dialog
      title="New project"
      description="A project holds one supplier format's mapping onto the target model, its samples and tests."
      testId="create-project-dialog"
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending} data-testid="create-project-submit">
            {create.isPending ? 'Creating…' : 'Create project'}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="project-name">Name</label>
        <input
          id="project-name"
          data-autofocus
          data-testid="project-name-input"
          className="input"
          value={name}
          maxLength={PROJECT_NAME_MAX * 2}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. Niche RMS → POLE (custody)"
          aria-invalid={showName ? true : undefined}
          aria-describedby={showName ? 'project-name-error' : 'project-name-hint'}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name && setTouched(true)}
        />
        {showName ? (
          <div id="project-name-error" className="field-error" data-testid="project-name-error">
            {nameError}
          </div>
        ) : (
          <div id="project-name-hint" className="field-hint">
            Shown in the project list and written into exported bundles.
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor="project-description">
          Description <span className="optional">optional</span>
        </label>
        <textarea
          id="project-description"
          data-testid="project-description-input"
          className="input textarea"
          rows={3}
          value={description}
          placeholder="Which supplier, system and export this maps, and for which force."
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={descriptionError ? 'project-description-error' : undefined}
          onChange={(e) => setDescription(e.target.value)}
        />
        {descriptionError && (
          <div id="project-description-error" className="field-error">
            {descriptionError}
          </div>
        )}
        <div className="field-counter" aria-hidden="true">
          {description.length}/{PROJECT_DESCRIPTION_MAX}
        </div>
      </div>
      <InlineError error={create.error} testId="create-project-error" />
    </Dialog>
  );
}

export interface RenameProjectDialogProps {
  project: ProjectSummary;
  existingNames: readonly string[];
  onClose(): void;
}

export function RenameProjectDialog({ project, existingNames, onClose }: RenameProjectDialogProps) {
  const rename = useRenameProject();
  const toast = useToast();
  const [name, setName] = useState(project.name);
  const error = validateProjectName(name, existingNames, project.name);
  const unchanged = name.trim() === project.name;

  function submit() {
    if (error || rename.isPending) return;
    if (unchanged) return onClose();
    rename.mutate(
      { id: project.id, name: name.trim() },
      {
        onSuccess: (p) => {
          toast.push({ kind: 'success', title: `Renamed to “${p.name}”` });
          onClose();
        },
      },
    );
  }

  return (
    <Dialog
      title="Rename project"
      testId="rename-project-dialog"
      onClose={onClose}
      onSubmit={submit}
      size="small"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!!error || rename.isPending} data-testid="rename-project-submit">
            {rename.isPending ? 'Renaming…' : 'Rename'}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="rename-project-name">Name</label>
        <input
          id="rename-project-name"
          data-autofocus
          data-testid="rename-project-input"
          className="input"
          value={name}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'rename-project-error' : undefined}
          onChange={(e) => setName(e.target.value)}
          onFocus={(e) => e.currentTarget.select()}
        />
        {error && (
          <div id="rename-project-error" className="field-error" data-testid="rename-project-validation">
            {error}
          </div>
        )}
      </div>
      <InlineError error={rename.error} testId="rename-project-error-callout" />
    </Dialog>
  );
}

export interface DeleteProjectDialogProps {
  project: ProjectSummary;
  onClose(): void;
  onDeleted(project: ProjectSummary): void;
}

/** Deleting is permanent, so the user types the project's name to confirm (like GitHub's repo delete). */
export function DeleteProjectDialog({ project, onClose, onDeleted }: DeleteProjectDialogProps) {
  const del = useDeleteProject();
  const toast = useToast();
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === project.name;

  function submit() {
    if (!matches || del.isPending) return;
    del.mutate(
      { id: project.id },
      {
        onSuccess: () => {
          toast.push({ kind: 'success', title: `Deleted “${project.name}”` });
          onDeleted(project);
        },
      },
    );
  }

  return (
    <Dialog
      title="Delete project"
      tone="danger"
      testId="delete-project-dialog"
      onClose={onClose}
      onSubmit={submit}
      description={
        <>
          This permanently deletes <strong>{project.name}</strong> with its mapping, {project.revision} saved revision
          {project.revision === 1 ? '' : 's'}, samples and tests. Exported bundles are not affected. This cannot be undone.
        </>
      }
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="delete-project-cancel">
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={!matches || del.isPending} data-testid="delete-project-submit">
            {del.isPending ? 'Deleting…' : 'Delete project'}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="delete-confirm">
          Type <strong className="mono">{project.name}</strong> to confirm
        </label>
        <input
          id="delete-confirm"
          data-autofocus
          data-testid="delete-confirm-input"
          className="input"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setTyped(e.target.value)}
        />
      </div>
      <InlineError error={del.error} testId="delete-project-error" />
    </Dialog>
  );
}
