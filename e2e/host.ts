/**
 * Spawning the browser host for a test: `node scripts/serve.mjs --no-build --port 0 --workspace DIR`
 * (or the built bundle when the script is absent), waiting for its one stdout line
 * `Mapwright is ready at http://127.0.0.1:PORT/?token=TOKEN`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiMethodName, ApiRequest, ApiResponse, Result } from '../electron/shared/api';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = /^Mapwright is ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))\s*$/m;

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  workspace: string;
  /** Everything the host wrote to stderr (attached to failures). */
  log(): string;
  /** Calls the API directly (seeding, checks), with the token header. */
  call<M extends ApiMethodName>(method: M, req: ApiRequest<M>): Promise<Result<ApiResponse<M>>>;
  stop(): Promise<void>;
}

function hostEntry(): string[] {
  const script = path.join(ROOT, 'scripts', 'serve.mjs');
  // --no-build: scripts/e2e.mjs builds once up front; each test's host must start in moments.
  if (fs.existsSync(script)) return [script, '--no-build'];
  const bundle = path.join(ROOT, 'out', 'host', 'index.cjs');
  if (fs.existsSync(bundle)) return [bundle];
  throw new Error('No browser host: neither scripts/serve.mjs nor out/host/index.cjs exists. Run `node scripts/build.mjs`.');
}

/** Starts a host on a free port over `workspace`; rejects with its stderr if it does not come up. */
export async function startHost(workspace: string, extraArgs: string[] = []): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, [...hostEntry(), '--port', '0', '--workspace', workspace, ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, MAPWRIGHT_HOME: workspace },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The host did not print its ready line within 30 s.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = READY.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (code ${code}) before it was ready.\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
  const [, url, port, token] = match;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url,
    origin,
    port: Number(port),
    token,
    workspace,
    log: () => stderr,
    call: async (method, req) => {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Mapwright-Token': token },
        body: JSON.stringify(req),
      });
      return (await res.json()) as Result<never>;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with exactly the headers given (fetch would fix up Host), for the security specs:
 * forged Host headers, missing tokens.
 */
export function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: !options.headers?.Host },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}
