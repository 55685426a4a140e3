import { resolve } from 'node:path';

/**
 * The servers: where each one's built entry point is, its port when run side by side, and (for the
 * three services) the variable that tells the console where to find it.
 */
export const SERVICES = [
  { name: 'portal', entry: 'apps/portal/src/main.js', portVariable: 'PORTAL_PORT', defaultPort: 3000, urlVariable: 'PORTAL_URL' },
  { name: 'waf-panel', entry: 'apps/waf-panel/src/main.js', portVariable: 'WAF_PANEL_PORT', defaultPort: 3001, urlVariable: 'WAF_PANEL_URL' },
  { name: 'ct-log', entry: 'apps/ct-log/src/main.js', portVariable: 'CT_LOG_PORT', defaultPort: 3002, urlVariable: 'CT_LOG_URL' },
  { name: 'console', entry: 'apps/console/src/main.js', portVariable: 'CONSOLE_PORT', defaultPort: 3003, urlVariable: undefined },
] as const;

/** `dist/`, where the entries are. */
export const distRoot = resolve(__dirname, '../../../..');
