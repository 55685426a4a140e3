/**
 * A built server started as its own process, as in production: the load generator and the bench
 * never share its event loop, and its resident memory is its own.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { run, waitFor } from '../test/harness/child-process';
import { built } from '../test/harness/built';
import { freePort } from '../test/harness/free-port';

export interface ServerProcess {
  readonly base: string;
  /** Resident and peak resident set size, in MiB, from /proc. */
  memory(): { rssMiB: number; peakMiB: number };
  stop(): Promise<void>;
}

/** Starts `dist/<script>` with `env` on a free port and waits for its readiness route. */
export async function startServerProcess(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [built(script)], { env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  const running = run(child);
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  void running.finished.then(() => (exited = true));
  await waitFor(async () => {
    if (exited) throw new Error(`${script} exited while starting:\n${running.output().slice(-2000)}`);
    return (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
  }, 60_000, `${script} to be ready`);
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const mib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status())?.[1] ?? Number.NaN) / 1024;
  return {
    base,
    memory: () => ({ rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM') }),
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await running.finished;
    },
  };
}
