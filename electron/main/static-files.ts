/**
 * Resolving a request path to a file inside the renderer folder, shared by the `app://` protocol
 * handler and the browser host. Pure and unit tested: this is the path-traversal guard.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mapwright';
/** The origin the Electron renderer runs on. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Maps a URL path (`/assets/index-abc.js`, percent-encoded) to an absolute file inside `root`,
 * or null when the path is malformed or would leave `root` (`..`, encoded slashes, backslashes,
 * NUL, drive letters). `/` and extensionless paths (client routes) map to `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  if (!urlPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of urlPath.slice(1).split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '' || seg === '.') continue;
    if (seg === '..' || /[\\/\0:]/.test(seg)) return null;
    segments.push(seg);
  }
  const last = segments[segments.length - 1];
  if (!last || !path.extname(last)) segments.splice(0, segments.length, 'index.html');
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  return file.startsWith(base + path.sep) ? file : null;
}

/** Resolves an `app://mapwright/...` URL to a file in `root`, or null for any other URL. */
export function resolveAppUrl(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) return null;
  return resolveStaticPath(root, u.pathname);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type by extension; unknown types are served as opaque bytes (and `nosniff`). */
export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
