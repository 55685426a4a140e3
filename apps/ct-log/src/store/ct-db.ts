import { Injectable } from '@nestjs/common';
import { runAsTenant, runTenantUnit, sql, SqlUnit, Store } from '@lib/persistence';

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

@Injectable()
export class CtDb {
  constructor(readonly store: Store) {}

  get pg(): boolean {
    return this.store.dialect === 'postgres';
  }

  /** Work for the tenant of the current request (audit and admin routes: the token's tenant). */
  unit<T>(work: (tx: CtTx) => Promise<T>): Promise<T> {
    return runTenantUnit(this.store, (scope) => work(new CtTx(scope, new Date())));
  }

  /** Work for a log's tenant (public reads, CT writes, the sequencer): RLS confines it to that tenant. */
  forTenant<T>(tenantId: string, work: (tx: CtTx) => Promise<T>): Promise<T> {
    return runAsTenant(tenantId, 'ct-log', () => this.unit(work));
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
