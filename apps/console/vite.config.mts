import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The console's single-page app: built into dist/console-web, which the console server serves.
// JSX is compiled by Vite's own transformer (React's automatic runtime); no plugin is needed.
export default defineConfig({
  root: resolve(import.meta.dirname, 'web'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console-web'),
    emptyOutDir: true,
    sourcemap: true,
    // The budget (300 KB gzip of initial JavaScript) is checked by scripts/console-budget.mjs.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // React Server Components' "use client" markers mean nothing in a client-only bundle.
      onLog: (level, log, handler) => (log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handler(level, log)),
    },
  },
  server: {
    proxy: Object.fromEntries(['/portal', '/waf', '/ct', '/session'].map((path) => [path, 'http://127.0.0.1:3003'])),
  },
  test: {
    root: resolve(import.meta.dirname, 'web'),
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
