/**
 * Finds the prebuilt `engine.mjs` and `run.mjs` that bundles embed. A packaged app ships them in
 * `out/engine/` (scripts/build.mjs runs scripts/build-engine.mjs); in a checkout they are rebuilt
 * with esbuild when missing or older than the sources they come from.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Repository (or app) root: mappings/bundle/ is two levels down. */
function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

// Everything engine.mjs and run.mjs are bundled from (the engine's import graph, by folder).
const SOURCE_DIRS = ['runtime', 'functions', 'expr', 'io', 'model', 'checker', 'diagnostics', 'document', 'bundle'];

function newestSource(root: string): number {
  let newest = statSync(join(root, 'scripts', 'build-engine.mjs')).mtimeMs;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '__fixtures__' && e.name !== 'node_modules') walk(p);
      } else if (/\.(ts|json)$/.test(e.name) && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(join(root, 'mappings', d))) walk(join(root, 'mappings', d));
  return newest;
}

export interface EngineFiles {
  engine: Uint8Array;
  run: Uint8Array;
}

/**
 * The engine and runner bytes. `dir` (or `MAPWRIGHT_ENGINE_DIR`) names a folder holding prebuilt
 * files; otherwise `out/engine/` of the checkout, rebuilt when stale.
 */
export async function loadEngineFiles(dir = process.env.MAPWRIGHT_ENGINE_DIR): Promise<EngineFiles> {
  const root = repoRoot();
  const outDir = dir ? resolve(dir) : join(root, 'out', 'engine');
  const engine = join(outDir, 'engine.mjs');
  const run = join(outDir, 'run.mjs');
  const canBuild = !dir && existsSync(join(root, 'scripts', 'build-engine.mjs')) && existsSync(join(root, 'mappings', 'bundle', 'engine-entry.node.ts'));
  const built = existsSync(engine) && existsSync(run) ? Math.min(statSync(engine).mtimeMs, statSync(run).mtimeMs) : -1;
  if (canBuild && built < newestSource(root)) {
    // Built beside the target and renamed into place, so concurrent builds never expose half a file.
    mkdirSync(outDir, { recursive: true });
    const tmp = mkdtempSync(join(outDir, '.build-'));
    try {
      const script = (await import(pathToFileURL(join(root, 'scripts', 'build-engine.mjs')).href)) as { buildEngine(out: string): Promise<unknown> };
      await script.buildEngine(tmp);
      renameSync(join(tmp, 'engine.mjs'), engine);
      renameSync(join(tmp, 'run.mjs'), run);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } else if (built < 0) {
    throw new Error(`The bundle engine is missing from ${outDir} (engine.mjs, run.mjs); run \`node scripts/build-engine.mjs\``);
  }
  return { engine: await readFile(engine), run: await readFile(run) };
}
