import { defineConfig } from '@playwright/test';
import { chromiumPath } from './e2e/support/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/playwright',
  // Each test starts its own host; two cores do not serve more than two at once.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  // A page load or reload, with its view's first calls, took 2–6.6 s on an idle 2-core machine
  // here, and more than 10 s once in CI next to another test's engines: 10 s failed a passing step.
  expect: { timeout: 20_000 },
  globalSetup: './e2e/support/globalSetup.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'web',
      testDir: './e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          // Debian's Chromium: Playwright's own browser download is not reachable here.
          executablePath: chromiumPath(),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testDir: './e2e/electron' },
  ],
});
