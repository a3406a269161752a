import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { buildCsp } from './csp';
import type { Logger } from './log';
import { APP_SCHEME, contentType, resolveAppUrl } from './static-files';

/**
 * Must run before `app` is ready. `standard` gives the scheme a real origin (`app://mapwright`)
 * so 'self' in the CSP, fetch and workers behave as on https; `secure` makes it a secure context.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `out/renderer` on `app://mapwright/…`, with the traversal guard and the CSP header. */
export function serveAppScheme(rendererDir: string, log: Logger): void {
  const csp = buildCsp();
  const headers = (type: string) => ({
    'Content-Type': type,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppUrl(request.url, rendererDir);
    if (!file) {
      log.warn(`refused ${request.url.slice(0, 200)}`);
      return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
    try {
      const body = await fs.readFile(file);
      return new Response(body, { status: 200, headers: headers(contentType(file)) });
    } catch {
      const msg = file.endsWith('index.html') ? `The user interface has not been built (no ${file}). Run npm run build.` : 'Not found';
      return new Response(msg, { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
  });
}
