#!/usr/bin/env node
/**
 * Builds the `mapwright` command into one ES module, out/cli/mapwright.mjs, plus out/cli/inputs.json
 * (the repository files it was built from). bin/mapwright.mjs runs the built file when it is newer
 * than every one of those inputs, and the TypeScript sources through tsx otherwise.
 *
 * Why: through tsx the CLI compiles its TypeScript at start-up in a loader worker, which costs
 * start-up time and ~100 MB of resident memory before the first record is read; the memory target
 * for a 1 GB run (< 200 MB peak RSS) cannot be met on top of that.
 *
 * The output lives at out/cli/, two folders below the root like mappings/<area>/, so code that
 * finds the repository root from import.meta.url (mappings/bundle/engine.node.ts) still finds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// mappings/cli/main.ts loads commands with import(`./commands/${name}.ts`); esbuild bundles every
// file that pattern matches, which includes the commands' tests. They are never loaded, but their
// imports (vitest) must not end up in the bundle.
const noTests = {
  name: 'no-tests',
  setup(build) {
    build.onLoad({ filter: /\.test\.ts$/ }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** Builds out/cli/mapwright.mjs (written beside and renamed, so a running CLI never sees half a file). */
export async function buildCli(outDir = path.join(root, 'out', 'cli')) {
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'mapwright.mjs');
  const tmp = path.join(outDir, `.mapwright-${process.pid}.mjs`);
  const result = await esbuild.build({
    // Exports `main` for bin/mapwright.mjs, and runs it when the file itself is the entry point
    // (`node out/cli/mapwright.mjs run …`, as the benchmarks do).
    stdin: {
      contents: [
        "import { realpathSync } from 'node:fs';",
        "import { fileURLToPath } from 'node:url';",
        "import { main } from './mappings/cli/main';",
        'export { main };',
        'if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) process.exitCode = await main(process.argv.slice(2));',
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'mapwright-cli-entry.ts',
      loader: 'ts',
    },
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    absWorkingDir: root,
    logLevel: 'warning',
    charset: 'utf8',
    metafile: true,
    plugins: [noTests],
    // CommonJS dependencies (ajv, csv-parse's CJS parts) bundled into ESM may call require().
    banner: { js: "import { createRequire as __mwCreateRequire } from 'node:module';\nconst require = __mwCreateRequire(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('node_modules/') && !f.endsWith('.test.ts') && f !== 'mapwright-cli-entry.ts')
    .concat('scripts/build-cli.mjs', 'package.json')
    .sort();
  fs.renameSync(tmp, outfile);
  fs.writeFileSync(path.join(outDir, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  return { outfile, inputs: inputs.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildCli();
  process.stderr.write(`[build-cli] ${path.relative(root, r.outfile)} from ${r.inputs} source files\n`);
}
