import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium when present (Playwright cannot download browsers on this network);
// elsewhere `npx playwright install chromium` provides one and this stays unset.
const debianChromium = '/usr/bin/chromium';
const executablePath = existsSync(debianChromium) ? debianChromium : undefined;

// Several developers (or agents) sharing one checkout can each test their own build:
// E2E_PORT=4201 E2E_DIST=dist-a npx playwright test builds into dist-a and serves it on 4201.
// Unset (CI, npm test): the build `npm run test:e2e` made, served by `npm run preview`.
const ownPort = process.env.E2E_PORT;
const ownDist = process.env.E2E_DIST ?? 'dist-e2e';
const port = ownPort ?? '4173';
const server = ownPort
  ? `npx vite build --outDir ${ownDist} --emptyOutDir && npx vite preview --outDir ${ownDist} --host 127.0.0.1 --port ${ownPort} --strictPort`
  : 'npm run preview';

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: ownPort ? `test-results-${ownPort}` : 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: server,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI && !ownPort,
    timeout: 120_000,
  },
});
