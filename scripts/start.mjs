#!/usr/bin/env node
/**
 * `npm start`: build, then launch the desktop app. Without an Electron binary (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline) it says how to get one and starts the browser host
 * instead, so `npm install && npm start` always ends in a working app.
 * Extra arguments go to the app, e.g. `npm start -- --workspace /tmp/ws`.
 */
import { spawn } from 'node:child_process';
import { NO_ELECTRON_MESSAGE, electronBinary, electronSqliteBinding, root } from './electron-env.mjs';
import { buildQuietly, runBrowserHost } from './serve.mjs';

const args = process.argv.slice(2);
if (!buildQuietly()) {
  process.stderr.write('mapwright: the build failed (see above)\n');
  process.exit(1);
}

const electron = electronBinary();
if (!electron) {
  process.stderr.write(NO_ELECTRON_MESSAGE);
  // Open a browser tab when there is a desktop to open it on.
  const desktop = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
  const hostArgs = desktop && !args.includes('--open') ? [...args, '--open'] : args;
  process.exit(await runBrowserHost(hostArgs.filter((a) => a !== '--no-build')));
}

let binding;
try {
  binding = electronSqliteBinding();
} catch (e) {
  process.stderr.write(`mapwright: ${e.message}\nStarting the browser host instead (npm run serve).\n`);
  process.exit(await runBrowserHost(args));
}
const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, MAPWRIGHT_SQLITE_BINDING: binding } });
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
