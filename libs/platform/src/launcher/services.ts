import { resolve } from 'node:path';

/**
 * The servers: where each one's built entry point is, its port when run side by side, (for the
 * three services) the variable that tells the console where to find it, and whether `npm start`
 * runs it. The WAF node agent runs beside an nginx, so only when asked for by name.
 */
export const SERVICES = [
  { name: 'portal', entry: 'apps/portal/src/main.js', portVariable: 'PORTAL_PORT', defaultPort: 3000, urlVariable: 'PORTAL_URL', byDefault: true },
  { name: 'waf-panel', entry: 'apps/waf-panel/src/main.js', portVariable: 'WAF_PANEL_PORT', defaultPort: 3001, urlVariable: 'WAF_PANEL_URL', byDefault: true },
  { name: 'ct-log', entry: 'apps/ct-log/src/main.js', portVariable: 'CT_LOG_PORT', defaultPort: 3002, urlVariable: 'CT_LOG_URL', byDefault: true },
  { name: 'console', entry: 'apps/console/src/main.js', portVariable: 'CONSOLE_PORT', defaultPort: 3003, urlVariable: undefined, byDefault: true },
  { name: 'waf-node', entry: 'apps/waf-node/src/main.js', portVariable: 'PORT', defaultPort: 3004, urlVariable: undefined, byDefault: false },
] as const;

/**
 * V8 heap limits every server runs with (the container's command, `npm start`, the benchmarks):
 * the services' live heap is about 60 MiB after load, and without a limit V8 lets garbage grow the
 * heap past 300 MiB before it collects. An old space of 128 MiB (twice the live set) and small
 * young-generation semi-spaces keep each process under 200 MiB RSS (docs/performance.md).
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=4'] as const;

/**
 * The environment every server runs with, beside those flags: glibc's malloc keeps an arena per
 * thread (up to eight per core) and returns little of them; two arenas take about 10 MiB less
 * resident memory after load (docs/performance.md). The container image sets the same.
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' } as const;

/** `dist/`, where the entries are. */
export const distRoot = resolve(__dirname, '../../../..');
