#!/usr/bin/env node
/**
 * Builds the two files every bundle embeds, into out/engine/ (or the folder given):
 *   engine.mjs  the pinned runtime (mappings/bundle/engine-entry.node.ts): engine object, readers,
 *               streaming runner, ajv validator, test runner — one ES module, only `node:` imports
 *   run.mjs     the bundle runner (mappings/bundle/run-cli.node.ts): integrity check first, then
 *               loads ./engine.mjs, ./transform.mjs, ./validate.mjs from beside itself
 * Not minified: a force reviewer may read what they run. `scripts/build.mjs` calls this so a
 * packaged app ships the prebuilt files; from a checkout the bundle writer calls it when the
 * output is missing or older than the sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  absWorkingDir: root,
  logLevel: 'warning',
  legalComments: 'inline',
  charset: 'utf8',
  // CommonJS dependencies (ajv) bundled into ESM may call require() for built-ins.
  banner: { js: "import { createRequire as __mwCreateRequire } from 'node:module';\nconst require = __mwCreateRequire(import.meta.url);" },
};

/** Builds engine.mjs and run.mjs into outDir; returns their paths. */
export async function buildEngine(outDir = path.join(root, 'out', 'engine')) {
  fs.mkdirSync(outDir, { recursive: true });
  const engine = path.join(outDir, 'engine.mjs');
  const run = path.join(outDir, 'run.mjs');
  await esbuild.build({ ...common, entryPoints: ['mappings/bundle/engine-entry.node.ts'], outfile: engine });
  await esbuild.build({ ...common, entryPoints: ['mappings/bundle/run-cli.node.ts'], outfile: run, banner: { js: '#!/usr/bin/env node\n// Mapwright bundle runner. Usage: node run.mjs --help' } });
  for (const f of [engine, run]) {
    const text = fs.readFileSync(f, 'utf8');
    const bad = [...text.matchAll(/^\s*import\s[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]).filter((s) => !s.startsWith('node:'));
    if (bad.length) throw new Error(`${path.basename(f)} imports ${bad.join(', ')}; only node: built-ins are allowed`);
  }
  return { engine, run };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const out = await buildEngine(dir);
  process.stderr.write(`[build-engine] ${path.relative(root, out.engine)}, ${path.relative(root, out.run)}\n`);
}
