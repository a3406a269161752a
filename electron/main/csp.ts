/**
 * The renderer's Content Security Policy: the one source of truth. Sent as a response header by
 * the `app://` protocol handler (Electron) and by the browser host, and written into the built
 * index.html as a <meta> tag by renderer/vite.config.ts (so a copy of the page opened some other
 * way is still confined). A page gets the intersection of header and meta, so two hand-kept lists
 * drift apart silently; one pure function keeps them identical and unit tested.
 *
 * This file must stay free of Electron and Node imports: the renderer's build config imports it.
 */
export interface CspOptions {
  /** Vite dev server: allows its inline React-refresh preamble and HMR socket. */
  dev?: boolean;
  /** Extra `connect-src` sources (e.g. the dev server's `ws://127.0.0.1:5173`). */
  connectSrc?: string[];
  /**
   * For a <meta http-equiv> tag: leaves out the directives browsers ignore there (and warn about),
   * which only a response header can carry.
   */
  meta?: boolean;
}

/** Directives that only take effect in a response header (CSP Level 3, "meta element" section). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

// A source expression must be one token: no separators that would start a new directive.
const SOURCE = /^(?:'[a-z0-9-]+'|[a-z][a-z0-9+.-]*:(?:\/\/[^\s;,']+)?|[^\s;,':]+(?::\d+)?)$/i;

/**
 * @example buildCsp({}) // "default-src 'self'; script-src 'self'; …; form-action 'none'"
 */
export function buildCsp({ dev = false, connectSrc = [], meta = false }: CspOptions = {}): string {
  for (const s of connectSrc) {
    if (!SOURCE.test(s)) throw new Error(`Not a CSP source expression: ${JSON.stringify(s)}`);
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // Dev only: @vitejs/plugin-react injects an inline module script (the React refresh preamble).
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    // Monaco starts its language workers from blob: URLs.
    ['worker-src', ["'self'", 'blob:']],
    // Monaco and React Flow inject <style> elements and style attributes at run time (editor
    // decorations, node positions); nonces cannot cover style attributes, so inline styles are
    // allowed. Styles cannot run script, and script-src stays strict.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    // No blob: images: the only object URLs the UI makes are file downloads (an <a download>).
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...connectSrc]],
    ['object-src', ["'none'"]],
    // The UI embeds no frames; without this, frames would fall back to default-src 'self'.
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives
    .filter(([name]) => !(meta && HEADER_ONLY.has(name)))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
