/**
 * Reliability and security of the browser host, run as a real process the way `npm run serve`
 * runs it (through tsx, so the suite does not depend on a prior build):
 *  - it refuses cross-origin and cross-site calls, a forged Host (DNS rebinding), missing and
 *    wrong tokens, oversized bodies, and static paths that try to leave the renderer folder;
 *  - killed with SIGKILL mid-request while saves stream in, it restarts on the same workspace with
 *    every acknowledged save present and an intact database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../main/static-files';
import { WorkspaceDb } from '../main/db/workspace';
import { sha256 } from '../main/services/hash';
import { killHard, report, ROOT, runs, SEED, tempDir } from '../../reliability/support';

const t = tempDir('mapwright-host-rel-');
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) await killHard(c);
  t.cleanup();
});
const counts: Record<string, number> = {};
afterAll(() => report('browser host', counts));
const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
const PASSWD = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0] : 'root:x:0:0';

interface Host {
  proc: ChildProcess;
  port: number;
  token: string;
}

/** Starts the host on a free port; resolves when it prints its ready line. */
function startHost(workspace: string): Promise<Host> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/host/index.ts'), '--port', '0', '--workspace', workspace, '--no-seed'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(proc);
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (m) resolve({ proc, port: Number(m[1]), token: m[2] });
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(new Error(`host exited (${code}) before it was ready: ${err}`)));
  });
}

interface Res {
  status: number;
  body: string;
}
/** A raw request (node:http, so Host, Origin and odd paths go out exactly as written). */
function request(port: number, o: { method?: string; path: string; headers?: Record<string, string | number>; body?: string }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: o.headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
const api = (h: Host, method: string, payload: unknown, extra: Record<string, string> = {}) =>
  request(h.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { Host: `127.0.0.1:${h.port}`, 'Content-Type': 'application/json', 'X-Mapwright-Token': h.token, ...extra },
    body: JSON.stringify(payload),
  });

describe('browser host: requests from outside are refused', () => {
  it('refuses forged Host, foreign Origin, cross-site, missing/wrong tokens and oversized bodies', async () => {
    const h = await startHost(path.join(t.dir, 'sec'));
    const good = { Host: `127.0.0.1:${h.port}`, 'Content-Type': 'application/json' };
    const cases: [string, Parameters<typeof request>[1], number][] = [
      ['no token', { method: 'POST', path: '/api/projects.list', headers: good, body: '{}' }, 403],
      ['wrong token', { method: 'POST', path: '/api/projects.list', headers: { ...good, 'X-Mapwright-Token': 'x'.repeat(43) }, body: '{}' }, 403],
      ['token prefix', { method: 'POST', path: '/api/projects.list', headers: { ...good, 'X-Mapwright-Token': h.token.slice(0, -1) }, body: '{}' }, 403],
      ['wrong bearer', { method: 'POST', path: '/api/projects.list', headers: { ...good, Authorization: 'Bearer nope' }, body: '{}' }, 403],
      ['wrong cookie', { method: 'POST', path: '/api/projects.list', headers: { ...good, Cookie: `mapwright_token_${h.port}=nope` }, body: '{}' }, 403],
      ['cookie for another port', { method: 'POST', path: '/api/projects.list', headers: { ...good, Cookie: `mapwright_token_1=${h.token}` }, body: '{}' }, 403],
      ['DNS rebinding (forged Host)', { method: 'POST', path: '/api/projects.list', headers: { ...good, Host: `evil.example:${h.port}`, 'X-Mapwright-Token': h.token }, body: '{}' }, 403],
      ['Host without port', { method: 'POST', path: '/api/projects.list', headers: { ...good, Host: '127.0.0.1', 'X-Mapwright-Token': h.token }, body: '{}' }, 403],
      ['Host on another port', { method: 'POST', path: '/api/projects.list', headers: { ...good, Host: `127.0.0.1:${h.port + 1}`, 'X-Mapwright-Token': h.token }, body: '{}' }, 403],
      ['foreign Origin', { method: 'POST', path: '/api/projects.list', headers: { ...good, Origin: 'http://evil.example', 'X-Mapwright-Token': h.token }, body: '{}' }, 403],
      ['null Origin', { method: 'POST', path: '/api/projects.list', headers: { ...good, Origin: 'null', 'X-Mapwright-Token': h.token }, body: '{}' }, 403],
      ['Origin on another port', { method: 'POST', path: '/api/projects.list', headers: { ...good, Origin: `http://127.0.0.1:${h.port + 1}`, 'X-Mapwright-Token': h.token }, body: '{}' }, 403],
      ['cross-site fetch', { method: 'POST', path: '/api/projects.list', headers: { ...good, 'Sec-Fetch-Site': 'cross-site', 'X-Mapwright-Token': h.token }, body: '{}' }, 403],
      ['simple-request content type (CSRF form)', { method: 'POST', path: '/api/projects.list', headers: { ...good, 'Content-Type': 'text/plain', 'X-Mapwright-Token': h.token }, body: '{}' }, 415],
      ['declared oversized body', { method: 'POST', path: '/api/projects.create', headers: { ...good, 'X-Mapwright-Token': h.token, 'Content-Length': 200 * 1024 * 1024 }, body: '{}' }, 413],
      ['GET on the API', { method: 'GET', path: '/api/projects.list', headers: { ...good, 'X-Mapwright-Token': h.token } }, 405],
      ['event stream without token', { method: 'GET', path: '/api/events', headers: good }, 403],
      ['page without token', { method: 'GET', path: '/', headers: good }, 403],
    ];
    for (const [name, req, status] of cases) {
      const r = await request(h.port, req).catch((e: Error) => ({ status: -1, body: e.message }));
      // A refused oversized upload may be answered then cut; either way nothing was accepted.
      if (status === 413 && r.status === -1) continue;
      expect(r.status, `${name}: ${r.body}`).toBe(status);
      bump('refused');
    }
    // Hostile payloads through a valid channel: validated, answered with an error, host still up.
    const hostile: [string, unknown][] = [
      ['projects.create', { name: 'x'.repeat(100_000) }],
      ['projects.create', { name: 1 }],
      ['projects.create', JSON.parse('{"name":"a","__proto__":{"polluted":true}}')],
      ['projects.get', { id: '../../etc/passwd' }],
      ['projects.importFolder', { dir: '/etc' }],
      ['samples.get', { id: "' OR 1=1 --" }],
      ['no.such.method', {}],
      ['constructor', {}],
      ['__proto__', {}],
    ];
    for (const [method, payload] of hostile) {
      const r = await api(h, method, payload);
      expect(r.status, `${method}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain(PASSWD);
      bump('hostile-payloads');
    }
    const bad = await request(h.port, { method: 'POST', path: '/api/projects.list', headers: { ...good, 'X-Mapwright-Token': h.token }, body: '{"a":' });
    expect(bad.status).toBe(400);
    expect((await api(h, 'projects.list', {})).status).toBe(200);

    // Static files: traversal in every spelling stays inside the renderer folder.
    const traversal = [
      '/..%2f..%2fetc/passwd', '/..%2F..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/..%5c..%5cetc%5cpasswd', '/....//....//etc/passwd', '/%252e%252e/%252e%252e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json',
      '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/..%00/etc/passwd', '/C:%2fWindows%2fwin.ini', '//etc/passwd', '/assets/../../../../etc/passwd',
      '/\\..\\..\\etc\\passwd', '/%2fetc%2fpasswd',
    ];
    for (const p of traversal) {
      const r = await request(h.port, { path: p, headers: { Host: `127.0.0.1:${h.port}`, 'X-Mapwright-Token': h.token } });
      expect(r.body, p).not.toContain(PASSWD);
      expect(r.body, p).not.toContain('"devDependencies"');
      bump('traversal-urls');
    }
    await killHard(h.proc);
  });

  it(`resolveStaticPath never leaves the root (${runs(500)} generated paths)`, () => {
    const root = '/srv/renderer';
    const seg = fc.constantFrom('..', '.', '%2e%2e', '%2E%2E', '%2f', '%5c', '..%2f', '%2e', 'etc', 'passwd', 'a', '%00', '\\', 'C:', '%252e', '', '%c0%ae', 'index.html');
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 8 }), (segs) => {
        bump('static-paths');
        const file = resolveStaticPath(root, `/${segs.join('/')}`);
        if (file !== null) expect(file.startsWith(`${root}/`)).toBe(true);
      }),
      { numRuns: runs(500), seed: SEED },
    );
  });
});

describe('browser host: SIGKILL mid-request loses nothing acknowledged', () => {
  const rounds = runs(2);
  it(`${rounds} rounds of concurrent saves, kill -9, restart, verify`, async () => {
    const ws = path.join(t.dir, 'crash');
    const acked: { kind: 'rev'; projectId: string; revision: number; hash: string }[] = [];
    const ackedSamples: { id: string; hash: string }[] = [];
    const saveErrors: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const h = await startHost(ws);
      const call = async (method: string, payload: unknown) => {
        const r = await api(h, method, payload);
        const body = JSON.parse(r.body) as { ok: boolean; value?: unknown; error?: { message: string } };
        if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
        return body.value as Record<string, unknown>;
      };
      const projects = (await call('projects.list', {})) as unknown as { id: string }[];
      const projectId = projects[0]?.id ?? ((await call('projects.create', { name: 'crash' })).id as string);
      const got = await call('mapping.get', { projectId });
      let revision = got.revision as number;
      const document = got.document as Record<string, unknown>;
      let stop = false;
      const saver = (async () => {
        for (let i = 0; !stop; i++) {
          const doc = { ...document, description: `${round}-${i} ${'y'.repeat(1_000 + (i % 5) * 2_000)}` };
          const saved = await call('mapping.save', { projectId, document: doc, baseRevision: revision, message: `r${round} ${i}` });
          revision = saved.revision as number;
          acked.push({ kind: 'rev', projectId, revision, hash: saved.hash as string });
        }
      })().catch((e: Error) => saveErrors.push(e.message)); // the kill cuts the request in flight
      const sampler = (async () => {
        for (let i = 0; !stop; i++) {
          const content = `id,v\n${Array.from({ length: 200 + i * 50 }, (_, k) => `${k},${round}-${i}`).join('\n')}\n`;
          const s = await call('samples.add', { projectId, sourceId: 's-1', name: `s${i}.csv`, format: 'csv', content });
          ackedSamples.push({ id: s.id as string, hash: sha256(content) });
        }
      })().catch((e: Error) => saveErrors.push(e.message));
      await new Promise((r) => setTimeout(r, 400 + Math.floor(Math.random() * 800)));
      stop = true;
      await killHard(h.proc); // SIGKILL while requests are in flight
      await Promise.all([saver, sampler]);
    }
    // Restart once more: it must come up on the same workspace and serve every acknowledged save.
    const h = await startHost(ws);
    for (const a of acked) {
      const r = JSON.parse((await api(h, 'mapping.get', { projectId: a.projectId, revision: a.revision })).body) as { ok: boolean };
      expect(r.ok, `revision ${a.revision}`).toBe(true);
    }
    await killHard(h.proc);
    const db = WorkspaceDb.open(ws);
    try {
      expect(db.db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const a of acked) expect(db.revisions.get(a.projectId, a.revision)?.hash).toBe(a.hash);
      for (const s of ackedSamples) expect(sha256(db.samples.content(s.id)!)).toBe(s.hash);
    } finally {
      db.close();
    }
    bump('kills', rounds);
    bump('acked-revisions', acked.length);
    bump('acked-samples', ackedSamples.length);
    expect(acked.length).toBeGreaterThan(0);
    // The only acceptable failure is the connection cut by the kill, never an application error.
    for (const e of saveErrors) expect(e).toMatch(/ECONNRESET|socket hang up|ECONNREFUSED|Unexpected end of JSON/);
  });
});
