/**
 * The mixed load the memory and soak suites put on each service: one service process on its own
 * PostgreSQL database, a token, and a wrk script of three reads to one write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken, readAuthConfig } from '../libs/platform/src';
import { createRoot, issue } from '../apps/ct-log/test/test-pki';
import { createDatabase } from './databases';
import { type ServerProcess, startServerProcess } from '../test/harness/service-process';
import { lua } from './wrk';

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

export const WORKLOADS: Record<string, Workload> = {
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
    // One token stands for every caller here: lift the per-caller write limit out of the way.
    env: { WAF_RATE_LIMIT_WRITES_PER_MINUTE: '100000000' },
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
      const created = await fetch(`${base}/api/v1/admin/logs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'memory', kind: 'rfc6962', key: 'generate', roots: [root.b64] }),
      });
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

export interface LoadedService {
  readonly server: ServerProcess;
  /** Lua: state plus `request()`, three reads to one write. */
  readonly script: string;
  stop(): Promise<void>;
}

/** Starts `name` on a fresh database of the embedded server and prepares its mixed-load script. */
export async function startLoadedService(adminUrl: string, name: string, databaseLabel: string): Promise<LoadedService> {
  const workload = WORKLOADS[name];
  const keys = mkdtempSync(join(tmpdir(), 'cps-bench-load-'));
  const auth = { AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keys };
  const databaseUrl = await createDatabase(adminUrl, `${databaseLabel}_${name.replace('-', '_')}`);
  const server = await startServerProcess(workload.script, { DATABASE_URL: databaseUrl, CTLOG_KEY_DIR: join(keys, 'ct-keys'), ...auth, ...workload.env });
  const token = await mintDevToken({ tenant: TENANT, roles: workload.roles, subject: `bench-${databaseLabel}` }, readAuthConfig(auth));
  const state = (await workload.prepare?.(server.base, token)) ?? '';
  const script = `${state}
local n = 0
request = function()
  n = n + 1
  local headers = { ["authorization"] = ${lua(`Bearer ${token}`)} }
  if n % 4 == 0 then
    ${workload.write}
  end
  ${workload.read}
end`;
  return {
    server,
    script,
    stop: async () => {
      await server.stop();
      rmSync(keys, { recursive: true, force: true });
    },
  };
}
