import { rawRequest } from './host';
import { expect, test } from './fixtures';

/** Parses `a b; c d` into { a: ['b'], c: ['d'] }. */
function parseCsp(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = sources;
  }
  return out;
}

/** Strict: scripts only from the app, no eval, no remote origins anywhere. */
function expectStrictCsp(policy: string) {
  const csp = parseCsp(policy);
  expect(policy).not.toContain("'unsafe-eval'");
  expect(csp['default-src']).toEqual(["'self'"]);
  expect(csp['script-src'], 'script-src').toEqual(["'self'"]);
  expect(csp['object-src']).toEqual(["'none'"]);
  for (const [directive, sources] of Object.entries(csp)) {
    for (const s of sources) {
      expect(s, `${directive} allows a remote origin`).not.toMatch(/^(https?:|wss?:|\*|[a-z0-9.-]+\.[a-z]{2,})/i);
    }
  }
}

test.describe('security', () => {
  test('the page carries a strict CSP and nothing leaves the app origin', async ({ app }) => {
    test.skip(!app.host, 'browser host only: Electron serves from app://, covered by electron/main security tests');
    const host = app.host!;
    const page = app.page;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    const response = await page.goto(host.url);
    expect(response, 'document response').not.toBeNull();
    const header = response!.headers()['content-security-policy'];
    expect(header, 'CSP response header').toBeTruthy();
    expectStrictCsp(header);

    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta, 'CSP meta tag in the built index.html').toBeTruthy();
    expectStrictCsp(meta!);

    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    // Exercise the UI a little so lazily loaded code (dialogs, the editor) is fetched too.
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('command-palette')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByTestId('sidebar-new-project').click();
    await page.getByTestId('project-name-input').fill('Security check');
    await page.getByTestId('create-project-submit').click();
    await expect(page.getByTestId('current-project-name')).toHaveText('Security check');
    await page.waitForLoadState('networkidle');

    const foreign = requests.filter((u) => {
      const url = new URL(u);
      if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
      return url.origin !== host.origin;
    });
    expect(foreign, 'requests that left the app origin').toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
  });

  test('the host refuses a forged Host header and a missing token with 403', async ({ app }) => {
    test.skip(!app.host, 'browser host only');
    const { port, token } = app.host!;
    const api = { method: 'POST', path: '/api/projects.list', body: '{}' };

    // Sanity: the same request with the token and the real Host succeeds, so the 403s below are
    // about the header under test and nothing else.
    const good = await rawRequest(port, { ...api, headers: { 'Content-Type': 'application/json', 'X-Mapwright-Token': token } });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ ok: true });

    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host header.
    for (const hostHeader of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`]) {
      const forged = await rawRequest(port, { ...api, headers: { Host: hostHeader, 'Content-Type': 'application/json', 'X-Mapwright-Token': token } });
      expect(forged.status, `Host: ${hostHeader}`).toBe(403);
      expect(JSON.parse(forged.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }

    const noToken = await rawRequest(port, { ...api, headers: { 'Content-Type': 'application/json' } });
    expect(noToken.status).toBe(403);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const wrongToken = await rawRequest(port, { ...api, headers: { 'Content-Type': 'application/json', 'X-Mapwright-Token': `${token.slice(0, -2)}xx` } });
    expect(wrongToken.status).toBe(403);

    const page = await rawRequest(port, { path: '/' });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('<script');

    const events = await rawRequest(port, { path: '/api/events' });
    expect(events.status).toBe(403);
  });

  test('a page loaded without its token shows the host refusal, not the app', async ({ app }) => {
    test.skip(!app.host, 'browser host only');
    const context = app.page.context();
    await context.clearCookies();
    const response = await app.page.goto(`${app.host!.origin}/`);
    expect(response!.status()).toBe(403);
    await expect(app.page.locator('#root')).toHaveCount(0);
  });
});
