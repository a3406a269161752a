// Renderer build: everything bundled locally (no CDN, no network at run time) into out/renderer/,
// with relative asset URLs (`base: './'`) so the same files load from Electron's app:// scheme and
// from the browser host. Monaco's editor worker is bundled through a `?worker` import (see
// src/monaco/environment.ts), so it too is served from the app's own origin.
// eslint-disable-next-line no-restricted-imports -- the build config runs in Node, not in the sandboxed renderer
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
// eslint-disable-next-line no-restricted-imports -- build-time only: the pure CSP builder both hosts use, so header and meta cannot differ
import { buildCsp } from '../electron/main/csp';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The CSP the built page carries in a <meta> tag: the same policy both hosts send as a header, from
 * the one builder (electron/main/csp.ts), minus the header-only directives. A page gets the
 * intersection of header and meta, so a separately kept list here drifted (it allowed blob: images
 * the header refused). Not applied in `vite dev`, whose HMR client needs inline scripts and a
 * websocket; the dev hosts send the dev policy as a header instead.
 */
export const RENDERER_CSP = buildCsp({ meta: true });

/** Writes {@link RENDERER_CSP} into the built index.html. */
export function cspMeta(): Plugin {
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
