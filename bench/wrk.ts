/**
 * Load from `wrk` (Debian package), a second process on loopback: closed-loop, a fixed number of
 * connections on one thread, each request built by a Lua script. The script's `done` hook
 * prints the summary as JSON, so nothing is parsed from wrk's human output.
 */
import { spawn, spawnSync } from 'node:child_process';
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

/** Runs wrk to the end, blocking: nothing else of this process competes with the load. */
export function runWrk(url: string, load: Load): LoadResult {
  const directory = mkdtempSync(join(tmpdir(), 'cps-wrk-'));
  try {
    const wrk = spawnSync('wrk', wrkArguments(directory, url, load), { encoding: 'utf8', maxBuffer: 1 << 24 });
    return summaryOf(wrk.status, wrk.stdout ?? '', wrk.stderr ?? '');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Runs wrk while this process goes on (sampling, other loads); resolves with its summary. */
export function runWrkInBackground(url: string, load: Load): Promise<LoadResult> {
  const directory = mkdtempSync(join(tmpdir(), 'cps-wrk-'));
  const wrk = spawn('wrk', wrkArguments(directory, url, load));
  let stdout = '';
  let stderr = '';
  wrk.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  wrk.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<LoadResult>((resolve, reject) => {
    wrk.on('error', reject);
    wrk.on('close', (status) => {
      rmSync(directory, { recursive: true, force: true });
      try {
        resolve(summaryOf(status, stdout, stderr));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function wrkArguments(directory: string, url: string, load: Load): string[] {
  const script = join(directory, 'load.lua');
  writeFileSync(script, `${load.script}\n${DONE}`);
  return ['-t1', `-c${load.connections}`, `-d${load.seconds}s`, '--timeout', '10s', '-s', script, url];
}

function summaryOf(status: number | null, stdout: string, stderr: string): LoadResult {
  const line = /^WRK-JSON (.*)$/m.exec(stdout);
  if (status !== 0 || !line) throw new Error(`wrk failed (${status}): ${stderr}${stdout}`);
  const summary = JSON.parse(line[1]) as { requests: number; duration_us: number; failed: number; socket_errors: number; p50_us: number; p99_us: number };
  return {
    requests: summary.requests,
    perSecond: summary.requests / (summary.duration_us / 1e6),
    p50Ms: summary.p50_us / 1000,
    p99Ms: summary.p99_us / 1000,
    failed: summary.failed,
    socketErrors: summary.socket_errors,
  };
}

/** A Lua string literal. */
export function lua(text: string): string {
  return JSON.stringify(text);
}
