#!/usr/bin/env node
/**
 * `npm run dev`: development with live reload.
 *  - With an Electron binary: Vite dev server for the renderer, esbuild watch for main/preload/
 *    worker, and Electron (restarted when the main bundle changes) loading the dev server.
 *  - Without one: the browser host from the TypeScript sources with Vite as middleware (one origin,
 *    one token, hot reload), printing the usual ready line.
 * Extra arguments go to the host/app (e.g. `npm run dev -- --workspace /tmp/ws`).
 * Dev workspaces default to .mapwright-dev/workspace so development never touches real data.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { electronBinary, electronSqliteBinding, root } from './electron-env.mjs';

const args = process.argv.slice(2);
const hasWorkspace = args.some((a) => a === '--workspace' || a.startsWith('--workspace=')) || !!process.env.MAPWRIGHT_HOME;
const hostArgs = hasWorkspace ? args : [...args, '--workspace', path.join(root, '.mapwright-dev', 'workspace')];
const viteConfig = path.join(root, 'renderer', 'vite.config.ts');
if (!fs.existsSync(viteConfig)) {
  process.stderr.write('mapwright dev: renderer/vite.config.ts does not exist yet; use npm run serve.\n');
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const { createServer } = await import('vite');
const electron = electronBinary();

if (!electron) {
  process.stderr.write('mapwright dev: no Electron binary; running the browser host with Vite middleware.\n');
  const hmrPort = await freePort();
  // stdout is reserved for the host's ready line; Vite logs its progress with console.log.
  console.log = (...a) => console.error(...a);
  const vite = await createServer({
    configFile: viteConfig,
    appType: 'spa',
    server: { middlewareMode: true, ws: { host: '127.0.0.1', port: hmrPort, clientPort: hmrPort } },
  });
  const { register } = await import('tsx/esm/api');
  register();
  const { runHost } = await import('../electron/host/main.ts');
  const code = await runHost({
    argv: hostArgs,
    dev: { middleware: vite.middlewares, connectSrc: [`ws://127.0.0.1:${hmrPort}`] },
  });
  await vite.close();
  process.exit(code);
}

// Electron: dev server + watched bundles + restart on main changes.
const vite = await createServer({ configFile: viteConfig, server: { host: '127.0.0.1', port: 5173, strictPort: false } });
await vite.listen();
const devUrl = vite.resolvedUrls?.local?.[0] ?? 'http://127.0.0.1:5173/';
process.stderr.write(`mapwright dev: renderer at ${devUrl}\n`);

const watcher = spawn(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--watch', '--no-renderer'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
const binding = electronSqliteBinding();
let app = null;
let restarting = false;
const launch = () => {
  app = spawn(electron, [root, ...hostArgs], { cwd: root, stdio: 'inherit', env: { ...process.env, MAPWRIGHT_DEV_SERVER_URL: devUrl, MAPWRIGHT_SQLITE_BINDING: binding } });
  app.on('exit', () => {
    if (restarting) {
      restarting = false;
      launch();
    } else shutdown(0);
  });
};
let debounce;
watcher.stderr.on('data', (d) => {
  process.stderr.write(d);
  const text = d.toString();
  if (!app && text.includes('watching')) launch();
  else if (app && /out\/(main|preload|worker)\/.*rebuilt/.test(text)) {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      restarting = true;
      app.kill('SIGTERM');
    }, 200);
  }
});
function shutdown(code) {
  watcher.kill('SIGTERM');
  void vite.close().finally(() => process.exit(code));
}
process.on('SIGINT', () => (app ? app.kill('SIGINT') : shutdown(130)));
process.on('SIGTERM', () => (app ? app.kill('SIGTERM') : shutdown(143)));
