/**
 * The services as a user runs them: built, started as processes, stopped by signals.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crsMajorOf, detectCrsVersion } from '@lib/waf';
import { describeBackends } from './harness/backends';
import { built } from './harness/built';
import { run, waitFor } from './harness/child-process';
import { freePort } from './harness/free-port';

describe('a service with a bad DATABASE_URL', () => {
  it.each(['portal', 'waf-panel', 'ct-log'])('%s exits 78 by itself, names the accepted schemes and hides the password', async (app) => {
    const child = spawn(process.execPath, [built(`apps/${app}/src/main.js`)], {
      env: { ...process.env, DATABASE_URL: 'mysql://u:secret@h/db', PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await run(child).finished;
    expect(result.code).toBe(78);
    expect(result.output).toContain('postgres://');
    expect(result.output).toContain('sqlite:');
    expect(result.output).not.toContain('secret');
  });
});

describe('a WAF panel told a CRS version its rule files contradict', () => {
  it('exits 78 naming both versions', async () => {
    const include = '/usr/share/modsecurity-crs/rules/*.conf';
    const installed = detectCrsVersion(include)!;
    const told = crsMajorOf(installed) === 3 ? '4.28.0' : '3.3.4';
    const child = spawn(process.execPath, [built('apps/waf-panel/src/main.js')], {
      env: {
        ...process.env,
        AUTH_MODE: 'dev',
        AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'crs-boot-')),
        DATABASE_URL: 'sqlite::memory:',
        WAF_CRS_INCLUDE: include,
        WAF_CRS_VERSION: told,
        PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await run(child).finished;
    expect(result.code).toBe(78);
    expect(result.output).toContain(`WAF_CRS_VERSION="${told}" disagrees with CRS ${installed} found under WAF_CRS_INCLUDE`);
  });
});

describeBackends('npm start: all three services', (backend) => {
  let workdir: string;

  beforeAll(() => {
    workdir = mkdtempSync(join(tmpdir(), 'cps-start-'));
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'come up ready, then stop cleanly on %s',
    async (signal) => {
      const ports = { PORTAL_PORT: await freePort(), WAF_PANEL_PORT: await freePort(), CT_LOG_PORT: await freePort() };
      const env: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
      if (backend.kind === 'postgres') env.DATABASE_URL = backend.url;
      else delete env.DATABASE_URL; // the zero-configuration default: SQLite under ./data
      const child = spawn(process.execPath, [built('libs/platform/src/launcher/start-all.js')], { cwd: workdir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const launched = run(child);
      try {
        await waitFor(() => launched.output().includes('Ready (AUTH_MODE=dev)'), 30_000, 'the ready banner');
        for (const port of Object.values(ports)) {
          const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
          expect(response.status).toBe(200);
          expect(await response.json()).toMatchObject({ info: { database: { status: 'up', dialect: backend.kind } } });
          expect(launched.output()).toContain(`http://localhost:${port}`);
        }
      } finally {
        child.kill(signal);
      }
      const result = await launched.finished;
      expect(result.code).toBe(0);
      for (const port of Object.values(ports)) await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    },
    60_000,
  );
});
