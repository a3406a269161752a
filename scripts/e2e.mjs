#!/usr/bin/env node
/**
 * `npm run test:e2e`: the Playwright specs in e2e/ against the real app.
 *  - Electron when its binary is installed (`require('electron')` names a file that exists):
 *    the `electron` project launches out/main/index.cjs;
 *  - else the system Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium) against the browser
 *    host (`chromium` project);
 *  - with neither, says plainly that the step is skipped and why, and exits 0.
 * Builds first when out/ lacks the renderer or the host bundle (`--build` forces a build).
 * Extra arguments go to `playwright test` (e.g. a spec file or `--grep`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const say = (m) => process.stdout.write(`[e2e] ${m}\n`);

const passThrough = process.argv.slice(2).filter((a) => a !== '--build');
const forceBuild = process.argv.includes('--build');

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    // The electron package throws when its binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD).
    return null;
  }
}

const electron = electronBinary();
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
let project;
if (electron) {
  project = 'electron';
  say(`running against Electron (${electron})`);
} else if (fs.existsSync(chromium)) {
  project = 'chromium';
  say(`no Electron binary installed; running against the browser host in Chromium (${chromium})`);
} else {
  say(
    `SKIPPED: no Electron binary (the electron package was installed without it) and no Chromium at ${chromium}. ` +
      'Install Chromium or set CHROMIUM_PATH to run the end-to-end specs.',
  );
  process.exit(0);
}

const needed = [path.join(root, 'out', 'renderer', 'index.html'), path.join(root, 'out', project === 'electron' ? 'main/index.cjs' : 'host/index.cjs')];
const missing = needed.filter((f) => !fs.existsSync(f));
if (forceBuild || missing.length) {
  say(forceBuild ? 'building (--build)' : `building: missing ${missing.map((f) => path.relative(root, f)).join(', ')}`);
  const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    say('the build failed; not running the specs');
    process.exit(b.status ?? 1);
  }
}

const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const r = spawnSync(process.execPath, [cli, 'test', '--config', path.join(root, 'playwright.config.ts'), `--project=${project}`, ...passThrough], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(r.status ?? 1);
