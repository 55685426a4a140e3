import { type Sql, sql } from './sql';
import type { TenantScope } from './tenancy/tenant-unit-of-work';

/**
 * One tenant unit of work as feature code writes SQL in it: the tenant, the unit's single "now"
 * (so every row it writes agrees), and statements that bind parameters for either backend.
 */
export class SqlUnit {
  constructor(
    protected readonly scope: TenantScope,
    readonly now: Date,
  ) {}

  get tenantId(): string {
    return this.scope.tenantId;
  }

  /**
   * The tenant predicate, `tenant_id = <this unit's tenant>` (`alias.tenant_id` with an alias):
   * the one way a statement scopes itself. On PostgreSQL row-level security holds it again; on
   * SQLite the unit refuses a statement on a tenant table that does not bind the tenant.
   */
  tenant(alias?: string): Sql {
    return sql`${sql.raw(alias ? `${alias}.tenant_id` : 'tenant_id')} = ${this.tenantId}`;
  }

  get pg(): boolean {
    return this.scope.dialect === 'postgres';
  }

  /** `FOR UPDATE` on PostgreSQL; SQLite's single writer already serialises the unit. */
  get forUpdate(): Sql {
    return this.pg ? sql` FOR UPDATE` : sql``;
  }

  rows<R>(statement: Sql): Promise<R[]> {
    return this.scope.rows<R>(statement);
  }

  async one<R>(statement: Sql): Promise<R | undefined> {
    return (await this.scope.rows<R>(statement))[0];
  }

  /** A write whose result nobody reads, sent with the unit's next message (see TenantScope.later). */
  later(statement: Sql): Promise<void> {
    return this.scope.later(statement);
  }

  /** Rows changed by an INSERT, UPDATE or DELETE. */
  async run(statement: Sql): Promise<number> {
    return (await this.scope.execute(statement)).affected;
  }
}
