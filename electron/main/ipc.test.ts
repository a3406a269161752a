import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, eventChannelFor } from '../shared/api';
import { buildPreloadApi, type IpcRendererLike } from '../preload/api';
import { registerIpc, type IpcMainLike } from './ipc';
import { memoryLogger } from './log';
import type { FrameLike } from './sender';
import { createHostServices, type HostServices } from './services/create';
import { APP_ORIGIN } from './static-files';
import { tempDir } from './test-support/temp';

const t = tempDir();
let host: HostServices;
const log = memoryLogger();
const handlers = new Map<string, (event: { senderFrame: FrameLike | null }, payload: unknown) => Promise<unknown>>();
const ipcMain: IpcMainLike = {
  handle: (channel, listener) => {
    if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    handlers.set(channel, listener);
  },
  removeHandler: (channel) => handlers.delete(channel),
};
const mainFrame: FrameLike = { url: `${APP_ORIGIN}/index.html`, parent: null };
let unregister: () => void;

/** A fake ipcRenderer whose messages come from `frame`. */
function rendererFrom(frame: FrameLike | null) {
  const listeners = new Map<string, Set<(e: unknown, p: unknown) => void>>();
  const ipc: IpcRendererLike & { emit(channel: string, payload: unknown): void; invoked: string[] } = {
    invoked: [],
    invoke: async (channel, payload) => {
      ipc.invoked.push(channel);
      const h = handlers.get(channel);
      if (!h) throw new Error(`No handler registered for '${channel}'`);
      // Structured clone, as Electron's IPC does.
      return h({ senderFrame: frame }, structuredClone(payload));
    },
    on: (channel, l) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    },
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
    emit: (channel, payload) => listeners.get(channel)?.forEach((l) => l({ sender: 'secret' }, payload)),
  };
  return ipc;
}

beforeAll(async () => {
  host = await createHostServices({ home: path.join(t.dir, 'ws'), host: 'electron', appVersion: 't', log, seed: false });
  unregister = registerIpc({ ipcMain, mainFrame: () => mainFrame, allowedOrigins: [APP_ORIGIN], log }, host.services.handlers);
});
afterAll(async () => {
  unregister();
  await host.close();
  t.cleanup();
});

describe('IPC bridge', () => {
  it('registers one channel per contract method', () => {
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `app:${m}`).sort());
  });

  it('exposes exactly the contract methods plus on()', () => {
    const api = buildPreloadApi(rendererFrom(mainFrame));
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'on'].sort());
    expect('invoke' in api).toBe(false);
  });

  it('runs calls from our main frame end to end', async () => {
    const api = buildPreloadApi(rendererFrom(mainFrame));
    const created = await api['projects.create']({ name: 'Via IPC' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Via IPC' } });
    const invalid = await api['projects.create']({ name: 7 as unknown as string });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses subframes, other windows, destroyed frames and foreign origins', async () => {
    const frames: (FrameLike | null)[] = [
      { url: `${APP_ORIGIN}/index.html`, parent: mainFrame },
      { url: `${APP_ORIGIN}/index.html`, parent: null },
      null,
    ];
    for (const f of frames) {
      const r = await buildPreloadApi(rendererFrom(f))['projects.list']({});
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const navigated = { url: 'https://evil.example/', parent: null };
    const r = await (handlers.get('app:projects.list')!)({ senderFrame: navigated }, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(log.lines.some((l) => l.includes('refused projects.list'))).toBe(true);
  });

  it('delivers contract events without the IPC event object, and unsubscribes', () => {
    const ipc = rendererFrom(mainFrame);
    const api = buildPreloadApi(ipc);
    const seen: unknown[][] = [];
    const off = api.on('mapping.saved', (...args: unknown[]) => seen.push(args));
    ipc.emit(eventChannelFor('mapping.saved'), { projectId: 'p', revision: 2 });
    off();
    ipc.emit(eventChannelFor('mapping.saved'), { projectId: 'p', revision: 3 });
    expect(seen).toEqual([[{ projectId: 'p', revision: 2 }]]);
    expect(() => api.on('secret.channel' as 'mapping.saved', () => {})).toThrow(/Unknown event/);
  });

  it('turns a transport failure into a Result instead of a rejection', async () => {
    unregister();
    const r = await buildPreloadApi(rendererFrom(mainFrame))['projects.list']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    unregister = registerIpc({ ipcMain, mainFrame: () => mainFrame, allowedOrigins: [APP_ORIGIN], log }, host.services.handlers);
  });
});
