import type { AppApi } from '../../../electron/shared/api';
import { createHttpApi, type ConnectionState } from './http-client';
import { takeToken } from './token';

declare global {
  interface Window {
    /** Set by the Electron preload (`contextBridge.exposeInMainWorld('mapwright', …)`). */
    mapwright?: AppApi;
  }
}

export interface ChosenApi {
  api: AppApi;
  transport: 'electron' | 'http';
}

/**
 * Picks the one `AppApi` for this page: the Electron preload's when present, else HTTP to the
 * browser host that served this page (same origin, `/api/`).
 */
export function chooseApi(win: Window, onConnectionChange?: (state: ConnectionState) => void): ChosenApi {
  if (win.mapwright) return { api: win.mapwright, transport: 'electron' };
  let storage: Storage | null = null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  const token = takeToken({ location: win.location, history: win.history, storage });
  const baseUrl = new URL('/api/', win.location.origin).toString();
  return { api: createHttpApi({ baseUrl, token, onConnectionChange }), transport: 'http' };
}
