import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { ProjectSummary } from '../../../electron/shared/api';
import { App } from '../App';
import { useShellStore } from '../shell/store';
import { createMemoryApi, type MemoryApi } from './memory-api';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
  delete document.documentElement.dataset.theme;
  useShellStore.setState({ openProjectId: null, selectedProjectId: null, dialog: null, inspectorVisible: true, bottomVisible: true, bottomTab: 'problems', bottomUnfolded: false });
});

/** Renders the whole app against an in-memory host; `state` is the element carrying data-app-state. */
export function renderApp(projects: ProjectSummary[] = [], setup?: (api: MemoryApi) => void) {
  const api = createMemoryApi(projects);
  setup?.(api);
  const state = document.createElement('div');
  const utils = render(<App api={api} transport="http" stateElement={state} />);
  return { api, state, ...utils };
}
