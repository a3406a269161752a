import { createContext, useContext, type ReactNode } from 'react';
import type { AppApi } from '../../../electron/shared/api';

const ApiContext = createContext<AppApi | null>(null);

/** Provides the one `AppApi` (Electron preload or HTTP) to every hook below it. */
export function ApiProvider({ api, children }: { api: AppApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The raw `AppApi`; prefer the typed React Query hooks in `hooks.ts`. */
export function useApi(): AppApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}
