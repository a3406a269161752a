import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCsp } from '../main/csp';
import { memoryLogger } from '../main/log';
import { createHostServices, type HostServices } from '../main/services/create';
import { tempDir } from '../main/test-support/temp';
import { startHostServer, tokensEqual, type HostServer } from './server';

const t = tempDir('mapwright-host-');
const rendererDir = path.join(t.dir, 'renderer');
let services: HostServices;
let host: HostServer;

beforeAll(async () => {
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mapwright</title><div id="root"></div>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
  services = await createHostServices({ home: path.join(t.dir, 'ws'), host: 'browser', appVersion: 't', log: memoryLogger(), seed: false });
  host = await startHostServer({ handlers: services.services.handlers, events: services.events, log: memoryLogger(), rendererDir, maxBodyBytes: 1024 * 1024 });
});
afterAll(async () => {
  await host.close();
  await services.close();
  t.cleanup();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
function request(o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; port?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: o.port ?? host.port, method: o.method ?? 'GET', path: o.path, headers: { host: `127.0.0.1:${o.port ?? host.port}`, ...o.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
const api = (method: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${host.token}` }) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser host security', () => {
  it('uses a 32-byte base64url token and a loopback URL carrying it', () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(tokensEqual(host.token, host.token)).toBe(true);
    expect(tokensEqual(host.token, `${host.token}x`)).toBe(false);
    const addr = host.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  });

  it('refuses requests without a valid token', async () => {
    expect((await api('projects.list', {}, {})).status).toBe(403);
    expect((await api('projects.list', {}, { authorization: 'Bearer wrong' })).status).toBe(403);
    const page = await request({ path: '/' });
    expect(page.status).toBe(403);
    expect(page.body).toContain('?token=');
    expect((await request({ path: '/assets/app.js' })).status).toBe(403);
    expect((await request({ path: '/api/events' })).status).toBe(403);
  });

  it('refuses a forged Host header (DNS rebinding) even with the token', async () => {
    for (const h of ['evil.example', `evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `localhost.evil:${host.port}`]) {
      const r = await api('projects.list', {}, { authorization: `Bearer ${host.token}`, host: h });
      expect(r.status, h).toBe(403);
    }
    expect((await api('projects.list', {}, { authorization: `Bearer ${host.token}`, host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    expect((await api('projects.list', {}, { ...auth, origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('projects.list', {}, { ...auth, origin: 'null' })).status).toBe(403);
    expect((await api('projects.list', {}, { ...auth, origin: `http://localhost:${host.port}` })).status).toBe(403);
    expect((await api('projects.list', {}, { ...auth, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('projects.list', {}, { ...auth, origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('trades the address token for an HttpOnly SameSite=Strict cookie, then serves with security headers', async () => {
    const first = await request({ path: `/?token=${host.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`mapwright_token_${host.port}=${host.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const jar = { cookie: cookie.split(';')[0] };
    const page = await request({ path: '/', headers: jar });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toBe(buildCsp());
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    const js = await request({ path: '/assets/app.js', headers: jar });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
    expect((await request({ path: '/some/client/route', headers: jar })).body).toContain('<div id="root">');
    expect((await request({ path: '/assets/missing.js', headers: jar })).status).toBe(404);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await request({ path: p, headers: jar });
      expect(r.body, p).not.toBe('secret');
    }
    const cookieApi = await api('projects.list', {}, jar);
    expect(cookieApi.status).toBe(200);
  });

  it('accepts the token in X-Mapwright-Token, and any one valid credential among stale ones', async () => {
    expect((await api('app.info', {}, { 'x-mapwright-token': host.token })).status).toBe(200);
    const cookie = `mapwright_token_${host.port}=${host.token}`;
    expect((await api('app.info', {}, { 'x-mapwright-token': 'stale-from-an-old-launch', cookie })).status).toBe(200);
    expect((await api('app.info', {}, { 'x-mapwright-token': 'stale', cookie: `mapwright_token_${host.port}=also-stale` })).status).toBe(403);
    expect((await api('app.info', {}, { cookie: `mapwright_token_${host.port + 1}=${host.token}` })).status).toBe(403);
  });
});

describe('browser host API', () => {
  it('serves the AppApi as POST /api/<method> returning Results', async () => {
    const created = await api('projects.create', { name: 'Over HTTP' });
    expect(created.status).toBe(200);
    const r = JSON.parse(created.body);
    expect(r).toMatchObject({ ok: true, value: { name: 'Over HTTP', revision: 1 } });
    const got = JSON.parse((await api('projects.get', { id: r.value.id })).body);
    expect(got.value.id).toBe(r.value.id);
    const missing = await api('projects.get', { id: 'nope' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers bad requests with 4xx Results', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    const badJson = await request({ method: 'POST', path: '/api/projects.list', headers: { ...auth, 'content-type': 'application/json' }, body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const invalid = await api('projects.create', { name: 5 });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.message).toContain('/name must be string');
    const polluted = await request({ method: 'POST', path: '/api/projects.create', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"x","__proto__":{"a":1}}' });
    expect(polluted.status).toBe(400);
    expect((await api('no.such', {})).status).toBe(404);
    expect((await api('__proto__', {})).status).toBe(404);
    const form = await request({ method: 'POST', path: '/api/projects.list', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    expect((await request({ method: 'GET', path: '/api/projects.list', headers: auth })).status).toBe(405);
    const big = await request({
      method: 'POST',
      path: '/api/samples.add',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ projectId: 'p', sourceId: 's', name: 'n', format: 'csv', content: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'too-large' } });
    const declared = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/samples.add', headers: { host: `127.0.0.1:${host.port}`, ...auth, 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.write('{"projectId":');
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('too-large');
    // The server is still healthy afterwards.
    expect((await api('projects.list', {})).status).toBe(200);
  });

  it('pushes events over Server-Sent Events', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}` } }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('event: projects.changed')) {
            req.destroy();
            resolve(buf);
          }
        });
        void api('projects.create', { name: 'Evented' });
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    const data = /event: projects\.changed\ndata: (.*)\n/.exec(got)![1];
    expect(JSON.parse(data)).toHaveProperty('projectId');
  });
});

describe('browser host command line', () => {
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.ts');
  const ws = path.join(t.dir, 'cli-ws');

  function launch(): Promise<{ url: string; stdout: () => string; stop: () => Promise<number | null> }> {
    return new Promise((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', entry, '--port', '0', '--workspace', ws, '--no-seed'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^Mapwright is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43})\n/.exec(out);
        if (m)
          resolve({
            url: m[1],
            stdout: () => out,
            stop: () =>
              new Promise((done) => {
                p.once('exit', (code) => done(code));
                p.kill('SIGTERM');
              }),
          });
      });
      p.once('exit', (code) => reject(new Error(`host exited early (${code}): ${err}`)));
    });
  }

  it('prints exactly one ready line, serves the API, stops on SIGTERM, and keeps projects across restarts', async () => {
    const a = await launch();
    const u = new URL(a.url);
    const token = u.searchParams.get('token')!;
    const created = await request({
      method: 'POST',
      port: Number(u.port),
      path: '/api/projects.create',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Survivor' }),
    });
    expect(created.status).toBe(200);
    expect(await a.stop()).toBe(0);
    expect(a.stdout().split('\n').filter(Boolean)).toHaveLength(1);

    const b = await launch();
    const u2 = new URL(b.url);
    expect(u2.searchParams.get('token')).not.toBe(token);
    const list = await request({
      method: 'POST',
      port: Number(u2.port),
      path: '/api/projects.list',
      headers: { authorization: `Bearer ${u2.searchParams.get('token')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(list.body).value.map((p: { name: string }) => p.name)).toEqual(['Survivor']);
    // The old token is dead.
    const stale = await request({ method: 'POST', port: Number(u2.port), path: '/api/projects.list', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(stale.status).toBe(403);
    expect(await b.stop()).toBe(0);
  });
});
