import { Injectable } from '@nestjs/common';
import { Clock, sql, SqlUnit, Store, TenantDatabase, type TenantScope } from '@lib/persistence';

/** A `ctlog.log_directory` row: the public facts that find a log before its tenant is known. */
export interface DirectoryEntry {
  readonly name: string;
  readonly tenantId: string;
  readonly logId: string;
}

/** One tenant transaction of the CT log. */
export class CtTx extends SqlUnit {
  /** Sequencer transaction settings; PostgreSQL only. */
  async sequencerSettings(): Promise<void> {
    if (!this.pg) return;
    await this.rows(
      sql`SELECT set_config('synchronous_commit', 'on', true), set_config('lock_timeout', '5s', true), set_config('statement_timeout', '15s', true)`,
    );
  }
}

/**
 * The CT log's database: `unit` for the token's tenant (audit and admin routes), `forLog` for a
 * log's tenant (public reads, CT writes, the sequencer), RLS confining either to that tenant.
 */
@Injectable()
export class CtDb extends TenantDatabase<CtTx> {
  constructor(store: Store, clock: Clock) {
    super(store, clock);
  }

  protected open(scope: TenantScope, now: Date): CtTx {
    return new CtTx(scope, now);
  }

  /** Work for a log's tenant. */
  forLog<T>(tenantId: string, work: (tx: CtTx) => Promise<T>): Promise<T> {
    return this.forTenant(tenantId, 'ct-log', work);
  }

  async directory(name: string): Promise<DirectoryEntry | undefined> {
    const rows = await this.directoryRows(sql`WHERE name = ${name}`);
    return rows[0];
  }

  allLogs(): Promise<DirectoryEntry[]> {
    return this.directoryRows(sql`ORDER BY name`);
  }

  private async directoryRows(where: ReturnType<typeof sql>): Promise<DirectoryEntry[]> {
    const rows = await this.store.rows(sql`SELECT name, tenant_id, log_id FROM ctlog.log_directory ${where}`);
    return rows.map((row) => ({ name: String(row.name), tenantId: String(row.tenant_id), logId: String(row.log_id) }));
  }
}
