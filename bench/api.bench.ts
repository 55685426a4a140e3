/**
 * The portal's sources routes on PostgreSQL with row-level security, against three peers in the
 * same run on the same database: the bare `node:http` + `pg` server in bench/peers (the
 * framework-overhead limit), the same portal process with the policies disabled (the RLS cost),
 * and `pgbench -S` (the database limit). Ten tenants of 10,000 sources each; every request
 * carries a token of one of them, round-robin.
 *
 * Load is closed-loop (wrk). Per route, the bare peer is first driven at rising concurrency; the
 * smallest number of connections that gets 95 % of its best rate is its saturation point, and
 * every target is then measured at that concurrency: "p99 at the peer's saturation rate" is
 * the p99 each target answers with under the load that saturates the peer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken, readAuthConfig } from '../libs/platform/src';
import { genesisHash } from '../apps/portal/src/common/audit-trail';
import { PORTAL_TENANT_TABLES } from '../migrations/portal/002_enable_row_level_security';
import { startPgBouncer } from '../test/harness/pgbouncer';
import { withAdminClient } from '../test/harness/postgres';
import { type BenchResult, ratio, verdict } from './bench-result';
import { type ServerProcess, startServerProcess } from '../test/harness/service-process';
import { type LoadResult, lua, runWrk } from './wrk';

const TENANTS = 10;
const SOURCES_PER_TENANT = 10_000;
const CONCURRENCY_STEPS = [2, 4, 8, 16, 32, 64];
const PGBENCH_CLIENTS = 16;
const ROUNDS = 3;
/** The PgBouncer row: this many client connections (the portal's pool, and wrk's) over this many server connections. */
const POOLED_CLIENTS = 200;
const POOLED_SERVER_CONNECTIONS = 20;
const SECONDS = 5;
const WARM_UP_SECONDS = 3;

type Route = 'list' | 'get' | 'post';
/** The portal, the bare peer, and the portal with its policies disabled. */
type Label = 'portal' | 'bare' | 'noRls';
const ROUTES: Record<Route, { title: string; lua: string }> = {
  list: { title: 'GET /api/v1/sources?limit=50', lua: 'return wrk.format("GET", "/api/v1/sources?limit=50", headers)' },
  get: {
    title: 'GET /api/v1/sources/{id}',
    lua: `return wrk.format("GET", string.format("/api/v1/sources/${sourceId('%012d')}", math.random(1, ${SOURCES_PER_TENANT})), headers)`,
  },
  post: {
    title: 'POST /api/v1/sources',
    lua: `headers["content-type"] = "application/json"
  return wrk.format("POST", "/api/v1/sources", headers, string.format('{"name":"Bench %d","source_type":"kafka","domain":"finance","connection":{"host":"kafka.internal","port":9092},"owner":{"name":"Bench","email":"bench@contoso.com","team":"platform"}}', n))`,
  },
};

function sourceId(serial: string): string {
  return `00000000-0000-4000-8000-${serial}`;
}

export async function benchApi(databaseUrl: string): Promise<BenchResult[]> {
  const keys = mkdtempSync(join(tmpdir(), 'cps-bench-api-keys-'));
  const auth = { AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keys };
  const tenants = Array.from({ length: TENANTS }, (_, i) => `b0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
  const portal = await startServerProcess('apps/portal/src/main.js', { DATABASE_URL: databaseUrl, DEMO_DATA: 'false', ...auth });
  let peer: ServerProcess | undefined;
  try {
    await seed(databaseUrl, tenants);
    peer = await startServerProcess('bench/peers/bare-portal.js', { DATABASE_URL: databaseUrl, ...auth });
    const config = readAuthConfig(auth);
    const tokens = await Promise.all(
      tenants.map((tenant, i) => mintDevToken({ tenant, roles: ['Admin'], subject: `bench-${i}`, email: `bench${i}@contoso.com` }, config)),
    );
    const saturation = {} as Record<Route, number>;
    for (const route of Object.keys(ROUTES) as Route[]) {
      const steps = CONCURRENCY_STEPS.map((connections) => ({
        connections,
        rate: runWrk(peer!.base, { connections, seconds: WARM_UP_SECONDS, script: script(tokens, route) }).perSecond,
      }));
      const best = Math.max(...steps.map((step) => step.rate));
      saturation[route] = steps.find((step) => step.rate >= 0.95 * best)!.connections;
      process.stderr.write(
        `  bare peer ${route} saturates at ${saturation[route]} connections (${steps.map((step) => `${step.connections}: ${Math.round(step.rate)}/s`).join(', ')})\n`,
      );
    }
    const load = (target: ServerProcess, route: Route, seconds = SECONDS) =>
      runWrk(target.base, { connections: saturation[route], seconds, script: script(tokens, route) });

    // Interleaved rounds, reads first (every target reads tables of the same size), then writes;
    // each figure is the target's median round, so a noisy neighbour moment hits one round only.
    const rounds: Record<Label, Record<Route, LoadResult[]>> = {
      portal: { list: [], get: [], post: [] },
      bare: { list: [], get: [], post: [] },
      noRls: { list: [], get: [], post: [] },
    };
    const targets: Record<Label, ServerProcess> = { portal, bare: peer, noRls: portal };
    for (const routes of [['list', 'get'], ['post']] as Route[][]) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const label of Object.keys(rounds) as Label[]) {
          const measure = () => {
            for (const route of routes) {
              process.stderr.write(`  round ${round + 1}: ${label} ${route}\n`);
              if (round === 0) load(targets[label], route, WARM_UP_SECONDS);
              rounds[label][route].push(load(targets[label], route));
            }
          };
          if (label === 'noRls') await withoutRls(databaseUrl, measure);
          else measure();
        }
      }
    }
    const median = (results: LoadResult[]) => [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)];
    const measured = (label: Label, route: Route) => median(rounds[label][route]);
    const portalMemory = portal.memory();
    const pooled = await throughPgBouncer(databaseUrl, auth, (target) =>
      runWrk(target.base, { connections: POOLED_CLIENTS, seconds: SECONDS, script: script(tokens, 'get') }),
    );
    const database = pgbench(databaseUrl);

    const results: BenchResult[] = [];
    for (const route of ['list', 'get', 'post'] as Route[]) {
      const row = (label: string, result: LoadResult, target?: string): BenchResult => ({
        name: `${ROUTES[route].title}: ${label}, ${saturation[route]} connections${result.failed + result.socketErrors ? ` (${result.failed} failed, ${result.socketErrors} socket errors)` : ''}`,
        unit: 'req/s',
        median: result.perSecond,
        p95: Number.NaN,
        latency: { p50: result.p50Ms, p99: result.p99Ms },
        rounds: result.requests,
        target,
      });
      const ours = measured('portal', route);
      const bare = measured('bare', route);
      const noRls = measured('noRls', route);
      results.push(
        row(`portal (RLS on), median of ${ROUNDS} rounds`, ours, `p99 < 50 ms: ${verdict(ours.p99Ms < 50)}`),
        row('bare node:http + pg peer', bare),
        row('portal, RLS policies disabled', noRls),
        ratio(`${ROUTES[route].title}: portal ÷ bare peer`, ours.perSecond / bare.perSecond, route === 'post' ? undefined : 0.8),
        {
          name: `${ROUTES[route].title}: RLS cost (1 − RLS on ÷ RLS off)`,
          unit: '%',
          median: (1 - ours.perSecond / noRls.perSecond) * 100,
          p95: Number.NaN,
          rounds: 1,
          target: `< 10 %: ${verdict(ours.perSecond / noRls.perSecond > 0.9)}`,
        },
      );
    }
    results.push(
      {
        name: `${ROUTES.get.title}: portal through PgBouncer (transaction mode), ${POOLED_CLIENTS} client connections over ${POOLED_SERVER_CONNECTIONS} server connections${pooled.failed + pooled.socketErrors ? ` (${pooled.failed} failed, ${pooled.socketErrors} socket errors)` : ''}`,
        unit: 'req/s',
        median: pooled.perSecond,
        p95: Number.NaN,
        latency: { p50: pooled.p50Ms, p99: pooled.p99Ms },
        rounds: pooled.requests,
        target: `no failures: ${verdict(pooled.failed + pooled.socketErrors === 0)}`,
      },
      {
        name: `pgbench -S, ${PGBENCH_CLIENTS} clients, same database (the database limit)`,
        unit: 'tx/s',
        median: database.perSecond,
        p95: Number.NaN,
        latency: { p50: database.p50Ms, p99: database.p99Ms },
        rounds: database.requests,
      },
      {
        name: 'portal process RSS after the api load',
        unit: 'MiB',
        median: portalMemory.rssMiB,
        p95: Number.NaN,
        rounds: 1,
        target: `< 200 MiB (peak ${portalMemory.peakMiB.toFixed(0)} MiB): ${verdict(portalMemory.peakMiB < 200)}`,
      },
    );
    return results;
  } finally {
    await peer?.stop();
    await portal.stop();
    rmSync(keys, { recursive: true, force: true });
  }
}

/**
 * A second portal whose every connection goes through PgBouncer in transaction mode, with a pool of
 * POOLED_CLIENTS client connections over POOLED_SERVER_CONNECTIONS server connections; its
 * migrations (done already) would go to the server itself.
 */
async function throughPgBouncer(databaseUrl: string, auth: Record<string, string>, load: (target: ServerProcess) => LoadResult): Promise<LoadResult> {
  const pgbouncer = await startPgBouncer(databaseUrl, { poolSize: POOLED_SERVER_CONNECTIONS, maxClients: POOLED_CLIENTS + 20 });
  try {
    const portal = await startServerProcess('apps/portal/src/main.js', {
      DATABASE_URL: pgbouncer.through(databaseUrl),
      MIGRATION_DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOLED_CLIENTS),
      DEMO_DATA: 'false',
      ...auth,
    });
    try {
      load(portal);
      return load(portal);
    } finally {
      await portal.stop();
    }
  } finally {
    await pgbouncer.stop();
  }
}

/** Each wrk connection cycles through the tenants' tokens. */
function script(tokens: string[], route: Route): string {
  return `local tokens = { ${tokens.map(lua).join(', ')} }
local n = 0
request = function()
  n = n + 1
  local headers = { ["authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] }
  ${ROUTES[route].lua}
end`;
}

/** Ten tenants registered with their audit chain heads, and their sources, as superuser. */
async function seed(databaseUrl: string, tenants: string[]): Promise<void> {
  await withAdminClient(databaseUrl, async (client) => {
    for (const tenant of tenants) {
      await client.query('INSERT INTO portal.tenants (tenant_id, registered_at) VALUES ($1, now())', [tenant]);
      await client.query('INSERT INTO portal.audit_chain_heads (tenant_id, last_seq, last_hash) VALUES ($1, 0, $2)', [tenant, genesisHash(tenant)]);
    }
    await client.query(
      `INSERT INTO portal.sources (tenant_id, id, name, description, source_type, domain, classification, status, owner_name, owner_email, owner_team,
          connection, ingestion, quality_rules, target, tags, created_at, updated_at)
        SELECT t::uuid, '${sourceId('')}' || lpad(n::text, 12, '0'), 'Source ' || n, 'Benchmark source number ' || n, 'kafka', (ARRAY['finance', 'marketing', 'human-resources'])[1 + n % 3], 'internal', 'draft',
          'Owner ' || n, 'owner' || n || '@contoso.com', 'platform',
          '{"host":"kafka.internal","port":9092,"database":null,"schema":null,"container":null,"path":null,"api_url":null,"authentication_method":null,"key_vault_secret_name":null}',
          '{"mode":"full","schedule_cron":null,"batch_size":null,"parallelism":null,"max_retry_count":null,"timeout_minutes":null}', '[]',
          '{"landing_zone":"dlz-default","container":"bronze","path_pattern":"{domain}/{source_name}/{year}/{month}/{day}","format":"delta","partition_by":null}', '{}',
          now() - (${SOURCES_PER_TENANT} - n) * interval '1 minute', now() - (${SOURCES_PER_TENANT} - n) * interval '1 minute'
        FROM unnest($1::text[]) AS t, generate_series(1, ${SOURCES_PER_TENANT}) AS n`,
      [tenants],
    );
  });
  // Steady state, as autovacuum leaves it: statistics, and a visibility map that lets counts use
  // index-only scans. A transaction of the portal's start-up still open holds VACUUM back; retry.
  for (let attempt = 0; attempt < 20; attempt++) {
    const visible = await withAdminClient(databaseUrl, async (client) => {
      await client.query('VACUUM ANALYZE portal.sources');
      const { rows } = await client.query<{ pages: number; visible: number }>(
        "SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE oid = 'portal.sources'::regclass",
      );
      return rows[0].visible >= rows[0].pages * 0.95;
    });
    if (visible) return;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error('VACUUM could not mark portal.sources all-visible: a transaction stays open');
}

/** Runs `work` with the portal's policies disabled (not merely unforced: off for every role). */
async function withoutRls(databaseUrl: string, work: () => void): Promise<void> {
  const alter = (action: string) =>
    withAdminClient(databaseUrl, (client) =>
      client.query(PORTAL_TENANT_TABLES.map((table) => `ALTER TABLE portal.${table} ${action} ROW LEVEL SECURITY`).join('; ')),
    );
  await alter('DISABLE');
  try {
    work();
  } finally {
    await alter('ENABLE');
  }
}

/** `pgbench -S` (select-only, its standard tables at scale 10) with per-transaction latencies. */
function pgbench(databaseUrl: string): LoadResult {
  const directory = mkdtempSync(join(tmpdir(), 'cps-pgbench-'));
  try {
    const init = spawnSync('pgbench', ['-i', '-q', '-s', '10', databaseUrl], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
    const prefix = join(directory, 'log');
    const runArgs = (seconds: number, log: boolean) => [
      '-S',
      '-c',
      String(PGBENCH_CLIENTS),
      '-j',
      '1',
      '-T',
      String(seconds),
      ...(log ? ['-l', `--log-prefix=${prefix}`] : []),
      databaseUrl,
    ];
    spawnSync('pgbench', runArgs(WARM_UP_SECONDS, false));
    const run = spawnSync('pgbench', runArgs(SECONDS, true), { encoding: 'utf8' });
    const tps = /^tps = ([\d.]+)/m.exec(run.stdout ?? '');
    if (run.status !== 0 || !tps) throw new Error(`pgbench -S failed: ${run.stderr}${run.stdout}`);
    // Log lines: client_id transaction_no latency_us script_no epoch_s epoch_us.
    const latencies = readdirSync(directory)
      .flatMap((file) => readFileSync(join(directory, file), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    return {
      requests: latencies.length,
      perSecond: Number(tps[1]),
      p50Ms: latencies[Math.floor(latencies.length * 0.5)],
      p99Ms: latencies[Math.floor(latencies.length * 0.99)],
      failed: 0,
      socketErrors: 0,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
