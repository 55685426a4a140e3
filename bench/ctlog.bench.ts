/**
 * ct-log against the goals of spec §10, on one node with PostgreSQL (fsync and synchronous
 * commit on). G2 drives the in-process sequencer with pre-built leaves; G1/G3 submit real chains
 * over HTTP from 64 concurrent clients; G5–G7 read over HTTP from a tree built by G2.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LogRegistry } from '../apps/ct-log/src/logs/log-registry';
import { rawLeafIdentityHash } from '../apps/ct-log/src/formats/event-leaf';
import { ADMIN, SUBMITTER, startCtLog, waitServing } from '../apps/ct-log/test/ct-harness';
import { createRoot, issue } from '../apps/ct-log/test/test-pki';
import type { BenchResult } from './bench-result';

const RAW_ENTRIES = 100_000;
const SUBMISSIONS = 4_000;
const CLIENTS = 64;

export async function benchCtLog(databaseUrl: string): Promise<BenchResult[]> {
  const ct = await startCtLog({ kind: 'postgres', url: databaseUrl }, { CTLOG_KEY_DIR: mkdtempSync(join(tmpdir(), 'ctlog-bench-keys-')) });
  const results: BenchResult[] = [];
  try {
    await ct.call('POST', '/api/v1/admin/logs', { who: ADMIN, body: { name: 'bench-raw', kind: 'events', key: 'generate', config: { pool_size: 100_000, batch_max_size: 4096 } } });
    await waitServing(ct, 'bench-raw');

    // G2: pre-built leaves through the in-process pool and sequencer.
    const runtime = (await ct.service.app.get(LogRegistry).find('bench-raw'))!;
    const started = performance.now();
    const inFlight: Array<Promise<unknown>> = [];
    for (let at = 0; at < RAW_ENTRIES; at += 256) {
      const leaves = Array.from({ length: 256 }, () => randomBytes(200));
      inFlight.push(
        Promise.all(runtime.pool.admit(leaves.map((leaf) => ({ identityHash: rawLeafIdentityHash(leaf), lowPriority: false, build: () => leaf, preCertificate: null, issuers: [], notAfter: null })))),
      );
      if (inFlight.length >= 32) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const rate = RAW_ENTRIES / ((performance.now() - started) / 1000);
    results.push({ name: `ct-log G2 raw append (${RAW_ENTRIES} leaves)`, unit: 'entries/s', median: rate, p95: rate, rounds: 1, target: '≥ 3,000 entries/s' });

    await new Promise((resolve) => setTimeout(resolve, 1200));
    const size = runtime.head!.treeSize;
    results.push(await latency('ct-log G5 get-sth', 2000, () => `/logs/bench-raw/ct/v1/get-sth`, ct.base, 'p99 < 10 ms'));
    results.push(await latency(`ct-log G6 get-entry-and-proof at ${size}`, 2000, () => `/logs/bench-raw/ct/v1/get-entry-and-proof?leaf_index=${Math.floor(Math.random() * size)}&tree_size=${size}`, ct.base, 'p50 ≤ 2 ms, p99 ≤ 10 ms'));
    results.push(await latency('ct-log G7 get-entries (256)', 300, () => { const start = Math.floor(Math.random() * (size - 256)); return `/logs/bench-raw/ct/v1/get-entries?start=${start}&end=${start + 255}`; }, ct.base, 'p99 ≤ 250 ms'));

    // G1/G3: add-chain with chain validation and SCT signing from 64 clients.
    const root = await createRoot('Bench Root');
    const intermediate = await issue(root, { ca: true, cn: 'Bench Intermediate' });
    await ct.call('POST', '/api/v1/admin/logs', { who: ADMIN, body: { name: 'bench-ct', kind: 'rfc6962', key: 'generate', roots: [root.b64] } });
    await waitServing(ct, 'bench-ct');
    const chains = await Promise.all(Array.from({ length: SUBMISSIONS }, async () => JSON.stringify({ chain: [(await issue(intermediate)).b64, intermediate.b64] })));
    const token = await ct.token(SUBMITTER);
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const submitStarted = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < chains.length) {
          const body = chains[next++];
          const t0 = performance.now();
          const answer = await fetch(`${ct.base}/logs/bench-ct/ct/v1/add-chain`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
          await answer.arrayBuffer();
          if (answer.status !== 200) errors++;
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const submitRate = SUBMISSIONS / ((performance.now() - submitStarted) / 1000);
    results.push({ name: `ct-log G1 add-chain, ${CLIENTS} clients (${errors} errors)`, unit: 'SCT/s', median: submitRate, p95: submitRate, rounds: SUBMISSIONS, target: '≥ 500/s, 0 errors' });
    results.push({ name: 'ct-log G3 submission → SCT', unit: 'ms', ...percentiles(latencies), rounds: latencies.length, target: 'p50 ≤ 1000 ms, p99 ≤ 2500 ms' });
  } finally {
    await ct.close();
  }
  return results;
}

async function latency(name: string, rounds: number, path: () => string, base: string, target: string): Promise<BenchResult> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const answer = await fetch(`${base}${path()}`);
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`${name}: HTTP ${answer.status}`);
    samples.push(performance.now() - t0);
  }
  return { name, unit: 'ms', ...percentiles(samples), rounds, target: `${target} (client-side time, loopback)` };
}

function percentiles(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)] };
}
