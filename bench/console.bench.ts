/**
 * The console's first screen: from navigation to the policy list on screen (the app loaded,
 * the session read, the list fetched through the console from the WAF panel), in Debian's
 * Chromium on loopback. Target: under one second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../test/harness/chromium';
import { startServerProcess } from '../test/harness/service-process';
import { type BenchResult, verdict } from './bench-result';

const ROUNDS = 20;
const TENANT = 'be000000-0000-4000-8000-000000000001';

export async function benchConsole(databaseUrl: string): Promise<BenchResult[]> {
  const keys = mkdtempSync(join(tmpdir(), 'bench-console-keys-'));
  const shared = { AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keys, LOG_LEVEL: 'warn' };
  const waf = await startServerProcess('apps/waf-panel/src/main.js', { ...shared, DATABASE_URL: databaseUrl });
  const server = await startServerProcess('apps/console/src/main.js', { ...shared, WAF_PANEL_URL: waf.base });
  const browser = await launchChromium();
  try {
    const origin = server.base.replace('127.0.0.1', 'localhost');
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A new context each round: nothing cached, as for a user opening the console.
      const context = await browser.newContext();
      const page = await context.newPage();
      const signedIn = await page.request.post(`${origin}/session/dev`, { data: { tenant: TENANT, roles: ['Admin'] } });
      if (!signedIn.ok()) throw new Error(`dev sign-in answered ${signedIn.status()}`);
      const started = performance.now();
      await page.goto(`${origin}/app/waf/policies`);
      await page.getByRole('heading', { name: 'Policies' }).waitFor();
      await page
        .getByText(/No policies yet|Show more policies|Name contains/)
        .first()
        .waitFor();
      await page.getByRole('form', { name: 'Create a policy' }).waitFor();
      samples.push(performance.now() - started);
      await context.close();
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(ROUNDS / 2)];
    return [
      {
        name: 'console: first screen (policy list) usable, from navigation, cold browser context',
        unit: 'ms',
        median,
        p95: samples[Math.floor(ROUNDS * 0.95)],
        rounds: ROUNDS,
        target: `< 1000 ms: ${verdict(median < 1000)}`,
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
    await waf.stop();
    rmSync(keys, { recursive: true, force: true });
  }
}
