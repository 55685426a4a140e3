/**
 * `npm start` (the three services and the console) and `npm run start:<service>` (one): runs them side by side,
 * waits until each is ready, prints where they are and how to get a token, and stops them
 * together on Ctrl-C or SIGTERM. Local runs default to AUTH_MODE=dev.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { readPort } from '@lib/persistence';
import { distRoot, SERVER_ENV, SERVER_NODE_FLAGS, SERVICES } from './services';

interface LaunchedService {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
}

const READY_TIMEOUT_MS = 60_000;
let stopping = false;

function selectedServices(names: string[]): Array<(typeof SERVICES)[number]> {
  if (names.length === 0) return SERVICES.filter((service) => service.byDefault);
  const unknown = names.filter((name) => !SERVICES.some((service) => service.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown service ${unknown.join(', ')}; choose from ${SERVICES.map((s) => s.name).join(', ')}\n`);
    process.exit(2);
  }
  return SERVICES.filter((service) => names.includes(service.name));
}

function launch(names: string[]): LaunchedService[] {
  // The console reaches the services where this launcher starts them, unless told otherwise.
  const upstreams = Object.fromEntries(
    SERVICES.flatMap((service) =>
      service.urlVariable
        ? [[service.urlVariable, process.env[service.urlVariable] ?? `http://127.0.0.1:${readPort(process.env, service.portVariable, service.defaultPort)}`]]
        : [],
    ),
  );
  return selectedServices(names).map((service) => {
    // A service started alone honours PORT, as in its container; together they need one each.
    const ownPort = readPort(process.env, service.portVariable, service.defaultPort);
    const port = names.length === 1 ? readPort(process.env, 'PORT', ownPort) : ownPort;
    const env = { ...SERVER_ENV, ...upstreams, ...process.env, PORT: String(port), AUTH_MODE: process.env.AUTH_MODE ?? 'dev' };
    const child = fork(resolve(distRoot, service.entry), [], { env, stdio: 'inherit', execArgv: [...SERVER_NODE_FLAGS] });
    return { name: service.name, port, child };
  });
}

async function waitUntilReady(service: LaunchedService): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with code ${service.child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${service.name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function stopAll(services: LaunchedService[], exitCode: number): void {
  // A service that could not start says why; its exit code (78: configuration) is passed on.
  const failed = services.find((service) => service.child.exitCode !== null && service.child.exitCode !== 0);
  if (exitCode !== 0 && failed?.child.exitCode) exitCode = failed.child.exitCode;
  if (stopping) return;
  stopping = true;
  const running = services.filter((service) => service.child.exitCode === null && service.child.signalCode === null);
  let remaining = running.length;
  if (remaining === 0) process.exit(exitCode);
  for (const service of running) {
    service.child.once('exit', () => {
      if (--remaining === 0) process.exit(exitCode);
    });
    service.child.kill('SIGTERM');
  }
}

function banner(services: LaunchedService[]): string {
  const rows = services.map((s) =>
    s.name === 'console'
      ? `  ${s.name.padEnd(10)} http://localhost:${s.port}   (open it in a browser and sign in)`
      : `  ${s.name.padEnd(10)} http://localhost:${s.port}   API docs: http://localhost:${s.port}/api/docs`,
  );
  const token =
    process.env.AUTH_MODE && process.env.AUTH_MODE !== 'dev'
      ? []
      : ['Get a token:    npm run -s token -- --tenant d3000000-0000-4000-8000-000000000001 --roles Admin   (the portal demo tenant)'];
  return [
    '',
    `Ready (AUTH_MODE=${process.env.AUTH_MODE ?? 'dev'}):`,
    ...rows,
    '',
    ...token,
    'Health: /health/live, /health/ready   Metrics: /metrics   Stop: Ctrl-C',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const services = launch(process.argv.slice(2));
  for (const service of services) {
    service.child.on('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others\n`);
      stopAll(services, 1);
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(services, 0));
  try {
    await Promise.all(services.map(waitUntilReady));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    stopAll(services, 1);
    return;
  }
  process.stdout.write(banner(services));
}

void main();
