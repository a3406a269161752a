// Sandboxed preload (bundled to out/preload/index.cjs; sandboxed preloads must be CommonJS).
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './api';

contextBridge.exposeInMainWorld('mapwright', buildPreloadApi(ipcRenderer));
