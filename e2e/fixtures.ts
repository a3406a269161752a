/**
 * Per-test fixtures: a fresh temporary workspace, the app running over it (browser host + system
 * Chromium for the `chromium` project, Electron for the `electron` project), and the shell page
 * object. Specs use `app.page`, never Playwright's built-in `page`, so the Electron run never
 * tries to launch a bundled browser that is not installed.
 */
import { test as base, _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startHost, type RunningHost } from './host';
import { ShellPage } from './pages/ShellPage';

export interface AppHandle {
  /** The browser host; null under Electron. */
  host: RunningHost | null;
  page: Page;
  /** Stops the app and starts it again on the same workspace (a new port and token for the host). */
  restart(): Promise<void>;
}

interface Fixtures {
  workspace: string;
  app: AppHandle;
  shell: ShellPage;
}

interface WorkerFixtures {
  /** One system Chromium per worker (null under Electron). */
  appBrowser: Browser | null;
}

export const isElectronProject = (name: string) => name === 'electron';

export const test = base.extend<Fixtures, WorkerFixtures>({
  appBrowser: [
    async ({ playwright }, use, workerInfo) => {
      if (isElectronProject(workerInfo.project.name)) return use(null);
      const browser = await playwright.chromium.launch(workerInfo.project.use.launchOptions);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  workspace: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapwright-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },

  app: async ({ workspace, appBrowser }, use, testInfo) => {
    if (!appBrowser) {
      const electronPath = createRequire(import.meta.url)('electron') as unknown as string;
      const launch = () =>
        _electron.launch({
          executablePath: electronPath,
          args: [path.join(ROOT, 'out', 'main', 'index.cjs'), '--workspace', workspace],
          env: { ...process.env, MAPWRIGHT_HOME: workspace } as Record<string, string>,
        });
      let electronApp: ElectronApplication = await launch();
      const handle: AppHandle = {
        host: null,
        page: await electronApp.firstWindow(),
        restart: async () => {
          await electronApp.close();
          electronApp = await launch();
          handle.page = await electronApp.firstWindow();
        },
      };
      try {
        await use(handle);
      } finally {
        await electronApp.close();
      }
      return;
    }

    const { viewport, locale, timezoneId } = testInfo.project.use;
    const context = await appBrowser.newContext({ viewport, locale, timezoneId });
    const page = await context.newPage();
    let host = await startHost(workspace);
    const handle: AppHandle = {
      host,
      page,
      restart: async () => {
        await host.stop();
        host = await startHost(workspace);
        handle.host = host;
        await page.goto(host.url);
      },
    };
    await page.goto(host.url);
    try {
      await use(handle);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        // (Playwright's own failure screenshot covers the page.)
        await testInfo.attach('host-stderr.log', { body: host.log(), contentType: 'text/plain' });
      }
      await context.close();
      await host.stop();
    }
  },

  shell: async ({ app }, use) => {
    const shell = new ShellPage(app.page);
    await shell.waitForReady();
    await use(shell);
  },
});

export { expect } from '@playwright/test';
