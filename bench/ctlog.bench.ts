/**
 * ct-log against its performance goals, on one node with PostgreSQL (fsync and synchronous
 * commit on). G2 drives the in-process sequencer with pre-built leaves; G1/G3 submit real chains
 * over HTTP from 64 concurrent clients; G4 and G9 are read from what G1 stored; G5–G7 read over
 * HTTP from a tree built by G2; G8 submits to a log whose pool is full.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { LogRegistry } from '../apps/ct-log/src/logs/log-registry';
import { rawLeafIdentityHash } from '../apps/ct-log/src/formats/event-leaf';
import { ADMIN, holdSequencer, SUBMITTER, startCtLog, waitServing } from '../apps/ct-log/test/ct-harness';
import { createRoot, issue } from '../apps/ct-log/test/test-pki';
import { withAdminClient } from '../test/harness/postgres';
import type { BenchResult } from './bench-result';

const RAW_ENTRIES = 100_000;
const SUBMISSIONS = 4_000;
const CLIENTS = 64;

export async function benchCtLog(databaseUrl: string): Promise<BenchResult[]> {
  const ct = await startCtLog({ kind: 'postgres', url: databaseUrl }, { CTLOG_KEY_DIR: mkdtempSync(join(tmpdir(), 'ctlog-bench-keys-')) });
  const results: BenchResult[] = [];
  try {
    await ct.call('POST', '/api/v1/admin/logs', {
      who: ADMIN,
      body: { name: 'bench-raw', kind: 'events', key: 'generate', config: { pool_size: 100_000, batch_max_size: 4096 } },
    });
    await waitServing(ct, 'bench-raw');

    // G2: pre-built leaves through the in-process pool and sequencer.
    const runtime = (await ct.service.app.get(LogRegistry).find('bench-raw'))!;
    const started = performance.now();
    const inFlight: Array<Promise<unknown>> = [];
    for (let at = 0; at < RAW_ENTRIES; at += 256) {
      const leaves = Array.from({ length: 256 }, () => randomBytes(200));
      inFlight.push(
        Promise.all(
          runtime.pool.admit(
            leaves.map((leaf) => ({
              identityHash: rawLeafIdentityHash(leaf),
              lowPriority: false,
              build: () => leaf,
              preCertificate: null,
              issuers: [],
              notAfter: null,
            })),
          ),
        ),
      );
      if (inFlight.length >= 32) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const rate = RAW_ENTRIES / ((performance.now() - started) / 1000);
    results.push({ name: `ct-log G2 raw append (${RAW_ENTRIES} leaves)`, unit: 'entries/s', median: rate, p95: rate, rounds: 1, target: '≥ 3,000 entries/s' });

    await new Promise((resolve) => setTimeout(resolve, 1200));
    const size = runtime.head!.treeSize;
    results.push(await latency('ct-log G5 get-sth', 2000, () => `/logs/bench-raw/ct/v1/get-sth`, ct.base, 'p99 < 10 ms'));
    results.push(
      await latency(
        `ct-log G6 get-entry-and-proof at ${size}`,
        2000,
        () => `/logs/bench-raw/ct/v1/get-entry-and-proof?leaf_index=${Math.floor(Math.random() * size)}&tree_size=${size}`,
        ct.base,
        'p50 ≤ 2 ms, p99 ≤ 10 ms',
      ),
    );
    results.push(
      await latency(
        'ct-log G7 get-entries (256)',
        300,
        () => {
          const start = Math.floor(Math.random() * (size - 256));
          return `/logs/bench-raw/ct/v1/get-entries?start=${start}&end=${start + 255}`;
        },
        ct.base,
        'p99 ≤ 250 ms',
      ),
    );

    // G1/G3: add-chain with chain validation and SCT signing from 64 clients.
    const root = await createRoot('Bench Root');
    const intermediate = await issue(root, { ca: true, cn: 'Bench Intermediate' });
    await ct.call('POST', '/api/v1/admin/logs', { who: ADMIN, body: { name: 'bench-ct', kind: 'rfc6962', key: 'generate', roots: [root.b64] } });
    await waitServing(ct, 'bench-ct');
    const chains = await Promise.all(
      Array.from({ length: SUBMISSIONS }, async () => JSON.stringify({ chain: [(await issue(intermediate)).b64, intermediate.b64] })),
    );
    const token = await ct.token(SUBMITTER);
    const storedBefore = await storedBytes(databaseUrl);
    const submitStarted = performance.now();
    const { latencies, failures: errors } = await clientsOnWorker(
      ct.base,
      chains.map((body) => ({ path: '/logs/bench-ct/ct/v1/add-chain', body })),
      CLIENTS,
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    );
    const submitRate = SUBMISSIONS / ((performance.now() - submitStarted) / 1000);
    results.push({
      name: `ct-log G1 add-chain, ${CLIENTS} clients (${errors} errors)`,
      unit: 'SCT/s',
      median: submitRate,
      p95: submitRate,
      rounds: SUBMISSIONS,
      target: '≥ 500/s, 0 errors',
    });
    results.push({
      name: 'ct-log G3 submission → SCT',
      unit: 'ms',
      ...percentiles(latencies),
      rounds: latencies.length,
      target: 'p50 ≤ 200 ms, p99 ≤ 2500 ms',
    });

    // G9: what G1's entries added to the database (tables and indexes), scaled to a million.
    const perMillion = ((((await storedBytes(databaseUrl)) - storedBefore) / SUBMISSIONS) * 1e6) / 2 ** 30;
    results.push({
      name: `ct-log G9 storage per million rfc6962 entries (from ${SUBMISSIONS})`,
      unit: 'GiB',
      median: perMillion,
      p95: perMillion,
      rounds: 1,
      target: '≤ 10 GB',
    });

    // G4: each entry's timestamp to the first stored head that covers it.
    const delays = await mergeDelays(databaseUrl, 'bench-ct');
    results.push({
      name: 'ct-log G4 merge delay (SCT timestamp → covering head)',
      unit: 'ms',
      ...percentiles(delays),
      rounds: delays.length,
      target: 'p99 ≤ 3000 ms',
    });

    // G8: a full pool answers at once (its one item's batch waits for the sequencer lock, held here).
    await ct.call('POST', '/api/v1/admin/logs', {
      who: ADMIN,
      body: { name: 'bench-full', kind: 'rfc6962', key: 'generate', roots: [root.b64], config: { pool_size: 1 } },
    });
    await waitServing(ct, 'bench-full');
    const fullPool = (await ct.service.app.get(LogRegistry).find('bench-full'))!.pool;
    const submit = (body: string) =>
      fetch(`${ct.base}/logs/bench-full/ct/v1/add-chain`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const refusals: number[] = [];
    const release = await holdSequencer({ kind: 'postgres', url: databaseUrl }, 'bench-full');
    try {
      void submit(chains[0]).catch(() => undefined);
      while (fullPool.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      for (const body of chains.slice(1, 1001)) {
        const t0 = performance.now();
        const answer = await submit(body);
        await answer.arrayBuffer();
        if (answer.status !== 503 || !answer.headers.get('retry-after')) throw new Error(`G8: expected 503 with Retry-After, got ${answer.status}`);
        refusals.push(performance.now() - t0);
      }
    } finally {
      await release();
    }
    results.push({
      name: 'ct-log G8 full pool → 503 + Retry-After (chain validated first)',
      unit: 'ms',
      ...percentiles(refusals),
      rounds: refusals.length,
      target: '< 5 ms (client-side time, loopback)',
    });
  } finally {
    await ct.close();
  }
  return results;
}

/** One client's sequential reads of `rounds` paths, timed on the client side. */
async function latency(name: string, rounds: number, path: () => string, base: string, target: string): Promise<BenchResult> {
  const { latencies, failures } = await clientsOnWorker(
    base,
    Array.from({ length: rounds }, () => ({ path: path() })),
    1,
  );
  if (failures > 0) throw new Error(`${name}: ${failures} answers were not 200`);
  return { name, unit: 'ms', ...percentiles(latencies), rounds, target: `${target} (client-side time, loopback)` };
}

/** Bytes of the ctlog tables and their indexes. */
async function storedBytes(databaseUrl: string): Promise<number> {
  return withAdminClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ctlog' AND c.relkind = 'r'`,
    );
    return Number(rows[0].bytes);
  });
}

/** Per entry: the first stored head covering it minus the entry's (= its SCT's) timestamp. */
async function mergeDelays(databaseUrl: string, log: string): Promise<number[]> {
  return withAdminClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT (SELECT min(s.timestamp_ms) FROM ctlog.sth s WHERE s.tenant_id = e.tenant_id AND s.log_id = e.log_id AND s.tree_size > e.leaf_index) - e.timestamp_ms AS delay
         FROM ctlog.entries e JOIN ctlog.log_directory d ON d.tenant_id = e.tenant_id AND d.log_id = e.log_id WHERE d.name = $1`,
      [log],
    );
    return rows.map((row) => Number(row.delay));
  });
}

function percentiles(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)] };
}

/**
 * Closed-loop HTTP clients on a worker thread, so the load generator never shares the service's
 * event loop: each client sends the next request once its last answer is back. A request is a
 * path, POSTed with its body when it has one.
 */
const CLIENT_LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, requests, headers, clients } = workerData;
const latencies = [];
let failures = 0;
let next = 0;
Promise.all(Array.from({ length: clients }, async () => {
  while (next < requests.length) {
    const { path, body } = requests[next++];
    const t0 = performance.now();
    const answer = await fetch(base + path, body === undefined ? { headers } : { method: 'POST', headers, body });
    await answer.arrayBuffer();
    if (answer.status !== 200) failures++;
    latencies.push(performance.now() - t0);
  }
})).then(() => parentPort.postMessage({ latencies, failures }));
`;

function clientsOnWorker(
  base: string,
  requests: Array<{ path: string; body?: string }>,
  clients: number,
  headers: Record<string, string> = {},
): Promise<{ latencies: number[]; failures: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_LOOP, { eval: true, workerData: { base, requests, headers, clients } });
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
