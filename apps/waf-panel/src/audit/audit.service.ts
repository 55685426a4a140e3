import { Injectable } from '@nestjs/common';
import { containsPattern, flag, iso, json, type Sql, sql } from '@lib/persistence';
import { Checker, type Json } from '@lib/platform';
import { checkPage, pageResult } from '../common/list-query';
import { found } from '../common/problems';
import { WafDb } from '../common/waf-db';
import { AuditSearchQuery } from './audit.dto';

function entryFromRow(row: Record<string, unknown>) {
  return {
    id: String(row.id),
    occurredAt: iso(row.occurred_at),
    actor: {
      sub: String(row.actor_sub),
      email: (row.actor_email as string | null) ?? null,
      type: String(row.actor_type),
      roles: json<string[]>(row.actor_roles),
    },
    action: String(row.action),
    outcome: String(row.outcome),
    entity: { type: String(row.entity_type), id: (row.entity_id as string | null) ?? null, label: (row.entity_label as string | null) ?? null },
    parent: row.parent_id === null ? null : { type: String(row.parent_type), id: String(row.parent_id) },
    before: row.before === null ? null : json(row.before),
    after: row.after === null ? null : json(row.after),
    changes: row.changes === null ? [] : json(row.changes),
    forced: flag(row.forced),
    correlationId: String(row.correlation_id),
    clientIp: (row.client_ip as string | null) ?? null,
    httpMethod: (row.http_method as string | null) ?? null,
    httpPath: (row.http_path as string | null) ?? null,
    detail: (row.detail as string | null) ?? null,
  };
}

@Injectable()
export class AuditService {
  constructor(private readonly db: WafDb) {}

  /** Newest first, keyset pages, filters combined with AND. */
  async search(query: Json) {
    const check = new Checker('query');
    const page = checkPage(check, query, 2);
    const { entityType, entityId, policyId, actor, action, outcome, from, to, q } = check.fields(AuditSearchQuery, query)!;
    check.done();
    return this.db.read(async (tx) => {
      const conditions: Sql[] = [sql`${tx.tenant()}`];
      if (entityType) conditions.push(sql`entity_type = ${entityType}`);
      if (entityId) conditions.push(sql`entity_id = ${entityId}`);
      if (policyId) conditions.push(sql`((entity_type = 'policy' AND entity_id = ${policyId.toLowerCase()}) OR parent_id = ${policyId.toLowerCase()})`);
      if (actor) conditions.push(sql`(actor_sub = ${actor} OR lower(actor_email) = ${actor.toLowerCase()})`);
      if (action)
        conditions.push(
          action.endsWith('.*') ? sql`action LIKE ${`${action.slice(0, -2).replace(/[\\%_]/g, (c) => `\\${c}`)}.%`} ESCAPE '\\'` : sql`action = ${action}`,
        );
      if (outcome) conditions.push(sql`outcome = ${outcome}`);
      if (from) conditions.push(sql`occurred_at >= ${new Date(from).toISOString()}`);
      if (to) conditions.push(sql`occurred_at < ${new Date(to).toISOString()}`);
      if (q) {
        if (tx.pg) conditions.push(sql`search_vector @@ websearch_to_tsquery('simple', ${q})`);
        else
          for (const term of q
            .split(/\s+/)
            .map((t) => t.replace(/["()]/g, ''))
            .filter(Boolean))
            conditions.push(sql`lower(search_text) LIKE ${containsPattern(term.toLowerCase())} ESCAPE '\\'`);
      }
      if (page.after)
        conditions.push(sql`(occurred_at < ${String(page.after[0])} OR (occurred_at = ${String(page.after[0])} AND id < ${String(page.after[1])}))`);
      const rows = await tx.rows<Record<string, unknown>>(
        sql`SELECT * FROM waf.audit_events WHERE ${sql.and(conditions)} ORDER BY occurred_at DESC, id DESC LIMIT ${page.limit + 1}`,
      );
      return pageResult(rows.map(entryFromRow), page.limit, (entry) => [entry.occurredAt, entry.id]);
    });
  }

  async get(id: string) {
    return this.db.read(async (tx) =>
      entryFromRow(found(await tx.one<Record<string, unknown>>(sql`SELECT * FROM waf.audit_events WHERE ${tx.tenant()} AND id = ${id}`), 'Audit event')),
    );
  }
}
