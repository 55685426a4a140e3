import { randomUUID } from 'node:crypto';
import { iso, json, sql, type SqlUnit, toJson } from '@lib/persistence';
import { canonicalJson, requestContext, sha256Hex as sha256 } from '@lib/platform';
import { callerFromContext } from './caller';
import type { AuditActor, AuditEvent, AuditInput } from './audit-event';

/** `prev_hash` of a tenant's first event. */
export function genesisHash(tenantId: string): string {
  return sha256(`portal.audit.genesis.v1:${tenantId}`);
}

/** SHA-256 of `prev_hash|JCS(event without prev_hash and chain_hash)`. */
export function chainHash(event: Omit<AuditEvent, 'chain_hash'>): string {
  const { prev_hash: prev, ...rest } = event;
  return sha256(`${prev}|${canonicalJson(rest)}`);
}

function actorFromRequest(): AuditActor {
  const caller = callerFromContext();
  return { sub: caller.sub, oid: caller.oid, tid: caller.tenantId, roles: [...caller.roles], domain: caller.domain, email: caller.identity };
}

/** Registers the tenant (ids only) and gives it a chain head at genesis. */
export async function registerTenant(tx: SqlUnit): Promise<void> {
  await tx.run(sql`INSERT INTO portal.tenants (tenant_id, registered_at) VALUES (${tx.tenantId}, ${tx.now.toISOString()}) ON CONFLICT (tenant_id) DO NOTHING`);
}

/**
 * Appends one event to the tenant's chain inside the caller's transaction: the head row is
 * locked, so concurrent writers take turns and `seq` has no gaps.
 */
export async function appendAuditEvent(tx: SqlUnit, input: AuditInput): Promise<AuditEvent> {
  const head = () =>
    tx.one<{ last_seq: unknown; last_hash: string }>(sql`SELECT last_seq, last_hash FROM portal.audit_chain_heads WHERE ${tx.tenant()}${tx.forUpdate}`);
  let current = await head();
  if (!current) {
    await registerTenant(tx);
    await tx.run(
      sql`INSERT INTO portal.audit_chain_heads (tenant_id, last_seq, last_hash) VALUES (${tx.tenantId}, 0, ${genesisHash(tx.tenantId)}) ON CONFLICT (tenant_id) DO NOTHING`,
    );
    current = (await head())!;
  }
  const context = requestContext.current();
  const unhashed: Omit<AuditEvent, 'chain_hash'> = {
    seq: Number(current.last_seq) + 1,
    event_id: randomUUID(),
    timestamp: tx.now.toISOString(),
    tenant_id: tx.tenantId,
    actor: input.actor ?? actorFromRequest(),
    action: input.action,
    resource: input.resource,
    outcome: input.outcome ?? 'success',
    before: input.before ?? null,
    after: input.after ?? null,
    correlation_id: context?.correlationId ?? null,
    source_ip: context?.clientIp ?? null,
    user_agent: context?.userAgent ?? null,
    reason: input.reason ?? null,
    prev_hash: current.last_hash.trim(),
  };
  const event: AuditEvent = { ...unhashed, chain_hash: chainHash(unhashed) };
  // Neither result is read: both travel with the unit's next message (its COMMIT, usually).
  await tx.later(sql`INSERT INTO portal.audit_events (tenant_id, seq, event_id, occurred_at, actor, action, resource_type, resource_id, resource, outcome, before, after, correlation_id, source_ip, user_agent, reason, prev_hash, chain_hash)
    VALUES (${tx.tenantId}, ${event.seq}, ${event.event_id}, ${event.timestamp}, ${toJson(event.actor)}, ${event.action}, ${event.resource.type}, ${event.resource.id}, ${toJson(event.resource)}, ${event.outcome},
            ${toJson(event.before)}, ${toJson(event.after)}, ${event.correlation_id}, ${event.source_ip}, ${event.user_agent}, ${event.reason}, ${event.prev_hash}, ${event.chain_hash})`);
  await tx.later(sql`UPDATE portal.audit_chain_heads SET last_seq = ${event.seq}, last_hash = ${event.chain_hash} WHERE ${tx.tenant()}`);
  return event;
}

export const AUDIT_EVENT_COLUMNS = sql.raw(
  'seq, event_id, occurred_at, tenant_id, actor, action, resource, outcome, before, after, correlation_id, source_ip, user_agent, reason, prev_hash, chain_hash',
);

export function auditEventFromRow(row: Record<string, unknown>): AuditEvent {
  return {
    seq: Number(row.seq),
    event_id: String(row.event_id),
    timestamp: iso(row.occurred_at),
    tenant_id: String(row.tenant_id),
    actor: json(row.actor),
    action: row.action as AuditEvent['action'],
    resource: json(row.resource),
    outcome: row.outcome as AuditEvent['outcome'],
    before: json(row.before),
    after: json(row.after),
    correlation_id: (row.correlation_id as string | null) ?? null,
    source_ip: (row.source_ip as string | null) ?? null,
    user_agent: (row.user_agent as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    prev_hash: String(row.prev_hash).trim(),
    chain_hash: String(row.chain_hash).trim(),
  };
}
