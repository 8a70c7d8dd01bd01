import { defineConfig, devices } from '@playwright/test'
import { APP_URL } from './tests/e2e/config'

// End-to-end journeys against the production build (`npm run build` first; `npm test` does it)
// served by tests/e2e/server.ts on fresh services. Chromium only: Debian's package, since
// `npx playwright install` cannot download on this network (CHROMIUM_PATH overrides the path).
export default defineConfig({
  testDir: 'tests/e2e',
  // The CI machine has 2 cores. No retries: a flaky test must show.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Journeys sign in several times (argon2 is deliberately slow) on a 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // scripts/test.ts (npm test) sets E2E_JSON_REPORT to count the results.
  reporter: [
    ['list'],
    ['html', { open: 'never' }],
    ...(process.env.E2E_JSON_REPORT ? [['json', { outputFile: process.env.E2E_JSON_REPORT }] as const] : []),
  ],
  use: {
    baseURL: APP_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // Plain node with tsx's loader (no wrapper process), so the signals below reach the server.
    command: 'node --import tsx tests/e2e/server.ts',
    url: `${APP_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Hides the AWS SDK's notice about future Node versions on every run; errors still show.
    env: { NODE_NO_WARNINGS: '1' },
    // SIGTERM lets the server stop PostgreSQL and delete its temporary data.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
})
