import { Injectable } from '@nestjs/common';
import { type Sql, sql } from '@lib/persistence';
import { type Page, pageOf } from '../common/list';
import { PortalDb } from '../common/portal-db';
import type { AuditEvent } from '../common/audit-event';
import { AUDIT_EVENT_COLUMNS, auditEventFromRow, chainHash, genesisHash } from '../common/audit-trail';
import type { AuditVerification, ListAuditEventsQuery } from './audit.dto';

const VERIFY_BATCH = 1000;

/** Reads of the tenant's trail; the writes happen inside each audited change. */
@Injectable()
export class AuditService {
  constructor(private readonly db: PortalDb) {}

  events(query: ListAuditEventsQuery): Promise<Page<AuditEvent>> {
    return this.db.unit((tx) => {
      const jsonText = (path: string) => (tx.pg ? sql.raw(`actor->>'${path}'`) : sql.raw(`json_extract(actor, '$.${path}')`));
      const conditions: Sql[] = [sql`${tx.tenant()}`];
      if (query.action !== undefined) conditions.push(sql`action = ${query.action}`);
      if (query.resource_type !== undefined) conditions.push(sql`resource_type = ${query.resource_type}`);
      if (query.resource_id !== undefined) conditions.push(sql`resource_id = ${query.resource_id}`);
      if (query.actor !== undefined) conditions.push(sql`${jsonText('sub')} = ${query.actor} OR ${jsonText('email')} = ${query.actor}`);
      if (query.since !== undefined) conditions.push(sql`occurred_at >= ${new Date(query.since).toISOString()}`);
      if (query.until !== undefined) conditions.push(sql`occurred_at < ${new Date(query.until).toISOString()}`);
      return pageOf(
        tx,
        {
          select: AUDIT_EVENT_COLUMNS,
          from: sql`portal.audit_events`,
          where: sql.and(conditions),
          orderBy: sql.raw(`seq ${query.order === 'asc' ? 'ASC' : 'DESC'}`),
          limit: query.limit,
          offset: query.offset,
        },
        auditEventFromRow,
      );
    });
  }

  /** Recomputes the chain from seq 1 in batches (never the whole trail in memory). */
  verify(): Promise<AuditVerification> {
    return this.db.unit(async (tx) => {
      let previous = genesisHash(tx.tenantId);
      let expectedSeq = 1;
      let firstInvalid: number | null = null;
      for (;;) {
        const rows = await tx.rows<Record<string, unknown>>(
          sql`SELECT ${AUDIT_EVENT_COLUMNS} FROM portal.audit_events WHERE ${tx.tenant()} AND seq >= ${expectedSeq} ORDER BY seq LIMIT ${VERIFY_BATCH}`,
        );
        for (const row of rows) {
          const { chain_hash: stored, ...event } = auditEventFromRow(row);
          if (firstInvalid === null && (event.seq !== expectedSeq || event.prev_hash !== previous || chainHash(event) !== stored)) firstInvalid = event.seq;
          previous = stored;
          expectedSeq = event.seq + 1;
        }
        if (rows.length < VERIFY_BATCH) break;
      }
      const head = await tx.one<{ last_seq: unknown; last_hash: string }>(sql`SELECT last_seq, last_hash FROM portal.audit_chain_heads WHERE ${tx.tenant()}`);
      const headSeq = head ? Number(head.last_seq) : 0;
      const checked = expectedSeq - 1;
      if (firstInvalid === null && head && (headSeq !== checked || head.last_hash.trim() !== previous)) firstInvalid = Math.min(headSeq, checked) + 1;
      return {
        valid: firstInvalid === null,
        events_checked: checked,
        head_seq: headSeq,
        head_hash: head ? head.last_hash.trim() : null,
        first_invalid_seq: firstInvalid,
      };
    });
  }
}
