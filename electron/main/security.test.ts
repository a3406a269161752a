import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCsp } from './csp';
import { isTrustedSender, originOf, type FrameLike } from './sender';
import { contentType, resolveAppUrl, resolveStaticPath } from './static-files';
import { safeExternalUrl } from './urls';
import { resolveWorkspaceHome } from './workspace-home';

describe('buildCsp', () => {
  it('builds the strict production policy', () => {
    expect(buildCsp()).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('gives the <meta> tag the same policy minus the header-only directives', () => {
    const meta = buildCsp({ meta: true });
    expect(meta).toBe(buildCsp().replace("; frame-ancestors 'none'", ''));
    expect(meta).not.toMatch(/frame-ancestors|report-uri|sandbox/);
  });

  it('relaxes only script-src and connect-src for the dev server', () => {
    const dev = buildCsp({ dev: true, connectSrc: ['ws://127.0.0.1:5173'] });
    expect(dev).toContain("script-src 'self' 'unsafe-inline';");
    expect(dev).toContain("connect-src 'self' ws://127.0.0.1:5173;");
    expect(dev).not.toContain('unsafe-eval');
    expect(dev).toContain("object-src 'none'");
  });

  it('refuses source expressions that would inject directives', () => {
    expect(() => buildCsp({ connectSrc: ["ws://x; script-src 'unsafe-eval'"] })).toThrow(/Not a CSP source/);
    expect(() => buildCsp({ connectSrc: ['a b'] })).toThrow();
    expect(() => buildCsp({ connectSrc: ['https://a,b'] })).toThrow();
  });
});

describe('resolveStaticPath / resolveAppUrl', () => {
  const root = path.resolve('/srv/app/out/renderer');
  it('maps paths inside the root, and client routes to index.html', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveStaticPath(root, '/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
    expect(resolveStaticPath(root, '/projects/123')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/./assets//x.js')).toBe(path.join(root, 'assets', 'x.js'));
  });

  it('refuses traversal in every spelling', () => {
    for (const p of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/x%00.js',
      '/C:%5cWindows%5cwin.ini',
      '/index.html::$DATA',
      '/%E0%A4%A',
      'relative.js',
    ]) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });

  it('accepts only app://mapwright URLs', () => {
    expect(resolveAppUrl('app://mapwright/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://mapwright/assets/x.js?v=1#h', root)).toBe(path.join(root, 'assets', 'x.js'));
    expect(resolveAppUrl('app://mapwright/../../etc/passwd', root)).not.toBe('/etc/passwd');
    expect(resolveAppUrl('app://other/index.html', root)).toBeNull();
    expect(resolveAppUrl('file:///etc/passwd', root)).toBeNull();
    expect(resolveAppUrl('app://user:pw@mapwright/index.html', root)).toBeNull();
    expect(resolveAppUrl('not a url', root)).toBeNull();
  });

  it('gives content types, defaulting to opaque bytes', () => {
    expect(contentType('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('x.exe')).toBe('application/octet-stream');
  });
});

describe('isTrustedSender', () => {
  const main: FrameLike = { url: 'app://mapwright/index.html', parent: null };
  it('accepts only our window main frame on our origin', () => {
    expect(isTrustedSender(main, main)).toBe(true);
    const child: FrameLike = { url: 'app://mapwright/index.html', parent: main };
    expect(isTrustedSender(child, main)).toBe(false);
    const otherWindow: FrameLike = { url: 'app://mapwright/index.html', parent: null };
    expect(isTrustedSender(otherWindow, main)).toBe(false);
    expect(isTrustedSender(null, main)).toBe(false);
    expect(isTrustedSender(main, null)).toBe(false);
    const navigated: FrameLike = { url: 'https://evil.example/', parent: null };
    expect(isTrustedSender(navigated, navigated)).toBe(false);
    const fileFrame: FrameLike = { url: 'file:///tmp/x.html', parent: null };
    expect(isTrustedSender(fileFrame, fileFrame)).toBe(false);
    const lookalike: FrameLike = { url: 'app://mapwright.evil/index.html', parent: null };
    expect(isTrustedSender(lookalike, lookalike)).toBe(false);
  });

  it('accepts the dev server origin only when allowed', () => {
    const dev: FrameLike = { url: 'http://127.0.0.1:5173/', parent: null };
    expect(isTrustedSender(dev, dev)).toBe(false);
    expect(isTrustedSender(dev, dev, ['app://mapwright', 'http://127.0.0.1:5173'])).toBe(true);
    expect(originOf('app://mapwright/x')).toBe('app://mapwright');
    expect(originOf('about:blank')).toBeNull();
  });
});

describe('safeExternalUrl', () => {
  it('allows plain http(s) links only', () => {
    expect(safeExternalUrl('https://www.gov.uk/government/statistics')).toBe('https://www.gov.uk/government/statistics');
    expect(safeExternalUrl('http://example.org')).toBe('http://example.org/');
    for (const u of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'https://user:pw@example.org/', 'https://exa mple.org', 'https://a.org/\n', 'notaurl', `https://a.org/${'x'.repeat(3000)}`]) {
      expect(safeExternalUrl(u), u).toBeNull();
    }
  });
});

describe('resolveWorkspaceHome', () => {
  const base = { argv: [] as string[], env: {} as Record<string, string>, platform: 'linux', homedir: '/home/ann' };
  it('prefers --workspace, then MAPWRIGHT_HOME, then Electron userData, then the platform folder', () => {
    expect(resolveWorkspaceHome({ ...base, argv: ['--workspace', '/w'], env: { MAPWRIGHT_HOME: '/m' } })).toBe(path.resolve('/w'));
    expect(resolveWorkspaceHome({ ...base, argv: ['--workspace=/w2'] })).toBe(path.resolve('/w2'));
    expect(resolveWorkspaceHome({ ...base, env: { MAPWRIGHT_HOME: '/m' }, electronUserData: '/u' })).toBe(path.resolve('/m'));
    expect(resolveWorkspaceHome({ ...base, electronUserData: '/u' })).toBe('/u');
    expect(resolveWorkspaceHome(base)).toBe('/home/ann/.local/share/Mapwright');
    expect(resolveWorkspaceHome({ ...base, env: { XDG_DATA_HOME: '/xdg' } })).toBe('/xdg/Mapwright');
    expect(resolveWorkspaceHome({ ...base, env: { XDG_DATA_HOME: 'relative' } })).toBe('/home/ann/.local/share/Mapwright');
    expect(resolveWorkspaceHome({ ...base, platform: 'darwin' })).toBe('/home/ann/Library/Application Support/Mapwright');
    expect(resolveWorkspaceHome({ ...base, platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' } })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Mapwright');
  });
});
