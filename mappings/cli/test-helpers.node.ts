/**
 * Shared helpers for the CLI's tests: run the real `mapwright` binary in a child process (what a
 * user or a script sees: exit status, both streams), or capture what a command writes when it runs
 * in-process (fast, and coverage sees it). Test-only; nothing in the CLI imports this file.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, vi } from 'vitest';

/** The repository root (where package.json and bin/ are). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The `mapwright` command as installed: the prebuilt CLI when current, the TypeScript otherwise. */
export const MAPWRIGHT_BIN = join(REPO_ROOT, 'bin', 'mapwright.mjs');

export interface CliResult {
  /** Exit status. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Written to the child's standard input, which is then closed. */
  input?: string;
  /** Extra environment variables, on top of this process's. */
  env?: Record<string, string>;
  /** Kill the child after this long (default 120 s); the promise then rejects. */
  timeoutMs?: number;
}

/**
 * Runs `node bin/mapwright.mjs ...args` and resolves with its exit status and output. Rejects when
 * the child cannot start, is killed by a signal or times out, so a hung command fails its test
 * with its stderr so far instead of a bare timeout.
 * @example const r = await runCli(['check', 'mapping.json'], { cwd: dir }); expect(r.code).toBe(0);
 */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const { cwd = REPO_ROOT, input, env, timeoutMs = 120_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAPWRIGHT_BIN, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === null)
        reject(new Error(`mapwright ${args.join(' ')} was killed (${signal}); stderr so far:\n${stderr}`));
      else resolve({ code, stdout, stderr });
    });
    // A child that exits without reading its input closes the pipe; that is not the test's concern.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** What a command wrote to standard output and standard error during the current test. */
export interface CapturedOutput {
  out: string;
  err: string;
  /** Empties both, e.g. between two commands in one test. */
  clear(): void;
}

/**
 * Captures `process.stdout.write` and `process.stderr.write` for every test in the calling file
 * (or `describe` block), starting empty each time, and restores them afterwards.
 * @example const io = captureOutputEachTest(); it('…', async () => { await command.run([]); expect(io.out).toContain('…'); });
 */
export function captureOutputEachTest(): CapturedOutput {
  const io: CapturedOutput = {
    out: '',
    err: '',
    clear() {
      io.out = '';
      io.err = '';
    },
  };
  beforeEach(() => {
    io.clear();
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((io.out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((io.err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return io;
}
