/**
 * An in-memory `AppApi` for renderer unit tests: real project semantics (unique names, not-found,
 * recent ordering) without a host process. The browser host itself is exercised by the e2e specs.
 */
import type { ApiEventName, ApiEvents, AppApi, ProjectSummary, Result, WorkspaceInfo } from '../../../electron/shared/api';

export interface MemoryApi extends AppApi {
  projects: ProjectSummary[];
  calls: { method: string; req: unknown }[];
  /** Makes the next `times` calls to `method` answer with this error instead. */
  failNext(method: string, code: string, message: string, times?: number): void;
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

const INFO: WorkspaceInfo = { home: '/tmp/ws', databasePath: '/tmp/ws/mapwright.db', schemaVersion: 1, appVersion: '0.1.0', host: 'browser' };

export function project(partial: Partial<ProjectSummary> & { id: string; name: string }): ProjectSummary {
  return {
    description: '',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    openedAt: null,
    revision: 0,
    isExample: false,
    ...partial,
  };
}

export function createMemoryApi(initial: ProjectSummary[] = []): MemoryApi {
  const projects = initial.map((p) => ({ ...p }));
  const calls: MemoryApi['calls'] = [];
  const failures = new Map<string, { code: string; message: string; times: number }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let seq = projects.length;
  const ok = <T>(value: T): Result<T> => ({ ok: true, value });
  const err = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });
  const find = (id: string) => projects.find((p) => p.id === id);
  const now = () => new Date().toISOString();

  const handlers: Record<string, (req: never) => Result<unknown>> = {
    'app.info': () => ok(INFO),
    'projects.list': () => ok(projects.map((p) => ({ ...p }))),
    'projects.recent': ({ limit = 5 }: { limit?: number }) =>
      ok(projects.filter((p) => p.openedAt).sort((a, b) => b.openedAt!.localeCompare(a.openedAt!)).slice(0, limit)),
    'projects.get': ({ id }: { id: string }) => (find(id) ? ok(find(id)) : err('not-found', `No project ${id}`)),
    'projects.create': ({ name, description }: { name: string; description?: string }) => {
      if (projects.some((p) => p.name.toLowerCase() === name.toLowerCase())) return err('conflict', `A project named "${name}" already exists`);
      const p = project({ id: `p${++seq}`, name, description: description ?? '', createdAt: now(), updatedAt: now() });
      projects.push(p);
      return ok(p);
    },
    'projects.rename': ({ id, name }: { id: string; name: string }) => {
      const p = find(id);
      if (!p) return err('not-found', `No project ${id}`);
      p.name = name;
      p.updatedAt = now();
      return ok({ ...p });
    },
    'projects.delete': ({ id }: { id: string }) => {
      const i = projects.findIndex((p) => p.id === id);
      if (i < 0) return err('not-found', `No project ${id}`);
      projects.splice(i, 1);
      return ok({ deleted: true as const });
    },
    'projects.open': ({ id }: { id: string }) => {
      const p = find(id);
      if (!p) return err('not-found', `No project ${id}`);
      p.openedAt = now();
      return ok({ ...p });
    },
  };

  const api = new Proxy({} as Record<string, unknown>, {
    get(_t, prop: string) {
      if (prop === 'projects') return projects;
      if (prop === 'calls') return calls;
      if (prop === 'failNext') return (method: string, code: string, message: string, times = 1) => failures.set(method, { code, message, times });
      if (prop === 'emit') return (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
      if (prop === 'on')
        return (event: string, l: (p: unknown) => void) => {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(l);
          return () => listeners.get(event)!.delete(l);
        };
      if (prop === 'then') return undefined;
      return async (req: unknown) => {
        calls.push({ method: prop, req });
        const failure = failures.get(prop);
        if (failure) {
          if (--failure.times <= 0) failures.delete(prop);
          return err(failure.code, failure.message);
        }
        const h = handlers[prop];
        return h ? h(req as never) : err('internal', `memory api: ${prop} not implemented`);
      };
    },
  });
  return api as unknown as MemoryApi;
}
