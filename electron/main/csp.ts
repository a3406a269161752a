/**
 * The renderer's Content Security Policy, sent as a response header by the `app://` protocol
 * handler (Electron) and by the browser host. Built by a pure function so it is unit tested and
 * both hosts send the same policy.
 */
export interface CspOptions {
  /** Vite dev server: allows its inline React-refresh preamble and HMR socket. */
  dev?: boolean;
  /** Extra `connect-src` sources (e.g. the dev server's `ws://127.0.0.1:5173`). */
  connectSrc?: string[];
}

// A source expression must be one token: no separators that would start a new directive.
const SOURCE = /^(?:'[a-z0-9-]+'|[a-z][a-z0-9+.-]*:(?:\/\/[^\s;,']+)?|[^\s;,':]+(?::\d+)?)$/i;

/**
 * @example buildCsp({}) // "default-src 'self'; script-src 'self'; …; form-action 'none'"
 */
export function buildCsp({ dev = false, connectSrc = [] }: CspOptions = {}): string {
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
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...connectSrc]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
