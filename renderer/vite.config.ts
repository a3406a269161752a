// Renderer build: everything bundled locally (no CDN, no network at run time) into out/renderer/,
// with relative asset URLs (`base: './'`) so the same files load from Electron's app:// scheme and
// from the browser host. Monaco's editor worker is bundled through a `?worker` import (see
// src/monaco/environment.ts), so it too is served from the app's own origin.
// eslint-disable-next-line no-restricted-imports -- the build config runs in Node, not in the sandboxed renderer
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The CSP the built page carries in a <meta> tag. The host also sends a CSP header; a page gets
 * the intersection of both, so this must not be stricter than what the app needs:
 * - scripts and workers only from the app itself (no 'unsafe-eval', no 'unsafe-inline' scripts);
 * - inline styles are allowed because React Flow and Monaco position elements with style
 *   attributes and Monaco injects <style> for its themes;
 * - images and fonts from the app or data: URIs (Monaco's codicon font, SVG backgrounds).
 * Not applied in `vite dev`, whose HMR client needs inline scripts and a websocket.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'mapwright-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP }, injectTo: 'head-prepend' }],
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // Inline nothing as data: URIs so every asset is a file under the CSP's 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    sourcemap: true,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', strictPort: false },
  clearScreen: false,
});
