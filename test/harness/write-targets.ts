/**
 * Streams of numbered writes to the three services, and what each service's database holds of
 * them afterwards: the ledger the fault and crash suites compare ("acknowledged" against "found").
 */
import 'reflect-metadata';
import { type Store } from '@lib/persistence';
import { mintDevToken, readAuthConfig } from '@lib/platform';
import { createRoot, issue, type Issued } from '../../apps/ct-log/test/test-pki';
import { headFromJson } from '../../apps/ct-log/src/formats/heads';
import { parseMerkleTreeLeaf } from '../../apps/ct-log/src/formats/rfc6962-leaf';
import { waitFor } from './child-process';

/** Where a running service answers, and tokens of its tenant. */
export interface TargetClient {
  readonly base: string;
  /** A dev token of the target's tenant with `roles`; `email` becomes the caller's e-mail claim. */
  token(roles: string[], email?: string): Promise<string>;
}

export interface WriteTarget {
  readonly name: 'portal' | 'waf-panel' | 'ct-log';
  /** The built entry point under dist/. */
  readonly script: string;
  readonly tenant: string;
  /** Service-specific settings on top of the common ones. */
  readonly env: Record<string, string>;
  /** One-time set-up once the service first runs (the CT log creates its log). */
  prepare(client: TargetClient): Promise<void>;
  /** Write number `n`; the answer of the call that decides it. */
  write(client: TargetClient, n: number): Promise<Response>;
  /**
   * Which writes the service holds, read once it serves again, and every aggregate left half
   * written (a policy without its revision, an approval without its audit event...).
   */
  inspect(client: TargetClient, owner: Store): Promise<{ found: Set<number>; broken: string[] }>;
}

export interface Outcome {
  readonly n: number;
  /** 0 when no HTTP answer came at all. */
  readonly status: number;
  /** The problem's slug or the CT error code of a refusal. */
  readonly kind?: string;
  readonly contentType?: string;
  readonly ms: number;
  readonly startedAt: number;
}

/** Problem kinds after which the write may or may not be stored. */
export const OUTCOME_UNKNOWN = new Set(['store-commit-outcome-unknown', 'outcomeUnknown']);

export function clientFor(base: string, tenant: string, keyDirectory: string): TargetClient {
  const config = readAuthConfig({ AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keyDirectory });
  return { base, token: (roles, email) => mintDevToken({ tenant, roles, email, subject: email ?? `writer-${roles.join('-')}` }, config) };
}

/**
 * `concurrency` writers that each send numbered writes one after another until `stop()`; every
 * answer (or its absence) is recorded.
 */
export function streamWrites(target: WriteTarget, client: () => TargetClient, concurrency = 4): { outcomes: Outcome[]; stop(): Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  let next = 0;
  let running = true;
  const writer = async () => {
    while (running) {
      const n = next++;
      const startedAt = Date.now();
      const answer = await target.write(client(), n).catch(() => undefined);
      const body = answer ? await answer.text().catch(() => '') : '';
      outcomes.push({
        n,
        status: answer?.status ?? 0,
        kind: answer && answer.status >= 400 ? kindOf(body) : undefined,
        contentType: answer?.headers.get('content-type') ?? undefined,
        ms: Date.now() - startedAt,
        startedAt,
      });
      // A refused stream would otherwise spin: pace it like a client honouring Retry-After, briefly.
      if (!answer || answer.status >= 500) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const writers = Array.from({ length: concurrency }, writer);
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(writers);
      return outcomes;
    },
  };
}

function kindOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { type?: string; error_code?: string };
    return parsed.error_code ?? parsed.type?.split(':').pop();
  } catch {
    return undefined;
  }
}

/** Acknowledged writes that are missing, and refused writes (outcome known) that are present. */
export function ledgerBreaches(outcomes: readonly Outcome[], found: Set<number>): { lost: number[]; phantom: number[] } {
  const lost = outcomes.filter((o) => o.status >= 200 && o.status < 300 && !found.has(o.n)).map((o) => o.n);
  const phantom = outcomes.filter((o) => o.status >= 400 && !OUTCOME_UNKNOWN.has(o.kind ?? '') && found.has(o.n)).map((o) => o.n);
  return { lost, phantom };
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const numbered = (values: Iterable<string>, pattern: RegExp) =>
  new Set(
    [...values]
      .map((value) => pattern.exec(value)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number),
  );

const PORTAL_TENANT = 'd3000000-0000-4000-8000-0000000000f1';

/**
 * Even writes register a source; odd ones file an access request as their own requester and
 * approve it: the approval and its audit event are one aggregate.
 */
export const portalTarget: WriteTarget = {
  name: 'portal',
  script: 'apps/portal/src/main.js',
  tenant: PORTAL_TENANT,
  env: { DEMO_DATA: 'true', DEMO_TENANT_IDS: PORTAL_TENANT, ACCESS_EXPIRY_SWEEP_SECONDS: '0' },
  prepare: async () => undefined,
  async write(client, n) {
    const admin = await client.token(['Admin'], 'admin@contoso.com');
    if (n % 2 === 0) {
      const body = {
        name: `w-${n}`,
        source_type: 'kafka',
        domain: 'finance',
        connection: {},
        owner: { name: 'Writer', email: 'writer@contoso.com', team: 'ops' },
      };
      return fetch(`${client.base}/api/v1/sources`, { method: 'POST', headers: json(admin), body: JSON.stringify(body) });
    }
    const requester = await client.token(['Reader'], `w-${n}@contoso.com`);
    const filed = await fetch(`${client.base}/api/v1/access`, {
      method: 'POST',
      headers: json(requester),
      body: JSON.stringify({ data_product_id: 'dp-002', justification: `write ${n}`, duration_days: 30 }),
    });
    if (filed.status !== 201) return filed;
    const { id } = (await filed.json()) as { id: string };
    return fetch(`${client.base}/api/v1/access/${id}/approve`, { method: 'POST', headers: json(admin), body: '{}' });
  },
  async inspect(client, owner) {
    const q = (sql: string) => owner.transaction((manager) => manager.query(sql, [PORTAL_TENANT])) as Promise<Array<Record<string, string>>>;
    const sources = await q(`SELECT name FROM portal.sources WHERE tenant_id = $1`);
    const approved = await q(`SELECT requester_email FROM portal.access_requests WHERE tenant_id = $1 AND status = 'approved'`);
    const broken = [
      ...(await q(
        `SELECT 'source ' || s.name AS what FROM portal.sources s WHERE s.tenant_id = $1 AND s.name LIKE 'w-%' AND NOT EXISTS (SELECT 1 FROM portal.audit_events a WHERE a.tenant_id = s.tenant_id AND a.action = 'source.register' AND a.resource_id = s.id)`,
      )),
      ...(await q(
        `SELECT 'approval ' || r.id AS what FROM portal.access_requests r WHERE r.tenant_id = $1 AND r.requester_email LIKE 'w-%' AND r.status = 'approved' AND NOT EXISTS (SELECT 1 FROM portal.audit_events a WHERE a.tenant_id = r.tenant_id AND a.action = 'access_request.approve' AND a.resource_id = r.id)`,
      )),
    ].map((row) => `${row.what} has no audit event`);
    const verify = await fetch(`${client.base}/api/v1/audit/verify`, { headers: json(await client.token(['Admin'])) });
    const chain = (await verify.json()) as { valid?: boolean };
    if (verify.status !== 200 || chain.valid !== true) broken.push(`audit chain does not verify: ${JSON.stringify(chain)}`);
    return {
      found: new Set([
        ...numbered(
          sources.map((r) => r.name),
          /^w-(\d+)$/,
        ),
        ...numbered(
          approved.map((r) => r.requester_email),
          /^w-(\d+)@/,
        ),
      ]),
      broken,
    };
  },
};

const WAF_TENANT = 'aa000000-0000-4000-8000-0000000000f2';

/** Each write creates a policy: the policy, its first revision and its audit event are one aggregate. */
export const wafTarget: WriteTarget = {
  name: 'waf-panel',
  script: 'apps/waf-panel/src/main.js',
  tenant: WAF_TENANT,
  env: { WAF_CRS_INCLUDE: '/usr/share/modsecurity-crs/rules/*.conf' },
  prepare: async () => undefined,
  async write(client, n) {
    return fetch(`${client.base}/api/v1/policies`, {
      method: 'POST',
      headers: json(await client.token(['Editor'], 'editor@example.com')),
      body: JSON.stringify({ name: `w-${n}`, mode: 'blocking' }),
    });
  },
  async inspect(_client, owner) {
    const q = (sql: string) => owner.transaction((manager) => manager.query(sql, [WAF_TENANT])) as Promise<Array<Record<string, string>>>;
    const policies = await q(`SELECT name FROM waf.policies WHERE tenant_id = $1`);
    const broken = [
      ...(await q(
        `SELECT 'policy ' || p.name || ' has no revision' AS what FROM waf.policies p WHERE p.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM waf.policy_revisions r WHERE r.tenant_id = p.tenant_id AND r.policy_id = p.id)`,
      )),
      ...(await q(
        `SELECT 'policy ' || p.name || ' has no audit event' AS what FROM waf.policies p WHERE p.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM waf.audit_events a WHERE a.tenant_id = p.tenant_id AND a.action = 'policy.create' AND a.entity_id = CAST(p.id AS TEXT))`,
      )),
    ].map((row) => row.what);
    return {
      found: numbered(
        policies.map((r) => r.name),
        /^w-(\d+)$/,
      ),
      broken,
    };
  },
};

const CT_TENANT = 'aa000000-0000-4000-8000-0000000000f3';
const b64 = (text: string) => Buffer.from(text, 'base64');

/** Each write submits a fresh certificate; the tree must hold every acknowledged one, gap-free. */
export function ctTarget(): WriteTarget {
  let root: Issued | undefined;
  const leaves = new Map<number, Issued>();
  const leafFor = async (n: number) => {
    let leaf = leaves.get(n);
    if (!leaf) leaves.set(n, (leaf = await issue(root!)));
    return leaf;
  };
  return {
    name: 'ct-log',
    script: 'apps/ct-log/src/main.js',
    tenant: CT_TENANT,
    env: { CTLOG_PUBLIC_BASE_URL: 'https://ct.example.com' },
    async prepare(client) {
      root = await createRoot();
      const created = await fetch(`${client.base}/api/v1/admin/logs`, {
        method: 'POST',
        headers: json(await client.token(['Admin'])),
        body: JSON.stringify({ name: 'writes', kind: 'rfc6962', key: 'generate', roots: [root.b64], config: { batch_max_size: 8, batch_max_age_ms: 20 } }),
      });
      if (created.status !== 201) throw new Error(`the CT log was not created: ${created.status} ${await created.text()}`);
    },
    async write(client, n) {
      const leaf = await leafFor(n);
      return fetch(`${client.base}/logs/writes/ct/v1/add-chain`, {
        method: 'POST',
        headers: json(await client.token(['CtSubmitter'])),
        body: JSON.stringify({ chain: [leaf.b64] }),
      });
    },
    async inspect(client) {
      let answer = await fetch(`${client.base}/logs/writes/ct/v1/get-sth`);
      await waitFor(async () => (answer = await fetch(`${client.base}/logs/writes/ct/v1/get-sth`)).status !== 503, 60_000, 'the log to serve its head');
      const sth = headFromJson(await answer.json());
      if (!sth) throw new Error(`get-sth answered ${answer.status}`);
      const entries: Buffer[] = [];
      const broken: string[] = [];
      while (entries.length < sth.treeSize) {
        const page = (await (await fetch(`${client.base}/logs/writes/ct/v1/get-entries?start=${entries.length}&end=${sth.treeSize - 1}`)).json()) as {
          entries: Array<{ leaf_input: string }>;
        };
        for (const entry of page.entries) {
          const parsed = parseMerkleTreeLeaf(b64(entry.leaf_input));
          if (parsed.leafIndex !== entries.length) broken.push(`entry ${entries.length} carries leaf index ${parsed.leafIndex}`);
          entries.push(parsed.entry.subarray(3));
        }
      }
      const stored = new Set(entries.map((der) => der.toString('base64')));
      const found = new Set([...leaves].filter(([, leaf]) => stored.has(leaf.der.toString('base64'))).map(([n]) => n));
      if (stored.size !== entries.length) broken.push('a certificate appears twice in the tree');
      return { found, broken };
    },
  };
}
