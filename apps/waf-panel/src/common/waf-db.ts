import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, sql, SqlUnit, Store, TenantDatabase, type TenantScope, toJson } from '@lib/persistence';
import { createLogger, requestContext } from '@lib/platform';
import { type AuditInput, changesBetween, mask, searchTextOf } from './audit-entry';
import { WafMetrics } from './waf-metrics';

/** One tenant transaction of the panel: SQL, one "now", and audit entries written inside it. */
export class WafTx extends SqlUnit {
  /** The acting principal's subject, for `created_by`/`updated_by`. */
  get actor(): string {
    return requestContext.current()?.principal?.subject ?? 'system';
  }

  /** Appends an audit entry in this transaction, so no change exists without its entry. */
  async audit(input: AuditInput): Promise<void> {
    const context = requestContext.current();
    const principal = context?.principal;
    const before = input.before === undefined || input.before === null ? null : mask(input.before);
    const after = input.after === undefined || input.after === null ? null : mask(input.after);
    const email = typeof principal?.claims.email === 'string' ? principal.claims.email : null;
    const sub = principal?.subject ?? 'system';
    const roles = principal?.roles ?? [];
    const label = input.entity.label ?? null;
    const changes = before !== null && after !== null ? changesBetween(before, after) : null;
    const searchText = searchTextOf({
      action: input.action,
      entityType: input.entity.type,
      entityId: input.entity.id,
      label,
      email,
      sub,
      detail: input.detail ?? null,
      before,
      after,
    });
    await this
      .later(sql`INSERT INTO waf.audit_events (tenant_id, id, occurred_at, actor_sub, actor_email, actor_type, actor_roles, action, outcome, entity_type, entity_id,
        entity_label, parent_type, parent_id, before, after, changes, forced, correlation_id, client_ip, http_method, http_path, detail, search_text)
      VALUES (${this.tenantId}, ${randomUUID()}, ${this.now.toISOString()}, ${sub}, ${email}, ${roles.includes('WafNode') ? 'service' : 'user'}, ${toJson(roles)},
        ${input.action}, ${input.outcome ?? 'success'}, ${input.entity.type}, ${input.entity.id}, ${label}, ${input.parent?.type ?? null}, ${input.parent?.id ?? null},
        ${toJson(before)}, ${toJson(after)}, ${toJson(changes)}, ${input.forced ?? false}, ${context?.correlationId ?? randomUUID()}, ${context?.clientIp ?? null},
        ${context?.httpMethod ?? null}, ${context?.httpPath ?? null}, ${input.detail ?? null}, ${searchText})`);
  }
}

@Injectable()
export class WafDb extends TenantDatabase<WafTx> {
  private readonly log = createLogger('waf-audit');

  constructor(
    store: Store,
    clock: Clock,
    private readonly metrics: WafMetrics,
  ) {
    super(store, clock);
  }

  protected open(scope: TenantScope, now: Date): WafTx {
    return new WafTx(scope, now);
  }

  /**
   * A refused write's entry, in its own transaction: its failure never changes the
   * response, it is counted and logged instead.
   */
  async auditRefusal(input: AuditInput): Promise<void> {
    try {
      await this.unit((tx) => tx.audit(input));
    } catch (error) {
      this.metrics.auditWriteFailures.inc();
      this.log.error({ err: error, action: input.action }, 'audit entry for a refused write could not be written');
    }
  }
}
