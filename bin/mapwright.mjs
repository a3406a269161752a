#!/usr/bin/env node
// The `mapwright` command. Runs the prebuilt CLI (out/cli/mapwright.mjs, scripts/build-cli.mjs) when
// it is newer than every source file it was built from; otherwise the TypeScript CLI through tsx's
// loader, so a checkout works without a build step and an edited source is never shadowed by a
// stale build (tsx is a runtime dependency for exactly this reason). The built file avoids tsx's
// start-up compile and roughly 100 MB of resident memory.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function builtCli() {
  if (process.env.MAPWRIGHT_CLI_FROM_SOURCE === '1') return null;
  const file = join(root, 'out', 'cli', 'mapwright.mjs');
  const list = join(root, 'out', 'cli', 'inputs.json');
  try {
    if (!existsSync(file) || !existsSync(list)) return null;
    const built = statSync(file).mtimeMs;
    const inputs = JSON.parse(readFileSync(list, 'utf8'));
    for (const input of inputs) {
      // A deleted input also means the build no longer matches the sources.
      if (!existsSync(join(root, input)) || statSync(join(root, input)).mtimeMs > built) return null;
    }
    // A command file added since the build is not in the list; the commands folder's own mtime catches it.
    if (statSync(join(root, 'mappings', 'cli', 'commands')).mtimeMs > built) return null;
    return file;
  } catch {
    return null;
  }
}

const built = builtCli();
let main;
if (built) {
  ({ main } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../mappings/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
