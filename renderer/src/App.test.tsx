import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { project } from './test/memory-api';
import { renderApp } from './test/render-app';

const SAMPLE = [
  project({ id: 'p1', name: 'Niche RMS → POLE', description: 'Custody records', openedAt: '2026-01-05T09:00:00.000Z', revision: 3 }),
  project({ id: 'p2', name: 'Athena incidents', openedAt: '2026-01-06T09:00:00.000Z' }),
  project({ id: 'p3', name: 'Street crime (police.uk)', isExample: true }),
];

const text = (el: Element | null) => el?.textContent ?? '';
const disabled = (el: Element) => (el as HTMLButtonElement).disabled;

async function ready(state: HTMLElement) {
  await waitFor(() => expect(state.dataset.appState).toBe('ready'));
}

describe('app shell', () => {
  it('marks loading then ready, and lists projects by name with recent ones by last opened', async () => {
    const { state } = renderApp(SAMPLE);
    expect(state.dataset.appState).toBe('loading');
    await ready(state);
    const all = within(screen.getByTestId('all-projects')).getAllByTestId('project-item');
    expect(all.map((li) => li.dataset.projectName)).toEqual(['Athena incidents', 'Niche RMS → POLE', 'Street crime (police.uk)']);
    const recent = within(screen.getByTestId('recent-projects')).getAllByTestId('project-item');
    expect(recent.map((li) => li.dataset.projectName)).toEqual(['Athena incidents', 'Niche RMS → POLE']);
    expect(screen.getAllByTestId('project-card')).toHaveLength(3);
    expect(disabled(screen.getByTestId('start-open-example'))).toBe(false);
  });

  it('shows guidance when the workspace is empty', async () => {
    const { state } = renderApp([]);
    await ready(state);
    expect(text(screen.getByTestId('sidebar-empty'))).toContain('No projects yet');
    expect(screen.getByTestId('start-empty')).toBeTruthy();
    expect(disabled(screen.getByTestId('start-open-example'))).toBe(true);
  });

  it('sets data-app-state="error" with the message when the host cannot answer', async () => {
    // Fail the first try and the one retry.
    const { state } = renderApp(SAMPLE, (api) => api.failNext('app.info', 'unreachable', 'Could not reach the Mapwright host', 2));
    await waitFor(() => expect(state.dataset.appState).toBe('error'), { timeout: 3000 });
    expect(state.dataset.appError).toContain('Could not reach');
    expect(text(screen.getByTestId('app-error'))).toContain('Mapwright host unreachable');
  });

  it('filters the project list and opens the first match with Enter', async () => {
    const { api, state } = renderApp(SAMPLE);
    await ready(state);
    const search = screen.getByTestId('project-search');
    fireEvent.change(search, { target: { value: 'street' } });
    await waitFor(() => expect(within(screen.getByTestId('all-projects')).getAllByTestId('project-item')).toHaveLength(1));
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/projects/p3'));
    expect(text(screen.getByTestId('current-project-name'))).toBe('Street crime (police.uk)');
    expect(text(screen.getByTestId('current-project-name'))).toContain('Street crime (police.uk)');
    expect(window.location.hash).toBe('#/projects/p3');
    await waitFor(() => expect(api.calls.some((c) => c.method === 'projects.open')).toBe(true));
  });

  it('moves through the list with arrow keys and opens with Enter', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    const items = within(screen.getByTestId('all-projects')).getAllByTestId('project-item');
    expect(items.filter((i) => i.tabIndex === 0)).toHaveLength(1);
    act(() => items[0].focus());
    fireEvent.keyDown(items[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1], { key: 'End' });
    expect(document.activeElement).toBe(items[2]);
    fireEvent.keyDown(items[2], { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/projects/p3'));
    expect(text(screen.getByTestId('current-project-name'))).toBe('Street crime (police.uk)');
  });
});

describe('create project dialog', () => {
  it('validates the name (required, unique) before calling the host, then opens the new project', async () => {
    const { api, state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.click(screen.getByTestId('start-new-project'));
    const dialog = await screen.findByTestId('create-project-dialog');
    const input = within(dialog).getByTestId('project-name-input');
    expect(document.activeElement).toBe(input);

    fireEvent.click(within(dialog).getByTestId('create-project-submit'));
    expect(text(within(dialog).getByTestId('project-name-error'))).toContain('Give the project a name.');
    expect((input)!.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(input, { target: { value: '  athena INCIDENTS ' } });
    expect(text(within(dialog).getByTestId('project-name-error'))).toContain('already exists');

    fireEvent.change(input, { target: { value: 'Connect CAD' } });
    fireEvent.change(within(dialog).getByTestId('project-description-input'), { target: { value: 'CAD incident export' } });
    expect(within(dialog).queryByTestId('project-name-error')).toBeNull();
    expect(api.calls.some((c) => c.method === 'projects.create')).toBe(false);
    fireEvent.submit(input.closest('form')!);

    await waitFor(() => expect(screen.queryByTestId('create-project-dialog')).toBeNull());
    expect(api.calls.find((c) => c.method === 'projects.create')?.req).toEqual({ name: 'Connect CAD', description: 'CAD incident export' });
    await waitFor(() => expect(text(screen.getByTestId('current-project-name'))).toContain('Connect CAD'));
    expect(within(screen.getByTestId('all-projects')).getAllByTestId('project-item')).toHaveLength(4);
  });

  it('shows the host refusal inline and keeps the dialog open', async () => {
    const { api, state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.click(screen.getByTestId('start-new-project'));
    const dialog = await screen.findByTestId('create-project-dialog');
    api.failNext('projects.create', 'invalid-request', 'Project names cannot start with a dot');
    fireEvent.change(within(dialog).getByTestId('project-name-input'), { target: { value: '.hidden' } });
    fireEvent.click(within(dialog).getByTestId('create-project-submit'));
    expect(text(await within(dialog).findByTestId('create-project-error'))).toContain('Project names cannot start with a dot');
    expect(screen.getByTestId('create-project-dialog')).toBeTruthy();
  });

  it('closes on Escape and returns focus to where it was', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    const button = screen.getByTestId('start-new-project');
    act(() => button.focus());
    fireEvent.click(button);
    const dialog = await screen.findByTestId('create-project-dialog');
    expect(document.getElementById('app-shell')!.hasAttribute('inert')).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('create-project-dialog')).toBeNull());
    expect(document.activeElement).toBe(button);
    expect(document.getElementById('app-shell')!.hasAttribute('inert')).toBe(false);
  });

  it('traps Tab inside the dialog', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    const dialog = await screen.findByTestId('create-project-dialog');
    const focusables = dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input, textarea');
    const last = focusables[focusables.length - 1];
    act(() => last.focus());
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(focusables[0]);
    fireEvent.keyDown(focusables[0], { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });
});

describe('rename and delete', () => {
  it('F2 on a focused project renames it', async () => {
    const { api, state } = renderApp(SAMPLE);
    await ready(state);
    const item = within(screen.getByTestId('all-projects')).getAllByTestId('project-item')[0];
    act(() => item.focus());
    fireEvent.keyDown(item, { key: 'F2' });
    const dialog = await screen.findByTestId('rename-project-dialog');
    const input = within(dialog).getByTestId('rename-project-input');
    expect((input as HTMLInputElement).value).toBe('Athena incidents');
    fireEvent.change(input, { target: { value: 'Niche RMS → POLE' } });
    expect(disabled(within(dialog).getByTestId('rename-project-submit'))).toBe(true);
    fireEvent.change(input, { target: { value: 'Athena incidents (2026)' } });
    fireEvent.click(within(dialog).getByTestId('rename-project-submit'));
    await waitFor(() => expect(screen.queryByTestId('rename-project-dialog')).toBeNull());
    expect(api.calls.find((c) => c.method === 'projects.rename')?.req).toEqual({ id: 'p2', name: 'Athena incidents (2026)' });
    await waitFor(() =>
      expect((within(screen.getByTestId('all-projects')).getAllByTestId('project-item')[0])!.getAttribute('data-project-name')).toBe('Athena incidents (2026)'),
    );
  });

  it('Delete asks for the typed name before deleting', async () => {
    const { api, state } = renderApp(SAMPLE);
    await ready(state);
    const item = within(screen.getByTestId('all-projects')).getAllByTestId('project-item')[1];
    act(() => item.focus());
    fireEvent.keyDown(item, { key: 'Delete' });
    const dialog = await screen.findByTestId('delete-project-dialog');
    expect((dialog)!.getAttribute('role')).toBe('alertdialog');
    expect(text(dialog)).toContain('3 saved revisions');
    const submit = within(dialog).getByTestId('delete-project-submit');
    expect(disabled(submit)).toBe(true);
    fireEvent.change(within(dialog).getByTestId('delete-confirm-input'), { target: { value: 'Niche RMS' } });
    expect(disabled(submit)).toBe(true);
    fireEvent.change(within(dialog).getByTestId('delete-confirm-input'), { target: { value: 'Niche RMS → POLE' } });
    expect(disabled(submit)).toBe(false);
    fireEvent.click(submit);
    await waitFor(() => expect(screen.queryByTestId('delete-project-dialog')).toBeNull());
    expect(api.calls.find((c) => c.method === 'projects.delete')?.req).toEqual({ id: 'p1' });
    expect(api.projects.map((p) => p.id)).toEqual(['p2', 'p3']);
    await waitFor(() => expect(within(screen.getByTestId('all-projects')).getAllByTestId('project-item')).toHaveLength(2));
  });

  it('Delete inside an open project (the canvas) never offers to delete the project', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.click(within(screen.getByTestId('all-projects')).getAllByTestId('project-item')[0]);
    await waitFor(() => expect(window.location.hash).toBe('#/projects/p2'));
    // Whatever the editor renders inside the main area, Delete there is the editor's.
    const inside = screen.getByTestId('main-area').firstElementChild ?? screen.getByTestId('main-area');
    fireEvent.keyDown(inside, { key: 'Delete' });
    fireEvent.keyDown(document.body, { key: 'Delete' });
    fireEvent.keyDown(document.body, { key: 'F2' });
    expect(screen.queryByTestId('delete-project-dialog')).toBeNull();
    expect(screen.queryByTestId('rename-project-dialog')).toBeNull();
  });

  it('cancelling the delete leaves the project alone', async () => {
    const { api, state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.click(screen.getAllByTestId('project-card')[0]);
    fireEvent.click(await screen.findByTestId('inspector-delete'));
    fireEvent.click(within(await screen.findByTestId('delete-project-dialog')).getByTestId('delete-project-cancel'));
    await waitFor(() => expect(screen.queryByTestId('delete-project-dialog')).toBeNull());
    expect(api.calls.some((c) => c.method === 'projects.delete')).toBe(false);
    expect(api.projects).toHaveLength(3);
  });

  it('refreshes the list when the host pushes projects.changed', async () => {
    const { api, state } = renderApp(SAMPLE);
    await ready(state);
    api.projects.push({ ...api.projects[0], id: 'p9', name: 'Created by the CLI' });
    act(() => api.emit('projects.changed', { projectId: 'p9' }));
    await waitFor(() => expect(screen.getAllByText('Created by the CLI').length).toBeGreaterThan(0));
  });
});

describe('theme and shortcuts', () => {
  it('switches theme and persists the choice', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect((screen.getByTestId('theme-system'))!.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('theme-dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('mapwright.theme')).toBe('dark');
    fireEvent.keyDown(screen.getByTestId('theme-dark'), { key: 'ArrowLeft' });
    expect(document.documentElement.dataset.theme).toBe('light');
    fireEvent.click(screen.getByTestId('theme-system'));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(window.localStorage.getItem('mapwright.theme')).toBe('system');
  });

  it('restores a saved theme on start', async () => {
    window.localStorage.setItem('mapwright.theme', 'dark');
    const { state } = renderApp(SAMPLE);
    await ready(state);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect((screen.getByTestId('theme-dark'))!.getAttribute('aria-checked')).toBe('true');
  });

  it('Ctrl+K opens the palette, typing filters, Enter runs the command', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    const input = within(palette).getByTestId('command-palette-input');
    fireEvent.change(input, { target: { value: 'athena' } });
    expect(within(palette).getAllByRole('option')).toHaveLength(1);
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/projects/p2'));
    expect(text(screen.getByTestId('current-project-name'))).toBe('Athena incidents');
    expect(screen.queryByTestId('command-palette')).toBeNull();
  });

  it('lists every command once, including the palette toggles', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    // Commands are keyed by id (React keys, test ids): two with one id filter and run wrongly.
    const ids = within(palette).getAllByRole('option').map((o) => o.getAttribute('data-testid'));
    expect(new Set(ids).size).toBe(ids.length);
    fireEvent.change(within(palette).getByTestId('command-palette-input'), { target: { value: 'function palette' } });
    expect(within(palette).getAllByRole('option').map((o) => text(o)).join(' ')).toContain('Toggle node and function palette');
  });

  it('? opens the shortcuts help, but not while typing in a field', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.keyDown(screen.getByTestId('project-search'), { key: '?', shiftKey: true });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    const dialog = await screen.findByTestId('shortcuts-dialog');
    expect(text(dialog)).toContain('Ctrl+N');
    expect(text(dialog)).toContain('F2');
  });

  it('Ctrl+O focuses the project filter', async () => {
    const { state } = renderApp(SAMPLE);
    await ready(state);
    fireEvent.keyDown(document.body, { key: 'o', ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('project-search'));
  });
});
