#!/usr/bin/env node
/**
 * `npm run serve [-- --port N --workspace DIR --open --no-build]`: builds, then runs the browser
 * host (out/host/index.cjs). The build's output goes to stderr, so stdout carries exactly one line:
 * `Mapwright is ready at http://127.0.0.1:PORT/?token=TOKEN`. `--no-build` skips the build (the
 * end-to-end runner builds once, then starts hosts quickly).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the built browser host with `args`, passing signals on; resolves with its exit code. */
export function runBrowserHost(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'out', 'host', 'index.cjs'), ...args], { cwd: root, stdio: 'inherit' });
    // Ctrl+C reaches the whole process group; the host shuts itself down, we wait for it.
    const forward = (signal) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Builds everything with output on stderr; returns true on success. */
export function buildQuietly() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  return r.status === 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const noBuild = args.includes('--no-build');
  if (!noBuild && !buildQuietly()) {
    process.stderr.write('mapwright serve: the build failed (see above)\n');
    process.exit(1);
  }
  process.exit(await runBrowserHost(args.filter((a) => a !== '--no-build')));
}
