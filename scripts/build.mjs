#!/usr/bin/env node
/**
 * `npm run build`: everything the app runs from, into out/:
 *   out/main/index.cjs        Electron main process (CommonJS; electron and better-sqlite3 external)
 *   out/preload/index.cjs     preload (CommonJS: sandboxed preloads cannot be ES modules)
 *   out/worker/run-worker.cjs run worker (preview and test runs off the main thread)
 *   out/host/index.cjs        browser host (`npm run serve`), plain Node
 *   out/examples/             built-in example projects (copied from mappings/examples)
 *   out/engine/               engine.mjs + run.mjs embedded in exported bundles (scripts/build-engine.mjs)
 *   out/cli/                  the `mapwright` command as one ES module (scripts/build-cli.mjs)
 *   out/renderer/             the UI (vite build --config renderer/vite.config.ts)
 *
 * Flags: --watch (rebuild the Node bundles on change; used by scripts/dev.mjs), --no-renderer.
 * All output goes to stderr, so `npm run serve` keeps stdout for its one ready line.
 *
 * Native module ABI: better-sqlite3 stays external and is loaded from node_modules. The copy there
 * is built for the ABI of the Node that ran `npm install` (tests and the browser host use it).
 * `npm run dist` rebuilds it for Electron's ABI inside the package (see electron-builder.yml); to run
 * `npm start` with a real Electron from a checkout, run `npx electron-rebuild -f -w better-sqlite3`
 * first, and `npm rebuild better-sqlite3` to go back to Node's ABI for the tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const log = (m) => process.stderr.write(`[build] ${m}\n`);

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // The browser host runs on the system Node (package.json engines); Electron 41 bundles a newer one.
  target: 'node20',
  sourcemap: 'linked',
  external: ['electron', 'better-sqlite3'],
  // Code written as ES modules finds its own files through import.meta.url; in a CommonJS bundle
  // that becomes the bundle's own file URL.
  define: { __MAPWRIGHT_BUNDLED__: 'true', 'import.meta.url': '__mw_import_meta_url' },
  banner: { js: "const __mw_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  absWorkingDir: root,
};

const targets = [
  { ...node, entryPoints: ['electron/main/index.ts'], outfile: 'out/main/index.cjs' },
  { ...node, entryPoints: ['electron/main/worker/run-worker.ts'], outfile: 'out/worker/run-worker.cjs' },
  { ...node, entryPoints: ['electron/host/index.ts'], outfile: 'out/host/index.cjs' },
  {
    ...node,
    // Browser platform: a sandboxed preload can require nothing but 'electron', so any Node
    // built-in that slipped in would fail the build here rather than at run time.
    platform: 'browser',
    target: 'chrome130',
    banner: undefined,
    define: { __MAPWRIGHT_BUNDLED__: 'true' },
    external: ['electron'],
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
  },
];

function copyExamples() {
  const src = path.join(root, 'mappings', 'examples');
  const dest = path.join(out, 'examples');
  fs.rmSync(dest, { recursive: true, force: true });
  if (!fs.existsSync(src)) {
    log('no mappings/examples yet: the app starts without example projects');
    return;
  }
  fs.cpSync(src, dest, { recursive: true, filter: (f) => !/\.(ts|tsx)$/.test(f) });
}

function buildRenderer() {
  if (args.has('--no-renderer')) return true;
  const config = path.join(root, 'renderer', 'vite.config.ts');
  if (!fs.existsSync(config)) {
    log('renderer/vite.config.ts does not exist yet: skipping the renderer build');
    return true;
  }
  log('renderer: vite build');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', config], { cwd: root, stdio: ['ignore', 2, 2] });
  return r.status === 0;
}

const started = Date.now();
if (watch) {
  for (const t of targets) {
    const ctx = await esbuild.context({
      ...t,
      plugins: [{ name: 'report', setup: (b) => b.onEnd((r) => log(`${t.outfile}: ${r.errors.length ? `${r.errors.length} error(s)` : 'rebuilt'}`)) }],
    });
    await ctx.watch();
  }
  copyExamples();
  log('watching electron/ and mappings/ for changes');
} else {
  try {
    await Promise.all(targets.map((t) => esbuild.build(t)));
  } catch {
    log('esbuild failed (errors above)');
    process.exit(1);
  }
  copyExamples();
  // The runtime every exported bundle embeds (out/engine/engine.mjs, run.mjs); see scripts/build-engine.mjs.
  const { buildEngine } = await import('./build-engine.mjs');
  await buildEngine(path.join(out, 'engine'));
  // The prebuilt CLI bin/mapwright.mjs runs when it is current (no tsx at start-up; see scripts/build-cli.mjs).
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli(path.join(out, 'cli'));
  log(`main, preload, worker and host bundles written to out/ in ${Date.now() - started} ms`);
  if (!buildRenderer()) {
    log('renderer build failed');
    process.exit(1);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
