/**
 * Resident memory of each service as its own process on PostgreSQL: idle after start-up, then
 * after LOAD_SECONDS of a read/write mix from wrk (one write in four). Goal: under 200 MiB.
 * The api suite adds the portal's figure after its own, heavier load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken, readAuthConfig } from '../libs/platform/src';
import { createRoot, issue } from '../apps/ct-log/test/test-pki';
import { type BenchResult, verdict } from './bench-result';
import { createDatabase } from './databases';
import { startServerProcess } from '../test/harness/service-process';
import { lua, runWrk } from './wrk';

const IDLE_SECONDS = 5;
const LOAD_SECONDS = 30;
const CONNECTIONS = 16;
const TENANT = 'c0000000-0000-4000-8000-000000000001';

interface Workload {
  readonly script: string;
  readonly roles: string[];
  readonly env: Record<string, string>;
  /** Setup through the API before the load (ct-log creates its log); Lua state for the script. */
  prepare?(base: string, token: string): Promise<string>;
  /** Lua: the read request and the write request, given `headers` and the counter `n`. */
  readonly read: string;
  readonly write: string;
}

const WORKLOADS: Record<string, Workload> = {
  portal: {
    script: 'apps/portal/src/main.js',
    roles: ['Admin'],
    env: { DEMO_DATA: 'true', DEMO_TENANT_IDS: TENANT },
    read: 'return wrk.format("GET", "/api/v1/sources?limit=50", headers)',
    write: `headers["content-type"] = "application/json"
    return wrk.format("POST", "/api/v1/sources", headers, string.format('{"name":"Load %d","source_type":"kafka","domain":"finance","connection":{},"owner":{"name":"L","email":"l@contoso.com","team":"t"}}', n))`,
  },
  'waf-panel': {
    script: 'apps/waf-panel/src/main.js',
    roles: ['Admin'],
    env: {},
    read: 'return wrk.format("GET", "/api/v1/policies", headers)',
    write: `headers["content-type"] = "application/json"
    return wrk.format("POST", "/api/v1/policies", headers, string.format('{"name":"Load policy %d","mode":"blocking"}', n))`,
  },
  'ct-log': {
    script: 'apps/ct-log/src/main.js',
    roles: ['Admin', 'CtSubmitter'],
    env: { CTLOG_PUBLIC_BASE_URL: 'https://ct.example.com' },
    async prepare(base, token) {
      const root = await createRoot('Memory Root');
      const intermediate = await issue(root, { ca: true, cn: 'Memory Intermediate' });
      const created = await fetch(`${base}/api/v1/admin/logs`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'memory', kind: 'rfc6962', key: 'generate', roots: [root.b64] }) });
      if (created.status !== 201) throw new Error(`ct-log: creating the log answered ${created.status}: ${await created.text()}`);
      for (let i = 0; i < 100 && (await fetch(`${base}/logs/memory/ct/v1/get-sth`)).status !== 200; i++) await new Promise((done) => setTimeout(done, 100));
      const chains = await Promise.all(Array.from({ length: 200 }, async () => JSON.stringify({ chain: [(await issue(intermediate)).b64, intermediate.b64] })));
      return `local chains = { ${chains.map(lua).join(', ')} }`;
    },
    read: 'return wrk.format("GET", "/logs/memory/ct/v1/get-sth", headers)',
    write: `headers["content-type"] = "application/json"
    return wrk.format("POST", "/logs/memory/ct/v1/add-chain", headers, chains[(n % #chains) + 1])`,
  },
};

export async function benchMemory(adminUrl: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [name, workload] of Object.entries(WORKLOADS)) {
    process.stderr.write(`  ${name}\n`);
    const keys = mkdtempSync(join(tmpdir(), 'cps-bench-memory-'));
    const auth = { AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keys };
    const databaseUrl = await createDatabase(adminUrl, `bench_memory_${name.replace('-', '_')}`);
    const service = await startServerProcess(workload.script, { DATABASE_URL: databaseUrl, CTLOG_KEY_DIR: join(keys, 'ct-keys'), ...auth, ...workload.env });
    try {
      await new Promise((done) => setTimeout(done, IDLE_SECONDS * 1000));
      const idle = service.memory();
      const token = await mintDevToken({ tenant: TENANT, roles: workload.roles, subject: 'bench-memory' }, readAuthConfig(auth));
      const state = (await workload.prepare?.(service.base, token)) ?? '';
      const load = runWrk(service.base, {
        connections: CONNECTIONS,
        seconds: LOAD_SECONDS,
        script: `${state}
local n = 0
request = function()
  n = n + 1
  local headers = { ["authorization"] = ${lua(`Bearer ${token}`)} }
  if n % 4 == 0 then
    ${workload.write}
  end
  ${workload.read}
end`,
      });
      const after = service.memory();
      const under = (mib: number) => `< 200 MiB: ${verdict(mib < 200)}`;
      results.push(
        { name: `${name} RSS, idle ${IDLE_SECONDS} s after start-up`, unit: 'MiB', median: idle.rssMiB, p95: Number.NaN, rounds: 1, target: under(idle.rssMiB) },
        {
          name: `${name} RSS after ${LOAD_SECONDS} s of 3 reads : 1 write, ${CONNECTIONS} connections (${load.requests} requests at ${Math.round(load.perSecond)}/s, ${load.failed + load.socketErrors} failed; peak ${after.peakMiB.toFixed(0)} MiB)`,
          unit: 'MiB',
          median: after.rssMiB,
          p95: Number.NaN,
          rounds: 1,
          target: under(after.peakMiB),
        },
      );
    } finally {
      await service.stop();
      rmSync(keys, { recursive: true, force: true });
    }
  }
  return results;
}
