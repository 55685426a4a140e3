/**
 * SIGTERM as Kubernetes sends it, to a real service process: readiness fails first, requests
 * still in flight finish, the pools close, and the process exits 0 within its timeout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken, readAuthConfig } from '@lib/platform';
import { describeBackends } from './harness/backends';
import { built } from './harness/built';
import { run, waitFor } from './harness/child-process';
import { freePort } from './harness/free-port';

const TENANT = 'd3000000-0000-4000-8000-000000000001';
const SOURCE = JSON.stringify({
  name: 'Landed during shutdown',
  source_type: 'kafka',
  domain: 'finance',
  connection: {},
  owner: { name: 'a', email: 'a@contoso.com', team: 't' },
});

describeBackends('graceful shutdown of a service process', (backend) => {
  let workdir: string;
  beforeEach(() => {
    workdir = mkdtempSync(join(tmpdir(), 'cps-shutdown-'));
  });
  afterEach(() => rmSync(workdir, { recursive: true, force: true }));

  /** The portal as its container starts it, with a request whose body is only half sent. */
  const start = async (shutdown: Record<string, string>) => {
    const port = await freePort();
    const env = {
      ...process.env,
      PORT: String(port),
      AUTH_MODE: 'dev',
      AUTH_DEV_KEY_DIR: workdir,
      DATABASE_URL: backend.kind === 'postgres' ? backend.url : `sqlite:${workdir}/`,
      ...shutdown,
    };
    const child = spawn(process.execPath, [built('apps/portal/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const process_ = run(child);
    const readiness = async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status;
    await waitFor(async () => (await readiness()) === 200, 30_000, 'the portal to be ready');
    const token = await mintDevToken({ tenant: TENANT, roles: ['Admin'] }, readAuthConfig({ AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: workdir }));
    const inFlight = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/sources',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(SOURCE) },
    });
    const answer = responseOf(inFlight);
    inFlight.write(SOURCE.slice(0, 20));
    return { child, process: process_, port, readiness, inFlight, answer };
  };

  it('on SIGTERM: readiness fails first, the in-flight request completes, pools close, exit 0', async () => {
    const service = await start({ SHUTDOWN_DRAIN_MS: '1000' });
    service.child.kill('SIGTERM');
    await waitFor(async () => (await service.readiness()) === 503, 5000, 'readiness to fail');
    const body = (await (await fetch(`http://127.0.0.1:${service.port}/health/ready`)).json()) as { error: Record<string, unknown> };
    expect(body.error.shutdown).toMatchObject({ status: 'down', message: 'the service is shutting down' });
    // Readiness failed while the server still served: it had not begun to close.
    expect(service.process.output()).not.toContain('closing the server');

    await waitFor(() => service.process.output().includes('closing the server'), 5000, 'the server to close');
    await expect(fetch(`http://127.0.0.1:${service.port}/health/live`)).rejects.toThrow();
    // The request begun before the signal is still served, on its own connection.
    service.inFlight.end(SOURCE.slice(20));
    const answer = await service.answer;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ name: 'Landed during shutdown' });
    expect(answer.headers.connection).toBe('close');

    const finished = await service.process.finished;
    expect(finished.code).toBe(0);
    const order = ['readiness now fails', 'closing the server', 'stopped: server closed, database pools closed'].map((message) =>
      finished.output.indexOf(message),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }, 60_000);

  it('exits 1 when the shutdown outlasts SHUTDOWN_TIMEOUT_MS, rather than wait to be killed', async () => {
    const service = await start({ SHUTDOWN_DRAIN_MS: '200', SHUTDOWN_TIMEOUT_MS: '1500' });
    const cutOff = service.answer.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    service.child.kill('SIGTERM');
    // The half-sent request never completes, so the server cannot finish closing.
    const finished = await service.process.finished;
    expect(await cutOff).toBe('socket hang up');
    expect(finished.code).toBe(1);
    expect(finished.output).toContain('shutdown timed out');
  }, 60_000);
});

function responseOf(request: ClientRequest): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
  });
}
