import { flag, iso, json, sql, toJson } from '@lib/persistence';
import type { WafTx } from '../common/waf-db';
import type { Stamped } from '../policies/policy-store';
import type { VhostInput } from './vhost.validation';

export type VhostRecord = Stamped & VhostInput;

export function vhostFromRow(row: Record<string, unknown>): VhostRecord {
  return {
    id: String(row.id),
    domain: String(row.domain),
    description: String(row.description),
    enabled: flag(row.enabled),
    policyId: (row.policy_id as string | null) ?? null,
    backends: json(row.backends),
    tls: {
      mode: row.tls_mode as 'off' | 'terminate',
      certificateRef: (row.tls_certificate_ref as string | null) ?? null,
      minVersion: row.tls_min_version as '1.2' | '1.3',
      redirectHttp: flag(row.tls_redirect_http),
    },
    version: Number(row.version),
    createdAt: iso(row.created_at),
    createdBy: String(row.created_by),
    updatedAt: iso(row.updated_at),
    updatedBy: String(row.updated_by),
  };
}

export function vhostColumns(input: VhostInput): Record<string, unknown> {
  return {
    domain: input.domain,
    description: input.description,
    enabled: input.enabled,
    policy_id: input.policyId,
    backends: toJson(input.backends),
    tls_mode: input.tls.mode,
    tls_certificate_ref: input.tls.certificateRef,
    tls_min_version: input.tls.minVersion,
    tls_redirect_http: input.tls.redirectHttp,
  };
}

export async function readVhost(tx: WafTx, id: string, lock = false): Promise<VhostRecord | undefined> {
  const row = await tx.one<Record<string, unknown>>(sql`SELECT * FROM waf.vhosts WHERE ${tx.tenant()} AND id = ${id}${lock ? tx.forUpdate : sql``}`);
  return row && vhostFromRow(row);
}

/** The content a comment-only edit does not change: the part of a vhost that ships. */
export function vhostInput(record: VhostRecord): VhostInput {
  const { domain, description, enabled, policyId, backends, tls } = record;
  return { domain, description, enabled, policyId, backends, tls };
}
