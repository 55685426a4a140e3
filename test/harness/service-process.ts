/**
 * A built server started as its own process, as in production (with the production heap limits and environment):
 * the load generator never shares its event loop, its resident memory is its own, and it can be
 * killed like a pod.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../libs/platform/src/launcher/services';
import { built } from './built';
import { run, waitFor } from './child-process';
import { freePort } from './free-port';

export interface ServerProcess {
  readonly base: string;
  readonly port: number;
  /** Resident and peak resident set size, in MiB, from /proc. */
  memory(): { rssMiB: number; peakMiB: number };
  /** Everything the process wrote to stderr so far. */
  output(): string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, as the kernel's OOM killer or a lost node does it, and wait for the exit. */
  kill(): Promise<void>;
}

/** Starts `dist/<script>` with `env` (on `port`, or a free one) and waits for its readiness route. */
export async function startServerProcess(script: string, env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const listenOn = port ?? (await freePort());
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, built(script)], {
    env: { ...SERVER_ENV, ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(listenOn) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const running = run(child);
  const base = `http://127.0.0.1:${listenOn}`;
  let exited = false;
  void running.finished.then(() => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`${script} exited while starting:\n${running.output().slice(-2000)}`);
      return (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
    },
    60_000,
    `${script} to be ready`,
  );
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const mib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status())?.[1] ?? Number.NaN) / 1024;
  const end = async (signal: NodeJS.Signals) => {
    if (!exited) child.kill(signal);
    await running.finished;
  };
  return {
    base,
    port: listenOn,
    memory: () => ({ rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM') }),
    output: running.output,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
