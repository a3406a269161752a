/**
 * Reliability: Electron security checklist items that can be tested without an Electron binary —
 * the window factory's web preferences, the navigation / window.open / webview / permission
 * handlers given fake events, the CSP, the IPC sender check and payload validation, each against
 * generated hostile input.
 *
 * `electron` is replaced by a recording fake: the binary cannot be installed on this machine, and
 * what is under test is our code's options and handlers, not Electron itself.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { report, runs, SEED } from '../../reliability/support';

const opened: string[] = [];
const windows: { options: Record<string, unknown> }[] = [];
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: () => undefined };
    constructor(readonly options: Record<string, unknown>) {
      windows.push({ options });
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: { isPackaged: true },
    shell: { openExternal: (u: string) => (opened.push(u), Promise.resolve()) },
  };
});

const { createMainWindow, hardenWebContents, denyAllPermissions } = await import('./window');
const { buildCsp } = await import('./csp');
const { isTrustedSender } = await import('./sender');
const { safeExternalUrl } = await import('./urls');
const { validateRequest, REQUEST_SCHEMAS, jsonSafetyProblem } = await import('./validate');
const { APP_ORIGIN } = await import('./static-files');
const { memoryLogger } = await import('./log');

const counts: Record<string, number> = {};
afterAll(() => report('app security', counts));
const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);

const HOSTILE_URLS = [
  'javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'file:///etc/passwd', 'file://server/share',
  'smb://evil/share', '\\\\evil\\share', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'ms-msdt:/id', 'search-ms:query=x',
  'app://mapwright/../../etc', 'chrome://settings', 'about:blank', 'https://user:pass@evil.example/', 'https://user@evil.example/',
  'http://', 'https://evil.example/\u0000', 'https://evil.example/\n', 'https://' + 'a'.repeat(3000) + '.example', 'mailto:x@example.org',
  'ftp://example.org', 'ws://127.0.0.1', 'blob:https://x/1', 'intent://x#Intent;end', 'https:\\\\evil.example',
];

describe('window factory and web contents hardening', () => {
  it('creates the window with the secure baseline (checklist items 2–4, 6, 10)', () => {
    createMainWindow({ preload: '/x/preload.cjs', url: 'app://mapwright/index.html', log: memoryLogger() });
    const wp = windows.at(-1)!.options.webPreferences as Record<string, unknown>;
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
    });
    expect(wp).not.toHaveProperty('enableBlinkFeatures');
    expect(wp).not.toHaveProperty('additionalArguments');
    bump('window-options');
  });

  it(`denies new windows, navigation, redirects and webviews for ${HOSTILE_URLS.length} hostile URLs; opens only safe http(s) outside`, () => {
    const handlers: Record<string, (...a: unknown[]) => unknown> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (...a: unknown[]) => unknown) => (handlers[name] = fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    };
    hardenWebContents(contents as never, memoryLogger());
    const event = () => {
      const e = { prevented: false, preventDefault: () => (e.prevented = true) };
      return e;
    };
    for (const url of [...HOSTILE_URLS, 'https://example.org/help', 'app://mapwright/index.html']) {
      opened.length = 0;
      expect(openHandler!({ url }).action).toBe('deny');
      for (const name of ['will-navigate', 'will-redirect']) {
        const e = event();
        handlers[name](e, url);
        expect(e.prevented, `${name} ${url}`).toBe(true);
      }
      const w = event();
      handlers['will-attach-webview'](w, {}, { src: url });
      expect(w.prevented).toBe(true);
      // Only plain http(s) links without credentials leave the app, to the user's browser.
      for (const u of opened) expect(safeExternalUrl(u)).toBe(u);
      if (HOSTILE_URLS.includes(url)) expect(opened.every((u) => /^https?:\/\/[^@]*$/.test(u))).toBe(true);
      bump('urls');
    }
  });

  it('denies every permission request, check and device permission', () => {
    const s: Record<string, (...a: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (f: never) => (s.request = f),
      setPermissionCheckHandler: (f: never) => (s.check = f),
      setDevicePermissionHandler: (f: never) => (s.device = f),
    };
    denyAllPermissions(session as never);
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      s.request({}, p, (g: boolean) => (granted = g));
      expect(granted).toBe(false);
      expect(s.check({}, p, 'https://evil.example')).toBe(false);
      bump('permissions');
    }
    expect(s.device({ deviceType: 'usb' })).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  it('production policy: no inline or eval script, no plugins, no framing, no base or form targets', () => {
    const d = directives(buildCsp());
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    for (const [, sources] of d) expect(sources).not.toContain('*');
    expect(buildCsp()).not.toMatch(/unsafe-eval|https?:|\*/);
  });
  it(`connect-src additions cannot inject directives (${runs(300)} generated sources)`, () => {
    const src = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("ws://x; script-src 'unsafe-eval'", 'ws://x script-src', "'unsafe-inline'", 'a,b', 'ws://127.0.0.1:5173', 'http://localhost:1', '*', "'self'\n"),
    );
    fc.assert(
      fc.property(fc.array(src, { maxLength: 3 }), (extra) => {
        bump('csp');
        let csp: string;
        try {
          csp = buildCsp({ connectSrc: extra });
        } catch {
          return;
        }
        const d = directives(csp);
        expect(d.size).toBe(12);
        expect(d.get('script-src')).toEqual(["'self'"]);
        expect(csp).not.toMatch(/unsafe-eval|[\n\r,]/);
        // Whatever the (developer-supplied) extra sources are, they stay inside connect-src.
        expect(d.get('connect-src')!.slice(0, 1)).toEqual(["'self'"]);
      }),
      { numRuns: runs(300), seed: SEED },
    );
  });
});

describe('IPC sender check', () => {
  it(`only the main frame showing ${APP_ORIGIN} is trusted (${runs(300)} generated frames)`, () => {
    const main = { url: `${APP_ORIGIN}/index.html`, parent: null };
    const url = fc.oneof(
      fc.constantFrom(
        `${APP_ORIGIN}/index.html`, 'app://mapwright.evil/index.html', 'app://evil/index.html', 'app://mapwright@evil/', 'http://mapwright/',
        'file:///index.html', 'about:blank', 'https://evil.example/', 'app://MAPWRIGHT/index.html', 'app://mapwright:1/', 'javascript:1', '',
      ),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(url, fc.boolean(), fc.boolean(), (u, sub, same) => {
        bump('senders');
        const frame = same && !sub ? Object.assign(main, {}) : { url: u, parent: sub ? main : null };
        if (!(same && !sub)) {
          expect(isTrustedSender(frame, main)).toBe(false);
        }
        expect(isTrustedSender(null, main)).toBe(false);
        expect(isTrustedSender({ url: u, parent: null }, { url: u, parent: null })).toBe(false);
        const other = { url: u, parent: null };
        // Trust only ever goes to exactly our origin (lookalikes, userinfo, ports and case variants are refused).
        if (isTrustedSender(other, other)) expect(u.startsWith(`${APP_ORIGIN}/`)).toBe(true);
      }),
      { numRuns: runs(300), seed: SEED },
    );
    expect(isTrustedSender(main, main)).toBe(true);
  });
});

describe('payload validation', () => {
  const methods = Object.keys(REQUEST_SCHEMAS) as (keyof typeof REQUEST_SCHEMAS)[];
  const hostile = fc.oneof(
    fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true }),
    fc.jsonValue(),
    fc.constantFrom(
      JSON.parse('{"__proto__":{"polluted":true}}'),
      JSON.parse('{"id":"x","constructor":{"prototype":{"polluted":true}}}'),
      { id: 'x'.repeat(1_000_000) },
      { id: NaN },
      { id: Infinity },
      { projectId: '../../etc/passwd', id: '../..' },
      Object.create({ id: 'inherited' }),
    ),
  );
  it(`${methods.length} methods × ${runs(60)} hostile payloads: never throws, never pollutes, accepts only plain JSON`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...methods), hostile, (method, payload) => {
        bump('payloads');
        const r = validateRequest(method, payload);
        if (r.ok) expect(jsonSafetyProblem(r.value)).toBeNull();
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: runs(60) * methods.length, seed: SEED },
    );
  });
  it('refuses deep nesting without overflowing the stack, and non-JSON values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    for (const m of methods) {
      expect(validateRequest(m, { document: deep, id: 'x', projectId: 'x' }).ok).toBe(false);
      bump('payloads');
    }
    expect(jsonSafetyProblem({ a: new Date(0) })).not.toBeNull();
    expect(jsonSafetyProblem({ a: new Map() })).not.toBeNull();
    expect(jsonSafetyProblem({ a: new Uint8Array(1) })).not.toBeNull();
    expect(jsonSafetyProblem({ a: NaN })).not.toBeNull();
  });
});
