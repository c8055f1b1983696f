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
  },
});
