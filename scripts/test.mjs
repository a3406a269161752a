#!/usr/bin/env node
// `npm test`: every check a change must pass, in order, stopping at the first failing step:
// typecheck (one project per folder) → lint → unit, integration and reliability tests (vitest) →
// renderer build → end-to-end specs (Electron where its binary exists, else Chromium; skipped
// with a plain message when neither is installed).
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['build', 'node', ['scripts/build.mjs']],
  ['end-to-end', 'node', ['scripts/e2e.mjs']],
];

const only = process.argv.slice(2);
let failed = 0;
let passed = 0;
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`✖ ${name} failed (exit ${r.status}) after ${secs}s\n`);
    break;
  }
  passed++;
  process.stdout.write(`✔ ${name} (${secs}s)\n`);
}
process.stdout.write(`\nsteps: ${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
