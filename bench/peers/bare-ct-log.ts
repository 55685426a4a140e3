/**
 * The framework-overhead limit for two routes of the CT log's certificate audit API: bare
 * `node:http` and `pg` (bare-server.ts), the service's role checks, field rules and statements:
 * one certificate by fingerprint (its log and revocation joined), and the next CRL number of an
 * issuer (one upsert).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fingerprintHex, normaliseFingerprint } from '../../apps/ct-log/src/audit/certificate-facts';
import { renderItem } from '../../apps/ct-log/src/audit/certificate-items';
import { type Principal, problem, readJson, send, serve, tenantPool } from './bare-server';

const READERS = ['CtReader', 'CtSubmitter', 'Admin'];
const SUBMITTERS = ['CtSubmitter', 'Admin'];
const MAX_ISSUER = 256;
const { pool, inTenant } = tenantPool('ctlog_app');

async function certificate(principal: Principal, url: URL, response: ServerResponse): Promise<void> {
  const fingerprint = normaliseFingerprint(decodeURIComponent(url.pathname.slice('/api/v1/certificates/'.length)));
  const unknown = [...url.searchParams.keys()].filter((name) => name !== 'include_pem' && name !== 'include_proof');
  if (!fingerprint || unknown.length > 0) return send(response, 422, { title: 'Unprocessable Entity', status: 422 });
  const now = new Date();
  const row = await inTenant(
    principal.tenant,
    async (client) =>
      (
        await client.query(
          `SELECT c.*, l.name AS log_name, r.reason AS r_reason, r.revoked_at AS r_revoked_at, r.revoked_by AS r_revoked_by, r.leaf_index AS r_leaf_index,
              r.timestamp_ms AS r_timestamp_ms
            FROM ctlog.certificates c
            JOIN ctlog.logs l ON l.tenant_id = c.tenant_id AND l.id = c.log_id
            LEFT JOIN ctlog.cert_revocations r ON r.tenant_id = c.tenant_id AND r.fingerprint = c.fingerprint
            WHERE c.tenant_id = $1 AND (c.fingerprint = $2) ORDER BY c.timestamp_ms DESC, l.name DESC, c.leaf_index DESC LIMIT 1`,
          [principal.tenant, fingerprint],
        )
      ).rows[0],
  );
  if (!row) return problem(response, 404, `no certificate ${fingerprintHex(fingerprint)}`);
  send(response, 200, renderItem(row, now));
}

async function nextCrlNumber(principal: Principal, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!principal.roles.some((role) => SUBMITTERS.includes(role))) return problem(response, 403, 'Forbidden');
  const body = await readJson(request, response);
  if (!body) return;
  const issuer = body.issuer;
  if (typeof issuer !== 'string' || issuer.length < 1 || issuer.length > MAX_ISSUER || Object.keys(body).length !== 1) {
    return send(response, 422, { title: 'Unprocessable Entity', status: 422, errors: ['issuer'] });
  }
  const row = await inTenant(
    principal.tenant,
    async (client) =>
      (
        await client.query(
          `INSERT INTO ctlog.crl_counters AS k (tenant_id, issuer, crl_number, updated_at) VALUES ($1, $2, 1, $3)
            ON CONFLICT (tenant_id, issuer) DO UPDATE SET crl_number = k.crl_number + 1, updated_at = excluded.updated_at RETURNING crl_number`,
          [principal.tenant, issuer, new Date().toISOString()],
        )
      ).rows[0],
  );
  send(response, 200, { issuer, crl_number: Number(row.crl_number) });
}

serve(pool, async (principal, url, request, response) => {
  if (!principal.roles.some((role) => READERS.includes(role))) return problem(response, 403, 'Forbidden');
  if (url.pathname === '/api/v1/crl/next-number' && request.method === 'POST') return nextCrlNumber(principal, request, response);
  if (url.pathname.startsWith('/api/v1/certificates/') && request.method === 'GET') return certificate(principal, url, response);
  problem(response, 404, 'Not Found');
});
