/**
 * Typed React Query hooks over `AppApi`. Queries throw `ApiCallError` for `ok:false` Results, so
 * failures reach components as `error` (shown inline) and mutations report through the toast
 * layer (see `query-client.ts`) — nothing is swallowed.
 *
 * For methods without a dedicated hook, use `useApiQuery(method, req)` / `useApiMutation(method)`;
 * add the invalidations your mutation implies in `onSuccess`, as the project hooks below do.
 */
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { ApiMethodName, ApiRequest, ApiResponse, AppApi, ProjectSummary, Result } from '../../../electron/shared/api';
import { useApi } from './ApiProvider';
import { unwrap, type ApiCallError } from './errors';

/** Query keys, one place, so event invalidations and mutations agree with the queries. */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  projects: ['projects'] as const,
  projectList: ['projects', 'list'] as const,
  recentProjects: (limit: number) => ['projects', 'recent', limit] as const,
  project: (id: string) => ['projects', 'get', id] as const,
  mapping: (projectId: string) => ['mapping', projectId] as const,
  samples: (projectId: string) => ['samples', projectId] as const,
  tests: (projectId: string) => ['tests', projectId] as const,
  models: ['models'] as const,
  run: (runId: string) => ['run', runId] as const,
  /** Generic key for `useApiQuery`: method name then request. */
  method: <M extends ApiMethodName>(method: M, req: ApiRequest<M>) => ['api', method, req] as const,
};

/**
 * Calls one method with its own request/response types. TypeScript cannot narrow `api[method]`
 * for a generic `M` (it sees the union of all methods), hence the one cast here.
 */
export function callApi<M extends ApiMethodName>(api: AppApi, method: M, req: ApiRequest<M>): Promise<Result<ApiResponse<M>>> {
  const fn = api[method] as unknown as (r: ApiRequest<M>) => Promise<Result<ApiResponse<M>>>;
  return fn(req);
}

type QueryOpts<M extends ApiMethodName> = Omit<
  UseQueryOptions<ApiResponse<M>, ApiCallError, ApiResponse<M>, readonly unknown[]>,
  'queryKey' | 'queryFn'
> & { queryKey?: readonly unknown[] };

/** Any API method as a query; the key defaults to `['api', method, req]`. */
export function useApiQuery<M extends ApiMethodName>(method: M, req: ApiRequest<M>, options: QueryOpts<M> = {}) {
  const api = useApi();
  const { queryKey, ...rest } = options;
  return useQuery<ApiResponse<M>, ApiCallError, ApiResponse<M>, readonly unknown[]>({
    queryKey: queryKey ?? queryKeys.method(method, req),
    queryFn: async () => unwrap(method, await callApi(api, method, req)),
    ...rest,
  });
}

/** Any API method as a mutation. Pass `meta: { toast: false }` when the caller shows errors inline. */
export function useApiMutation<M extends ApiMethodName, C = unknown>(
  method: M,
  options: Omit<UseMutationOptions<ApiResponse<M>, ApiCallError, ApiRequest<M>, C>, 'mutationFn'> = {},
) {
  const api = useApi();
  return useMutation<ApiResponse<M>, ApiCallError, ApiRequest<M>, C>({
    mutationKey: ['api', method],
    mutationFn: async (req) => unwrap(method, await callApi(api, method, req)),
    ...options,
  });
}

export const useAppInfo = () => useApiQuery('app.info', {}, { queryKey: queryKeys.appInfo, staleTime: Infinity });

export const useProjects = () => useApiQuery('projects.list', {}, { queryKey: queryKeys.projectList });

export const useRecentProjects = (limit = 5) =>
  useApiQuery('projects.recent', { limit }, { queryKey: queryKeys.recentProjects(limit) });

export const useProject = (id: string | null) =>
  useApiQuery('projects.get', { id: id ?? '' }, { queryKey: queryKeys.project(id ?? ''), enabled: !!id });

/** Replaces a project in every cached project list so the UI updates before the refetch lands. */
function patchProjectCaches(qc: ReturnType<typeof useQueryClient>, project: ProjectSummary) {
  qc.setQueryData<ProjectSummary[]>(queryKeys.projectList, (old) =>
    old ? (old.some((p) => p.id === project.id) ? old.map((p) => (p.id === project.id ? project : p)) : [...old, project]) : old,
  );
  qc.setQueryData(queryKeys.project(project.id), project);
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useApiMutation('projects.create', {
    meta: { toast: false },
    onSuccess: (project) => {
      patchProjectCaches(qc, project);
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
    },
  });
}

export function useRenameProject() {
  const qc = useQueryClient();
  return useApiMutation('projects.rename', {
    meta: { toast: false },
    onSuccess: (project) => {
      patchProjectCaches(qc, project);
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
    },
  });
}

export function useDeleteProject() {
  const qc = useQueryClient();
  return useApiMutation('projects.delete', {
    meta: { toast: false },
    onSuccess: (_res, { id }) => {
      qc.setQueryData<ProjectSummary[]>(queryKeys.projectList, (old) => old?.filter((p) => p.id !== id));
      qc.removeQueries({ queryKey: queryKeys.project(id) });
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
    },
  });
}

/** Marks a project opened (for the recent list); errors go to the toast layer. */
export function useOpenProject() {
  const qc = useQueryClient();
  return useApiMutation('projects.open', {
    onSuccess: (project) => {
      patchProjectCaches(qc, project);
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
    },
  });
}
