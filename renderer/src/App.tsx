import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { AppApi, ProjectSummary } from '../../electron/shared/api';
import { ApiProvider } from './api/ApiProvider';
import { describeError } from './api/errors';
import { useAppInfo, useOpenProject, useProjects } from './api/hooks';
import { createQueryClient } from './api/query-client';
import { useApiEvents } from './api/useApiEvents';
import { StatusBar, TitleBar } from './shell/Bars';
import { CommandPalette, ShortcutsDialog } from './shell/CommandPalette';
import { useGlobalShortcuts, useShellCommands } from './shell/commands';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { LogoMark } from './shell/icons';
import { BottomPanel, Inspector } from './shell/Panels';
import { CreateProjectDialog, DeleteProjectDialog, RenameProjectDialog } from './shell/ProjectDialogs';
import { Sidebar } from './shell/Sidebar';
import { SlotsProvider } from './shell/slots';
import { StartPage } from './shell/StartPage';
import { projectIdFromHash, useShellStore } from './shell/store';
import { ThemeProvider } from './shell/theme';
import { BundleDialogs } from './review/BundleDialogs';
import { reviewIdFromHash, useBundleUi } from './review/store';
import { ToastProvider, useToast } from './shell/toasts';

// The editor (React Flow, Monaco, layout) is most of the code; loading it on first open keeps the
// start page quick to appear.
const MappingEditor = lazy(() => import('./editor/MappingEditor').then((m) => ({ default: m.MappingEditor })));
const ReviewScreen = lazy(() => import('./review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })));

export type AppState = 'loading' | 'ready' | 'error';

export interface AppProps {
  api: AppApi;
  transport: 'electron' | 'http';
  /** Element that carries `data-app-state` (the e2e ready marker); defaults to `#root`. */
  stateElement?: HTMLElement | null;
  /** For tests: a fresh client per render. */
  queryClient?: QueryClient;
}

/** The whole renderer: providers around the shell. */
export function App({ api, transport, stateElement, queryClient }: AppProps) {
  return (
    <ThemeProvider>
      <ToastProvider>
        <ApiProvider api={api}>
          <Queries client={queryClient}>
            <SlotsProvider>
              <Shell transport={transport} stateElement={stateElement} />
            </SlotsProvider>
          </Queries>
        </ApiProvider>
      </ToastProvider>
    </ThemeProvider>
  );
}

function Queries({ client, children }: { client?: QueryClient; children: React.ReactNode }) {
  const toast = useToast();
  const [qc] = useState(() => client ?? createQueryClient((err) => toast.error(err)));
  return <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
}

/** Sets the e2e/automation ready marker: `data-app-state` (and `data-app-error` on failure). */
function markAppState(el: HTMLElement | null | undefined, state: AppState, failure: unknown): void {
  if (!el) return;
  el.setAttribute('data-app-state', state);
  if (state === 'error' && failure) el.setAttribute('data-app-error', describeError(failure).message);
  else el.removeAttribute('data-app-error');
}

function Shell({ transport, stateElement }: { transport: 'electron' | 'http'; stateElement?: HTMLElement | null }) {
  useApiEvents();
  const info = useAppInfo();
  const projects = useProjects();
  const commands = useShellCommands();
  useGlobalShortcuts(commands);
  const openProject = useOpenProject();
  const { openProjectId, selectedProjectId, dialog, inspectorVisible, bottomVisible, bottomUnfolded, setOpenProject, closeDialog, select } = useShellStore();
  const reviewId = useBundleUi((s) => s.reviewId);

  const appState: AppState = info.isError || projects.isError ? 'error' : info.isSuccess && projects.isSuccess ? 'ready' : 'loading';
  const failure = info.error ?? projects.error;
  useEffect(() => {
    markAppState(stateElement === undefined ? document.getElementById('root') : stateElement, appState, failure);
  }, [appState, failure, stateElement]);

  // Back/forward move between the start page and projects (the hash mirrors the open project).
  useEffect(() => {
    const onHash = () => {
      useShellStore.setState({ openProjectId: projectIdFromHash(window.location.hash) });
      useBundleUi.setState({ reviewId: reviewIdFromHash(window.location.hash) });
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);

  const list = projects.data ?? [];
  const current = list.find((p) => p.id === openProjectId) ?? null;
  const selected = list.find((p) => p.id === (selectedProjectId ?? openProjectId)) ?? null;
  const missing = !!openProjectId && projects.isSuccess && !current;

  function open(project: ProjectSummary) {
    setOpenProject(project.id);
    openProject.mutate({ id: project.id });
  }

  if (appState === 'error') {
    const { title, message, code } = describeError(failure);
    return (
      <div className="fatal" role="alert" data-testid="app-error">
        <LogoMark size={40} />
        <h1>{title}</h1>
        <p>{message}</p>
        {code && <code className="mono">{code}</code>}
        <p className="muted">
          {transport === 'http'
            ? 'Start the host again with `npm run serve` and open the link it prints; the session token changes on every launch.'
            : 'Restart Mapwright. If this keeps happening, the workspace log has the details.'}
        </p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            void info.refetch();
            void projects.refetch();
          }}
        >
          Try again
        </button>
      </div>
    );
  }

  const existingNames = list.map((p) => p.name);
  // Review mode has its own details and tabs: the editor's inspector and bottom panels would only
  // narrow the bundle's graph and table (the user's layout preference is kept for the editor).
  const reviewing = !!reviewId && !current;
  return (
    <>
      <div
        id="app-shell"
        className={`app${inspectorVisible && !reviewing ? '' : ' no-inspector'}${bottomVisible && !reviewing ? (current || bottomUnfolded ? '' : ' bottom-folded') : ' no-bottom'}`}
        data-testid="app-shell"
      >
        <TitleBar project={current} />
        <Sidebar onOpen={open} />
        <main className="main" aria-label={current ? `Project ${current.name}` : 'Start page'} data-testid="main-area">
          {reviewId && !current ? (
            <Suspense fallback={<div className="empty-state empty-state-page" aria-busy="true"><span className="spinner" aria-hidden="true" /></div>}>
              <ReviewScreen key={reviewId} reviewId={reviewId} />
            </Suspense>
          ) : current ? (
            <ErrorBoundary
              resetKey={current.id}
              fallback={(error, reset) => (
                <div className="empty-state empty-state-page" role="alert" data-testid="editor-crashed">
                  <p className="empty-title">The mapping editor stopped working</p>
                  <p className="empty-text">
                    {error.message}. Your last saved revision is safe in the workspace.
                  </p>
                  <div className="details-actions">
                    <button type="button" className="button button-primary" onClick={reset}>
                      Reopen the editor
                    </button>
                    <button type="button" className="button" onClick={() => setOpenProject(null)}>
                      Back to start
                    </button>
                  </div>
                </div>
              )}
            >
              <Suspense
                fallback={
                  <div className="empty-state empty-state-page" aria-busy="true" data-testid="editor-loading">
                    <span className="spinner" aria-hidden="true" />
                    <p className="empty-text">Opening {current.name}…</p>
                  </div>
                }
              >
                <MappingEditor key={current.id} projectId={current.id} />
              </Suspense>
            </ErrorBoundary>
          ) : missing ? (
            <div className="empty-state empty-state-page" data-testid="project-missing">
              <p className="empty-title">This project is no longer in the workspace</p>
              <p className="empty-text">It may have been deleted in another window or from the command line.</p>
              <button type="button" className="button button-primary" onClick={() => setOpenProject(null)}>
                Back to start
              </button>
            </div>
          ) : (
            <StartPage onOpen={open} />
          )}
        </main>
        {inspectorVisible && <Inspector project={selected} />}
        {bottomVisible && <BottomPanel hasProject={!!current} />}
        <StatusBar info={info.data} transport={transport} />
      </div>
      {dialog?.kind === 'create' && (
        <CreateProjectDialog
          existingNames={existingNames}
          onClose={closeDialog}
          onCreated={(p) => {
            closeDialog();
            open(p);
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <RenameProjectDialog project={dialog.project} existingNames={existingNames} onClose={closeDialog} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteProjectDialog
          project={dialog.project}
          onClose={closeDialog}
          onDeleted={(p) => {
            closeDialog();
            if (openProjectId === p.id) setOpenProject(null);
            if (selectedProjectId === p.id) select(null);
          }}
        />
      )}
      {dialog?.kind === 'palette' && <CommandPalette commands={commands} onClose={closeDialog} />}
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog commands={commands} onClose={closeDialog} />}
      <BundleDialogs projects={list} />
    </>
  );
}
