/**
 * The window factory and the app-wide hardening from Electron's security checklist. Everything
 * the renderer can reach goes through the preload's named methods; everything else is denied.
 */
import { BrowserWindow, app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from './log';
import { safeExternalUrl } from './urls';

export interface WindowOptions {
  preload: string;
  /** What to load: `app://mapwright/index.html`, or the Vite dev server in development. */
  url: string;
  log: Logger;
}

/** Creates the main window with the secure baseline and loads the renderer. */
export function createMainWindow(o: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Mapwright',
    backgroundColor: '#1f2430',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_e, details) => o.log.error(`renderer process gone: ${details.reason} (exit ${details.exitCode})`));
  void win.loadURL(o.url);
  return win;
}

/**
 * Hardening for every web contents the app ever creates: no webviews, no new windows (http(s)
 * links go to the user's browser after validation), no navigation or redirects away from the app.
 */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.on('will-attach-webview', (e) => {
    e.preventDefault();
    log.warn('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, log);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e, url) => {
    e.preventDefault();
    openOutside(url, log);
  });
  contents.on('will-redirect', (e, url) => {
    e.preventDefault();
    log.warn(`blocked a redirect to ${url.slice(0, 200)}`);
  });
}

function openOutside(url: string, log: Logger): void {
  const safe = safeExternalUrl(url);
  if (safe) void shell.openExternal(safe).catch((err: unknown) => log.error(`could not open ${safe}`, err));
  else log.warn(`blocked navigation to ${url.slice(0, 200)}`);
}

/** Denies every permission request and check (camera, notifications, geolocation, HID, …). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
