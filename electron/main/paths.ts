/**
 * Where the app's files are, whether it runs from source (vitest, tsx) or from the esbuild bundles
 * in `out/` (Electron, `npm run serve`), packed in an asar archive or not.
 *
 * Layout when bundled: out/main/index.cjs, out/host/index.cjs, out/worker/run-worker.cjs,
 * out/preload/index.cjs, out/renderer/, out/examples/.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';

// Replaced with `true` by scripts/build.mjs; undefined when running from TypeScript sources.
declare const __MAPWRIGHT_BUNDLED__: boolean | undefined;
export const BUNDLED = typeof __MAPWRIGHT_BUNDLED__ !== 'undefined' && __MAPWRIGHT_BUNDLED__ === true;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The `out/` folder when bundled; the repository root's `out/` when running from source. */
export const OUT_DIR = BUNDLED ? path.resolve(here, '..') : path.resolve(here, '../../out');

/** The built renderer (Vite output). */
export const RENDERER_DIR = path.join(OUT_DIR, 'renderer');

/** Built-in example projects (project folder format). */
export const EXAMPLES_DIR = BUNDLED ? path.join(OUT_DIR, 'examples') : path.resolve(here, '../../mappings/examples');

/** The preload bundle (only ever bundled: sandboxed preloads must be one CommonJS file). */
export const PRELOAD_PATH = path.join(OUT_DIR, 'preload', 'index.cjs');

export interface WorkerScript {
  /** File to start in a worker thread. */
  file: string;
  /** Extra Node flags for the worker. */
  execArgv: string[];
}

/**
 * The run worker. Worker threads cannot load code from inside an asar archive, so the packaged
 * app unpacks `out/worker/**` (electron-builder.yml `asarUnpack`) and we point at the copy.
 * From source (tests, `npm run dev` in the browser), the worker is bundled on first use with the
 * same esbuild settings as `npm run build`: TypeScript loaders cannot hook into worker threads on
 * the Node versions we support, and a bundle is what production runs anyway.
 */
export function runWorkerScript(): WorkerScript {
  if (BUNDLED) {
    const file = path.join(OUT_DIR, 'worker', 'run-worker.cjs').replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
    return { file, execArgv: [] };
  }
  return { file: bundleSourceWorker(), execArgv: [] };
}

let sourceWorker: string | undefined;
function bundleSourceWorker(): string {
  if (sourceWorker && fs.existsSync(sourceWorker)) return sourceWorker;
  // Loaded at run time (never bundled): esbuild is a dev dependency, present only in a checkout.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const outfile = path.join(os.tmpdir(), `mapwright-run-worker-${process.pid}-${Date.now()}.cjs`);
  esbuild.buildSync({
    entryPoints: [path.resolve(here, 'worker', 'run-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3'],
    define: { 'import.meta.url': '__mw_import_meta_url' },
    banner: { js: "const __mw_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
  process.once('exit', () => fs.rmSync(outfile, { force: true }));
  sourceWorker = outfile;
  return outfile;
}
