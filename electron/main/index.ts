/**
 * Electron main process (bundled to out/main/index.cjs). Opens the workspace, registers the
 * validated IPC handlers, serves the renderer from app://, and creates the hardened window.
 *
 * Development: `MAPWRIGHT_DEV_SERVER_URL` (set by scripts/dev.mjs) loads the Vite dev server
 * instead; its origin is then also trusted for IPC and gets the dev CSP.
 */
import { copyFile } from 'node:fs/promises';
import os from 'node:os';
import { app, dialog, ipcMain, nativeTheme, session, shell, type BrowserWindow } from 'electron';
import { eventChannelFor } from '../shared/api';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { buildCsp } from './csp';
import { registerIpc } from './ipc';
import { stderrLogger } from './log';
import { PRELOAD_PATH, RENDERER_DIR } from './paths';
import { originOf } from './sender';
import { createHostServices, type HostServices } from './services/create';
import { APP_ORIGIN } from './static-files';
import { safeExternalUrl } from './urls';
import { APP_VERSION } from './version';
import { createMainWindow, denyAllPermissions, hardenWebContents } from './window';
import { resolveWorkspaceHome } from './workspace-home';

const log = stderrLogger;
const devServerUrl = process.env.MAPWRIGHT_DEV_SERVER_URL && !app.isPackaged ? process.env.MAPWRIGHT_DEV_SERVER_URL : undefined;
const devOrigin = devServerUrl ? originOf(devServerUrl) : null;
const allowedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];

registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, log));

if (!app.requestSingleInstanceLock()) {
  // Another window already owns this workspace; it is focused by its 'second-instance' handler.
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let host: HostServices | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(
    async () => {
      const home = resolveWorkspaceHome({ argv: process.argv, env: process.env, platform: process.platform, homedir: os.homedir(), electronUserData: app.getPath('userData') });
      try {
        host = await createHostServices({
          home,
          host: 'electron',
          appVersion: APP_VERSION,
          log,
          nativeBinding: app.isPackaged ? undefined : process.env.MAPWRIGHT_SQLITE_BINDING,
          openExternal: async (url) => {
            const safe = safeExternalUrl(url);
            if (safe) await shell.openExternal(safe);
          },
          // Exported bundles live in the workspace; this copies one where the user chooses.
          saveFile: async (file, suggestedName) => {
            const target = win && !win.isDestroyed() ? win : undefined;
            const options = { defaultPath: suggestedName, filters: [{ name: 'Mapwright bundle', extensions: ['mwb'] }] };
            const r = target ? await dialog.showSaveDialog(target, options) : await dialog.showSaveDialog(options);
            if (r.canceled || !r.filePath) return null;
            await copyFile(file, r.filePath);
            return r.filePath;
          },
        });
      } catch (e) {
        dialog.showErrorBox('Mapwright cannot open its workspace', `${home}\n\n${(e as Error).message}`);
        app.exit(1);
        return;
      }
      const services = host;
      denyAllPermissions(session.defaultSession);
      serveAppScheme(RENDERER_DIR, log);
      if (devServerUrl && devOrigin) {
        const devCsp = buildCsp({ dev: true, connectSrc: [devOrigin.replace(/^http/, 'ws')] });
        session.defaultSession.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) =>
          callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devCsp] } }),
        );
      }
      registerIpc({ ipcMain, mainFrame: () => (win && !win.isDestroyed() ? win.webContents.mainFrame : null), allowedOrigins, log }, services.services.handlers);
      services.events.on((event, payload) => {
        if (win && !win.isDestroyed()) win.webContents.send(eventChannelFor(event), payload);
      });
      nativeTheme.on('updated', () => services.events.emit('theme.changed', { dark: nativeTheme.shouldUseDarkColors }));

      const open = () => {
        win = createMainWindow({ preload: PRELOAD_PATH, url: devServerUrl ?? `${APP_ORIGIN}/index.html`, log });
        win.on('closed', () => (win = null));
      };
      open();
      app.on('activate', () => {
        if (!win) open();
      });
    },
    (e: unknown) => log.error('startup failed', e),
  );

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (e) => {
    if (closing || !host) return;
    // Finish stopping runs and close the database (checkpointing the WAL) before exit.
    e.preventDefault();
    closing = true;
    void host.close().finally(() => app.quit());
  });
}
