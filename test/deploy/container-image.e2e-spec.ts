/**
 * The Dockerfile cannot be built here (no Docker engine), so what can go wrong without a build is
 * checked: every path it copies exists and is not excluded by .dockerignore, its command is the
 * package's `start:container` script, and that command really runs the service SERVICE names.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../libs/platform/src/launcher/services';
import { built, repositoryRoot } from '../harness/built';
import { run, waitFor } from '../harness/child-process';
import { freePort } from '../harness/free-port';

const dockerfile = readFileSync(join(repositoryRoot, 'deploy/docker/Dockerfile'), 'utf8');
// Instructions with their continuation lines joined.
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8'));
const ignored = readFileSync(join(repositoryRoot, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const json = (instruction: string) => JSON.parse(instruction.replace(/^\w+\s+/, ''));

describe('deploy/docker/Dockerfile', () => {
  it('copies only paths that exist in the build context and that .dockerignore keeps', () => {
    const copied = instructions.filter((line) => line.startsWith('COPY ') && !line.includes('--from=')).flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(copied.length).toBeGreaterThan(0);
    for (const path of copied) {
      expect({ path, exists: existsSync(join(repositoryRoot, path)) }).toEqual({ path, exists: true });
      expect({ path, ignored: ignored.includes(path) }).toEqual({ path, ignored: false });
    }
  });

  it('builds in one stage and runs in another, as a non-root user, in production mode, with a health check', () => {
    expect(instructions.filter((line) => line.startsWith('FROM '))).toEqual(['FROM node:24-bookworm-slim AS build', 'FROM node:24-bookworm-slim']);
    const runtime = instructions.slice(instructions.indexOf('FROM node:24-bookworm-slim'));
    expect(runtime.join('\n')).toMatch(/ENV NODE_ENV=production/);
    expect(runtime.find((line) => line.startsWith('USER '))).toMatch(/^USER [1-9]\d*(:[1-9]\d*)?$/);
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK '))).toContain('/health/live');
    expect(instructions.join('\n')).toContain('npm prune --omit=dev');
    const port = /PORT=(\d+)/.exec(runtime.join('\n'))?.[1];
    expect(runtime).toContain(`EXPOSE ${port}`);
  });

  it('carries the WAF node engine the agent checks bundles with: nginx, libmodsecurity and the CRS', () => {
    const runtime = instructions.slice(instructions.indexOf('FROM node:24-bookworm-slim'));
    const install = runtime.find((line) => line.startsWith('RUN apt-get') && line.includes('install'));
    expect(install?.split(/\s+/)).toEqual(expect.arrayContaining(['nginx-light', 'libnginx-mod-http-modsecurity', 'modsecurity-crs']));
  });

  it("starts with the package.json start:container script, with the servers' heap limits and environment", () => {
    const command = json(instructions.find((line) => line.startsWith('CMD '))!);
    expect(command.join(' ')).toBe(packageJson.scripts['start:container']);
    expect(command.slice(1, 1 + SERVER_NODE_FLAGS.length)).toEqual(SERVER_NODE_FLAGS);
    const env = instructions.find((line) => line.startsWith('ENV NODE_ENV='))!;
    for (const [name, value] of Object.entries(SERVER_ENV)) expect(env.split(/\s+/)).toContain(`${name}=${value}`);
  });
});

describe('the container command (serve.js)', () => {
  it('refuses a missing or unknown SERVICE with exit 78, naming the choices', async () => {
    for (const service of [undefined, 'billing']) {
      const env = { ...process.env, SERVICE: service };
      if (!service) delete env.SERVICE;
      const finished = await run(spawn(process.execPath, [built('libs/platform/src/launcher/serve.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] })).finished;
      expect(finished.code).toBe(78);
      expect(finished.output).toContain('portal, waf-panel, ct-log, console, waf-node');
    }
  });

  it.each(['waf-panel', 'ct-log'])(
    'runs %s in its own process when SERVICE names it, and stops with exit 0 on SIGTERM',
    async (service) => {
      const workdir = mkdtempSync(join(tmpdir(), 'cps-serve-'));
      try {
        const port = await freePort();
        const env = {
          ...process.env,
          SERVICE: service,
          PORT: String(port),
          AUTH_MODE: 'dev',
          AUTH_DEV_KEY_DIR: workdir,
          CTLOG_KEY_DIR: workdir,
          DATABASE_URL: `sqlite:${workdir}/`,
        };
        const child = spawn(process.execPath, [built('libs/platform/src/launcher/serve.js')], { env, cwd: workdir, stdio: ['ignore', 'pipe', 'pipe'] });
        const serving = run(child);
        await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status === 200, 30_000, `${service} to be ready`);
        const docs = (await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json()) as { info: { title: string } };
        expect(docs.info.title.toLowerCase()).toContain(service === 'ct-log' ? 'certificate' : 'waf');
        child.kill('SIGTERM');
        expect((await serving.finished).code).toBe(0);
      } finally {
        rmSync(workdir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
