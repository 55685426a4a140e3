/**
 * Each service's routes on PostgreSQL with row-level security, against peers in the same run on
 * the same database: a bare `node:http` + `pg` server per service in bench/peers (the
 * framework-overhead limit: the same checks, the same SQL); for the portal also the same process
 * with its policies disabled (the RLS cost), PgBouncer in transaction mode, and `pgbench -S`
 * (the database limit). Ten tenants; every request carries a token of one of them, round-robin.
 *
 * Load is closed-loop (wrk). Per route, the bare peer is first driven at rising concurrency; the
 * smallest number of connections that gets 95 % of its best rate is its saturation point, and
 * every target is then measured at that concurrency: "p99 at the peer's saturation rate" is
 * the p99 each target answers with under the load that saturates the peer.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken, readAuthConfig } from '../libs/platform/src';
import { genesisHash } from '../apps/portal/src/common/audit-trail';
import { PORTAL_TENANT_TABLES } from '../migrations/portal/002_enable_row_level_security';
import { createRoot, issue } from '../apps/ct-log/test/test-pki';
import { startPgBouncer } from '../test/harness/pgbouncer';
import { withAdminClient } from '../test/harness/postgres';
import { type BenchResult, ratio, verdict } from './bench-result';
import { type ServerProcess, startServerProcess } from '../test/harness/service-process';
import { waitFor } from '../test/harness/child-process';
import { type LoadResult, lua, runWrk } from './wrk';

const TENANTS = 10;
const SOURCES_PER_TENANT = 10_000;
/** Vhosts and certificates per tenant, created through each service's own API. */
const ITEMS_PER_TENANT = 100;
const CONCURRENCY_STEPS = [2, 4, 8, 16, 32, 64];
const PGBENCH_CLIENTS = 16;
const ROUNDS = 3;
/** The PgBouncer row: this many client connections (the portal's pool, and wrk's) over this many server connections. */
const POOLED_CLIENTS = 200;
const POOLED_SERVER_CONNECTIONS = 20;
const SECONDS = 5;
const WARM_UP_SECONDS = 3;

interface Route {
  readonly title: string;
  /** Lua building the request from `headers`, the tenant index `t`, the counter `n` and the run's `run`. */
  readonly lua: string;
  readonly write: boolean;
  /** The service ÷ peer throughput it should reach. */
  readonly goal: number;
}

interface ServiceBench {
  readonly name: string;
  readonly main: string;
  readonly peer: string;
  readonly env: Record<string, string>;
  /** Creates the data the routes read; returns Lua declarations the route scripts use. */
  prepare(databaseUrl: string, base: string, tenants: string[], tokens: string[]): Promise<string>;
  readonly routes: Route[];
  /** The portal is measured a third time with these tables' (schema-qualified) policies disabled. */
  readonly rlsTables?: readonly string[];
}

const json = (text: string) => `headers["content-type"] = "application/json"
  return wrk.format("POST", ${text})`;

const SERVICES: ServiceBench[] = [
  {
    name: 'portal',
    main: 'apps/portal/src/main.js',
    peer: 'bench/peers/bare-portal.js',
    env: { DEMO_DATA: 'false' },
    prepare: async (databaseUrl, _base, tenants) => {
      await seedSources(databaseUrl, tenants);
      return '';
    },
    rlsTables: PORTAL_TENANT_TABLES.map((table) => `portal.${table}`),
    routes: [
      { title: 'GET /api/v1/sources?limit=50', lua: 'return wrk.format("GET", "/api/v1/sources?limit=50", headers)', write: false, goal: 1.2 },
      {
        title: 'GET /api/v1/sources/{id}',
        lua: `return wrk.format("GET", string.format("/api/v1/sources/${sourceId('%012d')}", math.random(1, ${SOURCES_PER_TENANT})), headers)`,
        write: false,
        goal: 1.5,
      },
      {
        title: 'POST /api/v1/sources',
        lua: json(
          `"/api/v1/sources", headers, string.format('{"name":"Bench %d","source_type":"kafka","domain":"finance","connection":{"host":"kafka.internal","port":9092},"owner":{"name":"Bench","email":"bench@contoso.com","team":"platform"}}', n)`,
        ),
        write: true,
        goal: 1.0,
      },
    ],
  },
  {
    name: 'waf-panel',
    main: 'apps/waf-panel/src/main.js',
    peer: 'bench/peers/bare-waf-panel.js',
    // Ten tokens stand for every caller here: lift the per-caller write limit out of the way.
    env: { WAF_RATE_LIMIT_WRITES_PER_MINUTE: '100000000' },
    prepare: async (_databaseUrl, base, _tenants, tokens) => {
      const ids = await perTenant(tokens, (token, i) =>
        call(base, token, 'POST', '/api/v1/vhosts', { domain: `app-${i}.tenant.example`, backends: [{ url: 'http://app.internal:8080' }] }).then(
          (vhost) => vhost.id as string,
        ),
      );
      return `local ids = { ${ids.map((list) => `{ ${list.map(lua).join(', ')} }`).join(', ')} }`;
    },
    routes: [
      {
        title: 'GET /api/v1/vhosts/{id}',
        lua: 'return wrk.format("GET", "/api/v1/vhosts/" .. ids[t][math.random(#ids[t])], headers)',
        write: false,
        goal: 1.0,
      },
      {
        title: 'POST /api/v1/vhosts',
        lua: json(`"/api/v1/vhosts", headers, string.format('{"domain":"v%s-%d.bench.example","backends":[{"url":"http://app.internal:8080"}]}', run, n)`),
        write: true,
        goal: 1.0,
      },
    ],
  },
  {
    name: 'ct-log',
    main: 'apps/ct-log/src/main.js',
    peer: 'bench/peers/bare-ct-log.js',
    // As for the panel: ten tokens stand for every caller.
    env: { CTLOG_PUBLIC_BASE_URL: 'https://ct.example.com', CTLOG_RATE_LIMIT_WRITES_PER_MINUTE: '100000000' },
    prepare: async (_databaseUrl, base, _tenants, tokens) => {
      const root = await createRoot('Bench Root');
      const intermediate = await issue(root, { ca: true, cn: 'Bench Intermediate' });
      await Promise.all(
        tokens.map(async (token, t) => {
          await call(base, token, 'POST', '/api/v1/admin/logs', { name: `bench-events-${t}`, kind: 'events', key: 'generate' });
          await waitFor(async () => (await fetch(`${base}/logs/bench-events-${t}/ct/v1/get-sth`)).status === 200, 60_000, `log bench-events-${t} to serve`);
        }),
      );
      const fingerprints = await perTenant(tokens, async (token) => {
        const certificate = await issue(intermediate);
        return (await call(base, token, 'POST', '/api/v1/certificates', { certificate_pem: certificate.pem, certificate_type: 'server' }))
          .fingerprint as string;
      });
      return `local fingerprints = { ${fingerprints.map((list) => `{ ${list.map(lua).join(', ')} }`).join(', ')} }`;
    },
    routes: [
      {
        title: 'GET /api/v1/certificates/{fingerprint}',
        lua: 'return wrk.format("GET", "/api/v1/certificates/" .. fingerprints[t][math.random(#fingerprints[t])], headers)',
        write: false,
        goal: 1.0,
      },
      {
        title: 'POST /api/v1/crl/next-number',
        lua: json(`"/api/v1/crl/next-number", headers, string.format('{"issuer":"Bench CA %d"}', math.random(1, 100))`),
        write: true,
        goal: 1.0,
      },
    ],
  },
];

function sourceId(serial: string): string {
  return `00000000-0000-4000-8000-${serial}`;
}

export async function benchApi(databaseUrl: string): Promise<BenchResult[]> {
  const keys = mkdtempSync(join(tmpdir(), 'cps-bench-api-keys-'));
  const ctKeys = mkdtempSync(join(tmpdir(), 'cps-bench-api-ct-keys-'));
  const auth = { AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keys };
  const tenants = Array.from({ length: TENANTS }, (_, i) => `b0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
  try {
    const config = readAuthConfig(auth);
    const tokens = await Promise.all(
      tenants.map((tenant, i) => mintDevToken({ tenant, roles: ['Admin', 'CtSubmitter'], subject: `bench-${i}`, email: `bench${i}@contoso.com` }, config)),
    );
    const results: BenchResult[] = [];
    for (const service of SERVICES) {
      results.push(...(await benchService(service, databaseUrl, { ...auth, CTLOG_KEY_DIR: ctKeys }, tenants, tokens)));
    }
    const pooled = await throughPgBouncer(databaseUrl, auth, (target) =>
      runWrk(target.base, { connections: POOLED_CLIENTS, seconds: SECONDS, script: script(tokens, SERVICES[0].routes[1], '') }),
    );
    const database = pgbench(databaseUrl);
    results.push(
      throughput(
        `${SERVICES[0].routes[1].title}: portal through PgBouncer (transaction mode), ${POOLED_CLIENTS} client connections over ${POOLED_SERVER_CONNECTIONS} server connections`,
        pooled,
        `no failures: ${verdict(pooled.failed + pooled.socketErrors === 0)}`,
      ),
      { ...throughput(`pgbench -S, ${PGBENCH_CLIENTS} clients, same database (the database limit)`, database), unit: 'tx/s' },
    );
    return results;
  } finally {
    rmSync(keys, { recursive: true, force: true });
    rmSync(ctKeys, { recursive: true, force: true });
  }
}

/** The service (RLS on), its bare peer, and the service with its policies disabled. */
type Label = 'service' | 'bare' | 'noRls';

async function benchService(spec: ServiceBench, databaseUrl: string, env: Record<string, string>, tenants: string[], tokens: string[]): Promise<BenchResult[]> {
  const service = await startServerProcess(spec.main, { DATABASE_URL: databaseUrl, ...env, ...spec.env });
  let peer: ServerProcess | undefined;
  try {
    const state = await spec.prepare(databaseUrl, service.base, tenants, tokens);
    peer = await startServerProcess(spec.peer, { DATABASE_URL: databaseUrl, ...env });
    const saturation = new Map<Route, number>();
    for (const route of spec.routes) {
      const steps = CONCURRENCY_STEPS.map((connections) => ({
        connections,
        rate: runWrk(peer!.base, { connections, seconds: WARM_UP_SECONDS, script: script(tokens, route, state) }).perSecond,
      }));
      const best = Math.max(...steps.map((step) => step.rate));
      saturation.set(route, steps.find((step) => step.rate >= 0.95 * best)!.connections);
      process.stderr.write(
        `  ${spec.name} bare peer: ${route.title} saturates at ${saturation.get(route)} connections (${steps.map((step) => `${step.connections}: ${Math.round(step.rate)}/s`).join(', ')})\n`,
      );
    }
    const load = (target: ServerProcess, route: Route, seconds = SECONDS) =>
      runWrk(target.base, { connections: saturation.get(route)!, seconds, script: script(tokens, route, state) });

    // Interleaved rounds, reads first (every target reads tables of the same size), then writes;
    // each figure is the target's median round, so a noisy neighbour moment hits one round only.
    const labels: Label[] = spec.rlsTables ? ['service', 'bare', 'noRls'] : ['service', 'bare'];
    const rounds = new Map<string, LoadResult[]>();
    const targets: Record<Label, ServerProcess> = { service, bare: peer, noRls: service };
    for (const routes of [spec.routes.filter((route) => !route.write), spec.routes.filter((route) => route.write)]) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const label of labels) {
          const measure = () => {
            for (const route of routes) {
              process.stderr.write(`  round ${round + 1}: ${spec.name} ${label} ${route.title}\n`);
              if (round === 0) load(targets[label], route, WARM_UP_SECONDS);
              const key = `${label} ${route.title}`;
              rounds.set(key, [...(rounds.get(key) ?? []), load(targets[label], route)]);
            }
          };
          if (label === 'noRls') await withoutRls(databaseUrl, spec.rlsTables!, measure);
          else measure();
        }
      }
    }
    const measured = (label: Label, route: Route) => {
      const results = [...rounds.get(`${label} ${route.title}`)!].sort((a, b) => a.perSecond - b.perSecond);
      return results[Math.floor(results.length / 2)];
    };
    const memory = service.memory();

    const results: BenchResult[] = [];
    for (const route of spec.routes) {
      const row = (label: string, result: LoadResult, target?: string) =>
        throughput(`${route.title}: ${label}, ${saturation.get(route)} connections`, result, target);
      const ours = measured('service', route);
      const bare = measured('bare', route);
      results.push(
        row(`${spec.name} (RLS on), median of ${ROUNDS} rounds`, ours, `p99 ≤ the peer's: ${verdict(ours.p99Ms <= bare.p99Ms)}`),
        row('bare node:http + pg peer', bare),
        // A figure with failed requests measured something else: it meets nothing.
        ratio(`${route.title}: ${spec.name} ÷ bare peer`, ours.failed + ours.socketErrors === 0 ? ours.perSecond / bare.perSecond : 0, route.goal),
      );
      if (spec.rlsTables) {
        const noRls = measured('noRls', route);
        results.push(row(`${spec.name}, RLS policies disabled`, noRls), {
          name: `${route.title}: RLS cost (1 − RLS on ÷ RLS off)`,
          unit: '%',
          median: (1 - ours.perSecond / noRls.perSecond) * 100,
          p95: Number.NaN,
          rounds: 1,
          target: `< 10 %: ${verdict(ours.perSecond / noRls.perSecond > 0.9)}`,
        });
      }
    }
    results.push({
      name: `${spec.name} process RSS after its api load`,
      unit: 'MiB',
      median: memory.rssMiB,
      p95: Number.NaN,
      rounds: 1,
      target: `< 200 MiB (peak ${memory.peakMiB.toFixed(0)} MiB): ${verdict(memory.peakMiB < 200)}`,
    });
    return results;
  } finally {
    await peer?.stop();
    await service.stop();
  }
}

/** A load's rate and latencies as a row; its failures, if any, named in it. */
function throughput(name: string, result: LoadResult, target?: string): BenchResult {
  const failures = result.failed + result.socketErrors ? ` (${result.failed} failed, ${result.socketErrors} socket errors)` : '';
  return {
    name: `${name}${failures}`,
    unit: 'req/s',
    median: result.perSecond,
    p95: Number.NaN,
    latency: { p50: result.p50Ms, p99: result.p99Ms },
    rounds: result.requests,
    target,
  };
}

/** JSON in and out of a service, failing on anything but 2xx. */
async function call(base: string, token: string, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** ITEMS_PER_TENANT things made for each tenant (in parallel across tenants), in tenant order. */
function perTenant<T>(tokens: string[], make: (token: string, i: number) => Promise<T>): Promise<T[][]> {
  return Promise.all(
    tokens.map(async (token) => {
      const made: T[] = [];
      for (let i = 0; i < ITEMS_PER_TENANT; i++) made.push(await make(token, i));
      return made;
    }),
  );
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

/** Each wrk connection cycles through the tenants' tokens; `run` makes names unique to this load. */
function script(tokens: string[], route: Route, state: string): string {
  return `local tokens = { ${tokens.map(lua).join(', ')} }
${state}
local run = "${randomBytes(4).toString('hex')}"
local n = 0
request = function()
  n = n + 1
  local t = (n % #tokens) + 1
  local headers = { ["authorization"] = "Bearer " .. tokens[t] }
  ${route.lua}
end`;
}

/** Ten tenants registered with their audit chain heads, and their sources, as superuser. */
async function seedSources(databaseUrl: string, tenants: string[]): Promise<void> {
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

/** Runs `work` with the tables' policies disabled (not merely unforced: off for every role). */
async function withoutRls(databaseUrl: string, tables: readonly string[], work: () => void): Promise<void> {
  const alter = (action: string) =>
    withAdminClient(databaseUrl, (client) => client.query(tables.map((table) => `ALTER TABLE ${table} ${action} ROW LEVEL SECURITY`).join('; ')));
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
