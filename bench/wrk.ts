/**
 * Load from `wrk` (Debian package), a second process on loopback: closed-loop, a fixed number of
 * connections on one thread, each request built by a Lua script. The script's `done` hook
 * prints the summary as JSON, so nothing is parsed from wrk's human output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoadResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers with a status of 400 or more. */
  readonly failed: number;
  /** Connect, read, write and timeout errors. */
  readonly socketErrors: number;
}

export interface Load {
  readonly connections: number;
  readonly seconds: number;
  /** Lua defining `request()` (and any state it needs); `done` is appended. */
  readonly script: string;
}

const DONE = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nWRK-JSON {"requests":%d,"duration_us":%d,"failed":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
`;

export function runWrk(url: string, load: Load): LoadResult {
  const directory = mkdtempSync(join(tmpdir(), 'cps-wrk-'));
  try {
    const script = join(directory, 'load.lua');
    writeFileSync(script, `${load.script}\n${DONE}`);
    const wrk = spawnSync('wrk', ['-t1', `-c${load.connections}`, `-d${load.seconds}s`, '--timeout', '10s', '-s', script, url], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = /^WRK-JSON (.*)$/m.exec(wrk.stdout ?? '');
    if (wrk.status !== 0 || !line) throw new Error(`wrk failed (${wrk.status}): ${wrk.stderr}${wrk.stdout}`);
    const summary = JSON.parse(line[1]) as { requests: number; duration_us: number; failed: number; socket_errors: number; p50_us: number; p99_us: number };
    return {
      requests: summary.requests,
      perSecond: summary.requests / (summary.duration_us / 1e6),
      p50Ms: summary.p50_us / 1000,
      p99Ms: summary.p99_us / 1000,
      failed: summary.failed,
      socketErrors: summary.socket_errors,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** A Lua string literal. */
export function lua(text: string): string {
  return JSON.stringify(text);
}
