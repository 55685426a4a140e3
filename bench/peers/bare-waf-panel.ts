/**
 * The framework-overhead limit for the WAF panel's vhost routes: bare `node:http` and `pg`
 * (bare-server.ts), the panel's role checks, its field rules (the same domain and backend
 * checks, named in one 422), its statements, and its audit entry in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mask, searchTextOf } from '../../apps/waf-panel/src/common/audit-entry';
import { backendUrl, domainProblem } from '../../apps/waf-panel/src/vhosts/vhost-names';
import { vhostFromRow } from '../../apps/waf-panel/src/vhosts/vhost-store';
import { type Principal, problem, readJson, send, serve, tenantPool } from './bare-server';

const READERS = ['Admin', 'Editor', 'Viewer'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const { pool, inTenant } = tenantPool('waf_app');

const etag = (row: Record<string, any>) => `"${row.id}-${row.version}"`;

async function get(principal: Principal, id: string, response: ServerResponse): Promise<void> {
  if (!UUID.test(id)) return problem(response, 404, 'Not Found');
  const row = await inTenant(
    principal.tenant,
    async (client) => (await client.query('SELECT * FROM waf.vhosts WHERE tenant_id = $1 AND id = $2', [principal.tenant, id])).rows[0],
  );
  if (!row) return problem(response, 404, 'Not Found');
  send(response, 200, vhostFromRow(row), { etag: etag(row) });
}

interface Candidate {
  domain: string;
  description: string;
  enabled: boolean;
  policyId: string | null;
  backends: Array<{ url: string; weight: number }>;
  tls: { mode: string; certificateRef: string | null; minVersion: string; redirectHttp: boolean };
}

/** Every bad field, or the normalised candidate. */
function checked(body: Record<string, any>): { problems: string[]; candidate?: Candidate } {
  const problems: string[] = [];
  const fail = (path: string) => problems.push(path);
  const domain = typeof body.domain === 'string' ? body.domain.toLowerCase() : undefined;
  if (domain === undefined || /[^\x21-\x7e]/.test(domain) || domainProblem(domain)) fail('domain');
  if (body.description !== undefined && (typeof body.description !== 'string' || body.description.length > 1000)) fail('description');
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') fail('enabled');
  if (body.policyId !== undefined && body.policyId !== null && (typeof body.policyId !== 'string' || !UUID.test(body.policyId))) fail('policyId');
  const backends: Candidate['backends'] = [];
  if (!Array.isArray(body.backends) || body.backends.length < 1 || body.backends.length > 16) fail('backends');
  else {
    body.backends.forEach((backend: any, i: number) => {
      const url = typeof backend?.url === 'string' && backend.url.length <= 2048 ? backendUrl(backend.url).url : undefined;
      const weight = backend?.weight ?? 1;
      if (!url || backends.some((seen) => seen.url === url)) fail(`backends/${i}/url`);
      if (!Number.isInteger(weight) || weight < 1 || weight > 100) fail(`backends/${i}/weight`);
      if (url) backends.push({ url, weight });
    });
  }
  const tls = body.tls ?? {};
  const mode = tls.mode ?? 'off';
  if (mode !== 'off' && mode !== 'terminate') fail('tls/mode');
  if ((mode === 'terminate') !== (typeof tls.certificateRef === 'string')) fail('tls/certificateRef');
  if (problems.length > 0) return { problems };
  return {
    problems,
    candidate: {
      domain: domain!,
      description: body.description ?? '',
      enabled: body.enabled ?? true,
      policyId: body.policyId?.toLowerCase() ?? null,
      backends,
      tls: { mode, certificateRef: tls.certificateRef ?? null, minVersion: tls.minVersion ?? '1.2', redirectHttp: tls.redirectHttp ?? mode === 'terminate' },
    },
  };
}

async function create(principal: Principal, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!principal.roles.includes('Admin')) return problem(response, 403, 'Forbidden');
  const body = await readJson(request, response);
  if (!body) return;
  const { problems, candidate: input } = checked(body);
  if (!input) return send(response, 422, { title: 'Unprocessable Entity', status: 422, errors: problems });
  const id = randomUUID();
  const now = new Date().toISOString();
  const created = await inTenant(principal.tenant, async (client) => {
    if (
      input.policyId !== null &&
      (await client.query('SELECT * FROM waf.policies WHERE tenant_id = $1 AND id = $2', [principal.tenant, input.policyId])).rowCount === 0
    ) {
      return 'policy' as const;
    }
    if ((await client.query('SELECT id FROM waf.vhosts WHERE tenant_id = $1 AND domain = $2', [principal.tenant, input.domain])).rowCount !== 0)
      return 'taken' as const;
    await client.query(
      `INSERT INTO waf.vhosts (tenant_id, id, version, created_at, created_by, updated_at, updated_by, domain, description, enabled, policy_id, backends,
          tls_mode, tls_certificate_ref, tls_min_version, tls_redirect_http)
        VALUES ($1, $2, 1, $3, $4, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        principal.tenant,
        id,
        now,
        principal.sub,
        input.domain,
        input.description,
        input.enabled,
        input.policyId,
        JSON.stringify(input.backends),
        input.tls.mode,
        input.tls.certificateRef,
        input.tls.minVersion,
        input.tls.redirectHttp,
      ],
    );
    const row = (await client.query('SELECT * FROM waf.vhosts WHERE tenant_id = $1 AND id = $2', [principal.tenant, id])).rows[0];
    const after = mask(vhostFromRow(row));
    const entity = { action: 'vhost.create', entityType: 'vhost', entityId: id, label: input.domain };
    const searchText = searchTextOf({ ...entity, email: principal.email, sub: principal.sub, detail: null, before: null, after });
    await client.query(
      `INSERT INTO waf.audit_events (tenant_id, id, occurred_at, actor_sub, actor_email, actor_type, actor_roles, action, outcome, entity_type, entity_id,
          entity_label, parent_type, parent_id, before, after, changes, forced, correlation_id, client_ip, http_method, http_path, detail, search_text)
        VALUES ($1, $2, $3, $4, $5, 'user', $6, $7, 'success', $8, $9, $10, NULL, NULL, NULL, $11, NULL, false, $12, $13, $14, $15, NULL, $16)`,
      [
        principal.tenant,
        randomUUID(),
        now,
        principal.sub,
        principal.email,
        JSON.stringify(principal.roles),
        entity.action,
        entity.entityType,
        id,
        entity.label,
        JSON.stringify(after),
        randomUUID(),
        request.socket.remoteAddress ?? null,
        request.method,
        request.url,
        searchText,
      ],
    );
    return row as Record<string, any>;
  });
  if (created === 'policy') return send(response, 422, { title: 'Unprocessable Entity', status: 422, errors: ['policyId'] });
  if (created === 'taken') return problem(response, 409, 'Conflict');
  send(response, 201, vhostFromRow(created), { etag: etag(created), location: `/api/v1/vhosts/${id}` });
}

serve(pool, async (principal, url, request, response) => {
  if (!principal.roles.some((role) => READERS.includes(role))) return problem(response, 403, 'Forbidden');
  if (url.pathname === '/api/v1/vhosts' && request.method === 'POST') return create(principal, request, response);
  if (url.pathname.startsWith('/api/v1/vhosts/') && request.method === 'GET') return get(principal, decodeURIComponent(url.pathname.slice(15)), response);
  problem(response, 404, 'Not Found');
});
