// End-to-end specs (e2e/). Run through `npm run test:e2e` (scripts/e2e.mjs), which picks the
// `electron` project when an Electron binary is installed and `chromium` otherwise (the browser
// host serving the same renderer). Never `npx playwright install`: the browser is the system's.
import { defineConfig } from '@playwright/test';

const ci = !!process.env.CI;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // Two cores on CI, shared with everything else: keep it small.
  workers: ci ? 1 : 2,
  retries: ci ? 1 : 0,
  fullyParallel: false,
  forbidOnly: ci,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: ci ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: ci ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    // Fixed so screenshots and relative times read the same on every machine.
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS },
      },
    },
    // Same specs against the packaged main process (see e2e/fixtures.ts); selected by scripts/e2e.mjs.
    { name: 'electron', use: { browserName: 'chromium' } },
  ],
});
