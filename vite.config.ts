import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      output: {
        // The engine in a chunk of its own, named for what it holds: shared by the page's entry
        // and the parts it loads later (src/ui/page-parts.ts), Rollup would name it after one
        // of its modules.
        manualChunks: (id) => (id.includes('/src/engine/') ? 'engine' : null),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'bench-ui/**/*.test.ts'],
    setupFiles: ['src/fast-check-setup.ts'],
    environment: 'node',
    // No test is timed. A test that runs far too long fails: a synchronous one (nearly all of
    // them) cannot be stopped, so it fails when it returns. Property tests take seconds here
    // and several times that on a slower or loaded CI machine (an AreaLog property took over
    // 5 s there). fast-check ends a property after a minute, with its own report
    // (src/fast-check-setup.ts): the suite's limit is above that, so its report is the one seen.
    testTimeout: 120_000,
  },
});
