import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryApi } from '../test/memory-api';
import { ApiProvider } from './ApiProvider';
import { queryKeys } from './hooks';
import { useApiEvents } from './useApiEvents';

afterEach(cleanup);

function setup() {
  const api = createMemoryApi();
  const qc = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApiProvider api={api}>
      <QueryClientProvider client={qc}>{children}</QueryClientProvider>
    </ApiProvider>
  );
  const hook = renderHook(() => useApiEvents(), { wrapper });
  return { api, qc, hook };
}

describe('useApiEvents', () => {
  it('invalidates the mapping and project queries when a mapping is saved elsewhere', () => {
    const { api, qc } = setup();
    qc.setQueryData(queryKeys.mapping('p1'), { revision: 1 });
    qc.setQueryData(queryKeys.mapping('p2'), { revision: 7 });
    qc.setQueryData(queryKeys.projectList, []);
    api.emit('mapping.saved', { projectId: 'p1', revision: 2 });
    expect(qc.getQueryState(queryKeys.mapping('p1'))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(queryKeys.projectList)?.isInvalidated).toBe(true);
    expect(qc.getQueryState(queryKeys.mapping('p2'))?.isInvalidated).toBe(false);
  });

  it('keeps the latest run progress in the cache and stops listening on unmount', () => {
    const { api, qc, hook } = setup();
    api.emit('run.progress', { runId: 'r1', read: 10, written: 9, rejected: 1, done: false });
    expect(qc.getQueryData(queryKeys.run('r1'))).toEqual({ runId: 'r1', read: 10, written: 9, rejected: 1, done: false });
    hook.unmount();
    api.emit('run.progress', { runId: 'r1', read: 20, written: 19, rejected: 1, done: true });
    expect(qc.getQueryData<{ read: number }>(queryKeys.run('r1'))?.read).toBe(10);
  });
});
