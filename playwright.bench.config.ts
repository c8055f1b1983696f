import { defineConfig } from '@playwright/test';
import { BENCH_DIST } from './bench-ui/bench-paths';
import e2e from './playwright.config';

// `npm run bench:ui`: the browser measurements of issue 7, kept out of `npm test` (benchmarks
// report, tests check behaviour). A production build of its own, served on a port of its own,
// so it can run beside the end-to-end tests; the same Chromium and flags as they use.
const port = process.env.BENCH_UI_PORT ?? '4310';

export default defineConfig({
  testDir: 'bench-ui',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // Fast-forwarding the big scenario to the instant measured takes the page minutes.
  timeout: 45 * 60_000,
  reporter: [['list']],
  outputDir: 'test-results-bench',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: e2e.use?.launchOptions,
  },
  webServer: {
    command:
      `npx vite build --outDir ${BENCH_DIST} --emptyOutDir && ` +
      `npx vite preview --outDir ${BENCH_DIST} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    // Never measure a server left over from an older build.
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
