/**
 * Shared helpers for the reliability suites (`*.reliability.test.ts`): run counts, corpora, child
 * processes and the per-case time limit. Test-only; nothing ships from here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Scale factor for generated cases: `MAPWRIGHT_RELIABILITY_RUNS=10 npm run test:reliability` runs ten
 * times as many. The default keeps the whole project near four minutes on two cores.
 */
export const SCALE = Math.max(1, Number(process.env.MAPWRIGHT_RELIABILITY_RUNS ?? '1') || 1);

/** `base` generated cases, scaled by MAPWRIGHT_RELIABILITY_RUNS. */
export const runs = (base: number): number => Math.round(base * SCALE);

/** Fixed seed unless MAPWRIGHT_RELIABILITY_SEED is set, so a failure in CI replays locally. */
export const SEED = process.env.MAPWRIGHT_RELIABILITY_SEED ? Number(process.env.MAPWRIGHT_RELIABILITY_SEED) : 0x6d61707;

/** One summary line per suite, so `npm run test:reliability` shows how many cases each tried. */
export function report(suite: string, counts: Record<string, number>): void {
  const parts = Object.entries(counts).map(([k, v]) => `${k}=${v}`);
  console.log(`[reliability] ${suite}: ${parts.join(' ')}`);
}

/** Reads a corpus: one entry per line; blank lines and `# ` comments skipped. */
export function readCorpus(name: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'reliability', 'corpora', name), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('# '));
}

/** A fresh temporary folder, removed by `cleanup()`. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface ProcResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ARGS` to completion (killing it after `timeoutMs`). */
export function runNode(args: string[], opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs the `mapwright` CLI from this checkout. */
export const mapwright = (args: string[], opts: { cwd?: string; timeoutMs?: number } = {}) =>
  runNode([path.join(ROOT, 'bin', 'mapwright.mjs'), ...args], opts);

/** Kills a child by its own pid (never by name) and waits for it to go. */
export function killHard(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });
}

/** Runs `fn` and fails if it takes longer than `ms` (a hang guard, not a speed check). */
export async function withinTime<T>(ms: number, label: string, fn: () => Promise<T> | T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(fn),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms (hang)`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
