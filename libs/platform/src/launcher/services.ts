import { resolve } from 'node:path';

/** The three services: where each one's built entry point is, and its port when run side by side. */
export const SERVICES = [
  { name: 'portal', entry: 'apps/portal/src/main.js', portVariable: 'PORTAL_PORT', defaultPort: 3000 },
  { name: 'waf-panel', entry: 'apps/waf-panel/src/main.js', portVariable: 'WAF_PANEL_PORT', defaultPort: 3001 },
  { name: 'ct-log', entry: 'apps/ct-log/src/main.js', portVariable: 'CT_LOG_PORT', defaultPort: 3002 },
] as const;

/** `dist/`, where the entries are. */
export const distRoot = resolve(__dirname, '../../../..');
