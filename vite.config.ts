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
    // No test is timed: the timeout only stops a hang. Property tests take seconds here and
    // several times that on a slower or loaded CI machine (an AreaLog property took 5 s there);
    // fast-check stops its own runs after a minute (src/fast-check-setup.ts).
    testTimeout: 60_000,
  },
});
