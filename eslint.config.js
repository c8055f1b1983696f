import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The engine is framework-free and deterministic: it may not reach for the DOM, Svelte, d3,
// Node, wall-clock time or unseeded randomness. tsconfig.engine.json backs this up at type level.
const engineRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['svelte', 'svelte/*'], message: 'src/engine must not import Svelte.' },
        { group: ['d3', 'd3-*'], message: 'src/engine must not import d3.' },
        { group: ['node:*'], message: 'src/engine must not import Node modules.' },
        {
          group: ['**/ui/**', '**/cli/**'],
          message: 'Imports point down: engine never imports ui or cli.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'navigator', 'localStorage', 'process', 'performance', 'Date'].map(
      (name) => ({
        name,
        message: `src/engine must not use ${name}: it is host-specific or wall-clock.`,
      }),
    ),
    ...['setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame', 'queueMicrotask'].map(
      (name) => ({ name, message: `src/engine must not use ${name}: time is the scheduler's.` }),
    ),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded PRNG (sim/prng.ts).' },
    { object: 'Date', property: 'now', message: 'Use the simulated clock.' },
  ],
};

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      'test-results/',
      'test-results-*/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: engineRules,
  },
);
