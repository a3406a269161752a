import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from './ApiProvider';
import { queryKeys } from './hooks';

/**
 * The one place pushed host events become cache refreshes. Mount once, near the root. Adding an
 * event to `ApiEvents` means adding its invalidation here, so other windows' and the CLI's changes
 * show up without polling.
 */
export function useApiEvents(): void {
  const api = useApi();
  const qc = useQueryClient();
  useEffect(() => {
    const offs = [
      api.on('projects.changed', ({ projectId }) => {
        void qc.invalidateQueries({ queryKey: queryKeys.projects });
        if (projectId) {
          void qc.invalidateQueries({ queryKey: queryKeys.mapping(projectId) });
          void qc.invalidateQueries({ queryKey: queryKeys.samples(projectId) });
          void qc.invalidateQueries({ queryKey: queryKeys.tests(projectId) });
        }
      }),
      api.on('mapping.saved', ({ projectId }) => {
        void qc.invalidateQueries({ queryKey: queryKeys.mapping(projectId) });
        // The summary carries the latest revision and updatedAt.
        void qc.invalidateQueries({ queryKey: queryKeys.projects });
      }),
      api.on('run.progress', (progress) => {
        qc.setQueryData(queryKeys.run(progress.runId), progress);
      }),
      // theme.changed needs no cache work: the stylesheet follows prefers-color-scheme directly.
    ];
    return () => offs.forEach((off) => off());
  }, [api, qc]);
}
