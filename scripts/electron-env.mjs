/**
 * Shared by start.mjs and dev.mjs: finding the Electron binary, and a better-sqlite3 built for
 * Electron's ABI kept apart from node_modules (whose copy is built for Node's ABI, which the tests
 * and the browser host use). The Electron copy lives in .mapwright-dev/electron-abi/<version>/ and
 * reaches the main process through MAPWRIGHT_SQLITE_BINDING (better-sqlite3's `nativeBinding`).
 * Packaged builds do not need this: electron-builder rebuilds the module for Electron in the package.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Path of the Electron executable, or null when the npm package has no binary (ELECTRON_SKIP_BINARY_DOWNLOAD). */
export function electronBinary() {
  try {
    const bin = require('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

export const NO_ELECTRON_MESSAGE = `
Mapwright: the Electron binary is not installed (node_modules/electron has no dist/ folder,
usually because ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set or there was no network during install).

  To get the desktop app, with network access, download it into node_modules/electron:
      env -u ELECTRON_SKIP_BINARY_DOWNLOAD node node_modules/electron/install.js
  or reinstall it without ELECTRON_SKIP_BINARY_DOWNLOAD set:  npm rebuild electron

Starting the browser host instead: the same app in your web browser (also: npm run serve).
`;

/**
 * Returns the path of better_sqlite3.node built for this Electron, building it on first use with
 * @electron/rebuild (prebuilt download, else node-gyp against Electron's headers; needs network).
 */
export function electronSqliteBinding(log = (m) => process.stderr.write(`${m}\n`)) {
  const version = require('electron/package.json').version;
  const dir = path.join(root, '.mapwright-dev', 'electron-abi', version);
  const binding = path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  log(`Building better-sqlite3 for Electron ${version} (once) in ${path.relative(root, dir)} …`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  fs.cpSync(src, path.join(dir, 'node_modules', 'better-sqlite3'), { recursive: true, dereference: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron-abi', private: true, dependencies: { 'better-sqlite3': '*' } }));
  const rebuild = path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  const r = spawnSync(process.execPath, [rebuild, '--force', '--only', 'better-sqlite3', '--module-dir', dir, '--version', version], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0 || !fs.existsSync(binding)) {
    throw new Error(`could not build better-sqlite3 for Electron ${version} (see the output above; it needs network access)`);
  }
  return binding;
}
