/**
 * The framework-overhead limit for the portal's sources routes: bare `node:http` and `pg`
 * (bare-server.ts), the portal's role checks and its own statements, audit chain included.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Principal, problem, readJson, send, serve, tenantPool } from './bare-server';

const SOURCE_TYPES = new Set([
  'azure_sql',
  'synapse',
  'cosmos_db',
  'adls_gen2',
  'blob_storage',
  'databricks',
  'postgresql',
  'mysql',
  'oracle',
  'rest_api',
  'odata',
  'sftp',
  'sharepoint',
  'event_hub',
  'iot_hub',
  'kafka',
]);
const READERS = ['Reader', 'Contributor', 'Admin'];
const WRITERS = ['Contributor', 'Admin'];
const { pool, inTenant } = tenantPool('portal_app');

function record(row: Record<string, any>) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    source_type: row.source_type,
    domain: row.domain,
    classification: row.classification,
    connection: row.connection,
    schema: row.schema_def,
    ingestion: row.ingestion,
    quality_rules: row.quality_rules,
    data_product: row.data_product,
    target: row.target,
    owner: { name: row.owner_name, email: row.owner_email, team: row.owner_team, cost_center: row.owner_cost_center },
    tags: row.tags,
    status: row.status,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    provisioned_at: row.provisioned_at?.toISOString() ?? null,
    pipeline_id: row.adf_pipeline_name,
    purview_scan_id: row.purview_scan_id,
  };
}

async function list(principal: Principal, url: URL, response: ServerResponse): Promise<void> {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const rows = await inTenant(
    principal.tenant,
    async (client) =>
      (
        await client.query(
          'SELECT *, (SELECT count(*) FROM portal.sources WHERE tenant_id = $1 AND 1 = 1) AS total_count FROM portal.sources WHERE tenant_id = $2 AND 1 = 1 ORDER BY created_at ASC, id ASC LIMIT $3 OFFSET $4',
          [principal.tenant, principal.tenant, limit, offset],
        )
      ).rows,
  );
  send(response, 200, rows.map(record), { 'x-total-count': String(rows[0]?.total_count ?? 0) });
}

async function get(principal: Principal, id: string, response: ServerResponse): Promise<void> {
  const row = await inTenant(
    principal.tenant,
    async (client) => (await client.query('SELECT * FROM portal.sources WHERE tenant_id = $1 AND id = $2', [principal.tenant, id])).rows[0],
  );
  if (!row) return problem(response, 404, 'Not Found');
  send(response, 200, record(row), { etag: `"${row.row_version}"` });
}

async function register(principal: Principal, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJson(request, response);
  if (!body) return;
  const owner = body.owner ?? {};
  if (
    typeof body.name !== 'string' ||
    !SOURCE_TYPES.has(body.source_type) ||
    typeof body.domain !== 'string' ||
    typeof owner.name !== 'string' ||
    typeof owner.email !== 'string' ||
    typeof owner.team !== 'string'
  ) {
    return problem(response, 422, 'Unprocessable Entity');
  }
  const connection = {
    host: null,
    port: null,
    database: null,
    schema: null,
    container: null,
    path: null,
    api_url: null,
    authentication_method: null,
    key_vault_secret_name: null,
    ...body.connection,
  };
  const ingestion = { mode: 'full', schedule_cron: null, batch_size: null, parallelism: null, max_retry_count: null, timeout_minutes: null };
  const target = {
    landing_zone: 'dlz-default',
    container: 'bronze',
    path_pattern: '{domain}/{source_name}/{year}/{month}/{day}',
    format: 'delta',
    partition_by: null,
  };
  const id = randomUUID();
  const now = new Date().toISOString();
  const row = await inTenant(principal.tenant, async (client) => {
    await client.query(
      `INSERT INTO portal.sources (tenant_id, id, name, description, source_type, domain, classification, status, owner_name, owner_email, owner_team, owner_cost_center,
          connection, schema_def, ingestion, quality_rules, data_product, target, tags, created_at, updated_at, row_version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 1)`,
      [
        principal.tenant,
        id,
        body.name,
        body.description ?? '',
        body.source_type,
        body.domain,
        body.classification ?? 'internal',
        owner.name,
        owner.email,
        owner.team,
        owner.cost_center ?? null,
        JSON.stringify(connection),
        null,
        JSON.stringify(ingestion),
        '[]',
        null,
        JSON.stringify(target),
        JSON.stringify(body.tags ?? {}),
        now,
        now,
      ],
    );
    const stored = (await client.query('SELECT * FROM portal.sources WHERE tenant_id = $1 AND id = $2', [principal.tenant, id])).rows[0];
    const head = (await client.query('SELECT last_seq, last_hash FROM portal.audit_chain_heads WHERE tenant_id = $1 FOR UPDATE', [principal.tenant])).rows[0];
    const event = {
      seq: Number(head.last_seq) + 1,
      event_id: randomUUID(),
      timestamp: now,
      tenant_id: principal.tenant,
      actor: { sub: principal.sub, roles: principal.roles },
      action: 'source.register',
      resource: { type: 'source', id, domain: body.domain },
      after: { name: body.name },
    };
    const chainHash = createHash('sha256')
      .update(`${head.last_hash.trim()}|${JSON.stringify(event)}`)
      .digest('hex');
    await client.query(
      `INSERT INTO portal.audit_events (tenant_id, seq, event_id, occurred_at, actor, action, resource_type, resource_id, resource, outcome, before, after, correlation_id, source_ip, user_agent, reason, prev_hash, chain_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'success', NULL, $10, NULL, $11, $12, NULL, $13, $14)`,
      [
        principal.tenant,
        event.seq,
        event.event_id,
        now,
        JSON.stringify(event.actor),
        event.action,
        'source',
        id,
        JSON.stringify(event.resource),
        JSON.stringify(event.after),
        request.socket.remoteAddress ?? null,
        request.headers['user-agent'] ?? null,
        head.last_hash.trim(),
        chainHash,
      ],
    );
    await client.query('UPDATE portal.audit_chain_heads SET last_seq = $1, last_hash = $2 WHERE tenant_id = $3', [event.seq, chainHash, principal.tenant]);
    return stored;
  });
  send(response, 201, record(row), { etag: '"1"', location: `/api/v1/sources/${id}` });
}

serve(pool, async (principal, url, request, response) => {
  const allowed = (roles: string[]) => principal.roles.some((role) => roles.includes(role));
  const writing = request.method === 'POST';
  if (!allowed(writing ? WRITERS : READERS)) return problem(response, 403, 'Forbidden');
  if (url.pathname === '/api/v1/sources') return writing ? register(principal, request, response) : list(principal, url, response);
  if (url.pathname.startsWith('/api/v1/sources/')) return get(principal, decodeURIComponent(url.pathname.slice(16)), response);
  problem(response, 404, 'Not Found');
});
