import { create } from 'zustand';
import type { ConnectionState } from '../api/http-client';

/** Live-update stream state for the status bar (Electron's IPC is always `open`). */
export const useConnection = create<{ state: ConnectionState; set(state: ConnectionState): void }>((set) => ({
  state: 'connecting',
  set: (state) => set({ state }),
}));
