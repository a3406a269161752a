/**
 * The browser host: the same AppApi the Electron preload exposes, over HTTP on 127.0.0.1, for
 * machines where Electron cannot run (or for development in a normal browser). Plain `node:http`,
 * no Electron import.
 *
 * Threat model: other local users' processes and, above all, web pages in the user's own browser.
 * Hence: loopback-only bind; a per-launch 256-bit token required on every request (query on first
 * load → HttpOnly SameSite=Strict cookie, or a header); Host header pinned (DNS rebinding);
 * foreign Origin refused (CSRF); JSON-only API bodies with a size cap; the same payload validators
 * as IPC; the same CSP as the app:// scheme plus nosniff/no-referrer/same-origin isolation headers.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEventName } from '../shared/api';
import { buildCsp } from '../main/csp';
import { dispatch } from '../main/dispatch';
import type { Logger } from '../main/log';
import type { Handlers } from '../main/services/app-services';
import type { DownloadFile } from '../main/services/bundles';
import type { EventBus } from '../main/services/events';
import { contentType, resolveStaticPath } from '../main/static-files';
import { MAX_BODY_BYTES } from '../main/validate';

export interface HostServerOptions {
  handlers: Handlers;
  events: EventBus;
  log: Logger;
  /** Built renderer folder (`out/renderer`). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token (tests); default: 32 random bytes, base64url. */
  token?: string;
  /** Body size limit in bytes (default: the 64 MB sample limit plus envelope). */
  maxBodyBytes?: number;
  /** Resolves `GET /api/download/<id>` (exported bundles) to a workspace file. */
  downloads?: (id: string) => DownloadFile | null;
  /** Development: serve the renderer through Vite's middleware instead of from disk. */
  dev?: { middleware: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void; connectSrc?: string[] };
}

export interface HostServer {
  server: http.Server;
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/?token=TOKEN` */
  url: string;
  close(): Promise<void>;
}

const STATUS_BY_CODE: Record<string, number> = {
  'invalid-request': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  internal: 500,
  unavailable: 503,
};

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Constant-time comparison (hashing first gives equal lengths, so length leaks nothing either). */
export function tokensEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Starts the host on 127.0.0.1. Resolves once listening. */
export async function startHostServer(o: HostServerOptions): Promise<HostServer> {
  const token = o.token ?? randomBytes(32).toString('base64url');
  const maxBody = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const csp = buildCsp({ dev: !!o.dev, connectSrc: o.dev?.connectSrc ?? [] });
  const streams = new Set<http.ServerResponse>();
  let port = 0;
  // Cookies are not port-scoped: the port in the name keeps two hosts from clobbering each other.
  const cookieName = () => `mapwright_token_${port}`;

  const baseHeaders = (res: http.ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
  };
  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (res: http.ServerResponse, status: number, code: string, message: string) =>
    sendJson(res, status, { ok: false, error: { code, message } });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    baseHeaders(res);
    const host = req.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return fail(res, 403, 'forbidden', 'Forbidden: unexpected Host header.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return fail(res, 403, 'forbidden', 'Forbidden: cross-origin request.');
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') return fail(res, 403, 'forbidden', 'Forbidden: cross-site request.');

    const url = new URL(req.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token');
    // Any one valid credential admits the request: a tab may hold a stale header token from an
    // earlier launch on the same port while its cookie is fresh.
    const presented = [
      req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined,
      typeof req.headers['x-mapwright-token'] === 'string' ? req.headers['x-mapwright-token'] : undefined,
      cookieValue(req.headers.cookie, cookieName()),
      queryToken ?? undefined,
    ].filter((x): x is string => x !== undefined);
    if (!presented.some((p) => tokensEqual(p, token))) {
      if (url.pathname.startsWith('/api/')) return fail(res, 403, 'forbidden', 'Forbidden: missing or wrong access token.');
      res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(
        '<!doctype html><meta charset="utf-8"><title>Mapwright</title><p>This Mapwright window needs its access link. ' +
          'Open the address printed by <code>npm run serve</code> (it ends in <code>?token=…</code>).</p>',
      );
    }

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return fail(res, 405, 'invalid-request', 'Use GET for /api/events.');
      return openEventStream(req, res);
    }
    if (url.pathname.startsWith('/api/download/') && o.downloads) {
      if (req.method !== 'GET') return fail(res, 405, 'invalid-request', 'Use GET for downloads.');
      return sendDownload(res, decodeURIComponent(url.pathname.slice('/api/download/'.length)));
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return fail(res, 405, 'invalid-request', 'API calls use POST.');
      }
      return callApi(req, res, url.pathname.slice('/api/'.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return fail(res, 405, 'invalid-request', 'Method not allowed.');
    }
    if (queryToken !== null && tokensEqual(queryToken, token)) {
      // First load: trade the token in the address for a cookie, and drop it from the address bar
      // and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}${url.search}`,
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    if (o.dev) {
      return o.dev.middleware(req, res, () => fail(res, 404, 'not-found', 'Not found.'));
    }
    return serveStatic(req, res, url.pathname);
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    const file = resolveStaticPath(o.rendererDir, pathname);
    if (!file) return fail(res, 404, 'not-found', 'Not found.');
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        if (file.endsWith('index.html')) {
          res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
          return res.end(`The user interface has not been built (no ${file}). Run \`npm run build\`, then reload.\n`);
        }
        return fail(res, 404, 'not-found', 'Not found.');
      }
      res.writeHead(200, {
        'Content-Type': contentType(file),
        'Content-Length': st.size,
        // Vite's hashed assets never change; index.html must always be fresh.
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'private, max-age=31536000, immutable',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  };

  const sendDownload = (res: http.ServerResponse, id: string) => {
    const file = /^[A-Za-z0-9-]{1,100}$/.test(id) ? o.downloads!(id) : null;
    if (!file) return fail(res, 404, 'not-found', 'No such download.');
    fs.stat(file.path, (err, st) => {
      if (err || !st.isFile()) return fail(res, 404, 'not-found', 'No such download.');
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Length': st.size,
        // The name is ours (sanitised at export), but quote-escape it anyway.
        'Content-Disposition': `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`,
        'Cache-Control': 'no-store',
      });
      fs.createReadStream(file.path).pipe(res);
    });
  };

  const callApi = (req: http.IncomingMessage, res: http.ServerResponse, method: string) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      return fail(res, 415, 'invalid-request', 'API calls must send Content-Type: application/json.');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => {
      // Answer first, then drop the connection rather than read the rest of the upload.
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.destroy());
      fail(res, 413, 'too-large', `The request body is larger than the ${maxBody}-byte limit.`);
    };
    if (declared > maxBody) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (c: Buffer) => {
      if (aborted) return;
      size += c.length;
      if (size > maxBody) {
        aborted = true;
        return tooLarge();
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (aborted) return;
      const text = Buffer.concat(chunks).toString('utf8');
      let payload: unknown;
      try {
        payload = text.trim() === '' ? undefined : JSON.parse(text);
      } catch (e) {
        return fail(res, 400, 'invalid-request', `The request body is not valid JSON: ${(e as Error).message}`);
      }
      void dispatch(o.handlers, method, payload, o.log).then(
        (result) => sendJson(res, result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 422), result),
        (e) => {
          o.log.error(`${method} failed`, e);
          fail(res, 500, 'internal', `${method} failed unexpectedly.`);
        },
      );
    });
    req.on('error', () => (aborted = true));
  };

  const openEventStream = (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const off = o.events.on(<E extends ApiEventName>(event: E, payload: unknown) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // Proxies and some browsers drop idle streams; a comment line keeps it open.
    const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
    const done = () => {
      clearInterval(ping);
      off();
      streams.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      o.log.error('request failed', e);
      if (!res.headersSent) fail(res, 500, 'internal', 'Internal error.');
      else res.destroy();
    });
  });
  // Big uploads on slow disks must not trip Node's default 5-minute request timeout mid-body;
  // headers must still arrive promptly.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: o.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
