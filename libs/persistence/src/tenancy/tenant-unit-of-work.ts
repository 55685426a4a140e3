import type { EntityManager, EntityTarget } from 'typeorm';
import type { Sql } from '../sql';
import type { Dialect } from '../database-url';
import { readAsTenant, sqliteTenantTables, type Store, unitConnection, unitLater, unitStatement, withEntityManager } from '../store';
import { TenantIsolationViolationError } from './tenant-isolation-error';
import { TenantRepository, type TenantOwned } from './tenant-repository';
import { workContext } from './work-context';

/** What a tenant unit of work hands its callback: repositories and SQL inside its transaction. */
export class TenantScope {
  constructor(
    /** None in a read unit on PostgreSQL: each statement is a transaction of its own there (`readStatement`). */
    private readonly manager: EntityManager | undefined,
    readonly tenantId: string,
    readonly dialect: Dialect,
    /** SQLite only: the tables whose statements must carry this tenant (no row-level security there). */
    private readonly tenantTables: ReadonlySet<string> = new Set(),
    private readonly readStatement?: (statement: Sql) => Promise<Record<string, unknown>[]>,
  ) {}

  private get transaction(): EntityManager {
    if (!this.manager) throw new Error('a read unit has no transaction of its own: use a unit of work');
    return this.manager;
  }

  /**
   * SQLite has no row-level security, so the unit itself refuses a statement that names a tenant
   * table without binding this tenant: the predicate (`sql.tenant`) cannot be forgotten silently.
   */
  private guard(text: string, parameters: readonly unknown[]): void {
    if (this.tenantTables.size === 0 || parameters.includes(this.tenantId)) return;
    const named = [...text.toLowerCase().matchAll(/"?([a-z_][a-z0-9_]*)"?\s*\.\s*"?([a-z_][a-z0-9_]*)"?/g)].map(([, schema, table]) => `${schema}.${table}`);
    const table = named.find((name) => this.tenantTables.has(name));
    if (table) throw new TenantIsolationViolationError(`a statement on ${table} does not bind the unit's tenant; scope it with sql.tenant`);
  }

  repository<T extends TenantOwned>(target: EntityTarget<T>): TenantRepository<T> {
    return new TenantRepository(this.transaction, target, this.tenantId);
  }

  /**
   * Raw SQL in this unit. On PostgreSQL row-level security confines it to the tenant; on SQLite
   * it must carry `tenant_id = ?` itself (pass `scope.tenantId`).
   */
  query<R = unknown>(sql: string, parameters: unknown[] = []): Promise<R> {
    this.guard(sql, parameters);
    return this.transaction.query(sql, parameters);
  }

  /** The driver's own connection of this unit (a pg client, the sqlite3 database), for bulk paths such as COPY. */
  driverConnection(): Promise<unknown> {
    // Inside the unit's transaction this hands back the connection it already holds.
    return unitConnection(this.transaction);
  }

  /** Rows of a statement built with the `sql` tag (same tenant rules as `query`). */
  async rows<R>(statement: Sql): Promise<R[]> {
    return (await this.execute<R>(statement)).rows;
  }

  /**
   * A write whose result nobody reads (an audit entry, a chain head): on PostgreSQL it travels
   * with the unit's next message, and a failure fails the unit there. Same tenant rules as `query`.
   */
  async later(statement: Sql): Promise<void> {
    if (this.readStatement) throw new Error('a read unit does not write: use a unit of work');
    const { text, parameters } = statement.render(this.dialect);
    this.guard(text, parameters);
    await unitLater(this.transaction, statement, text, parameters);
  }

  /** The rows and the number of rows an INSERT, UPDATE or DELETE changed, on either backend. */
  async execute<R = Record<string, unknown>>(statement: Sql): Promise<{ rows: R[]; affected: number }> {
    if (this.readStatement) return { rows: (await this.readStatement(statement)) as R[], affected: 0 };
    const { text, parameters } = statement.render(this.dialect);
    this.guard(text, parameters);
    return (await unitStatement(this.transaction, statement, text, parameters)) as { rows: R[]; affected: number };
  }
}

/**
 * Runs work for the tenant in context, in one transaction whose first statement sets
 * `app.tenant_id` for that transaction only (never for the session: the connection goes back
 * to the pool). Transient faults rerun the whole unit.
 */
export async function runTenantUnit<T>(store: Store, work: (scope: TenantScope) => Promise<T>): Promise<T> {
  const tenantId = workContext.requireTenant('a tenant unit of work');
  if (store.dialect === 'postgres') {
    return withEntityManager(store, (manager) => work(new TenantScope(manager, tenantId, store.dialect)), tenantId);
  }
  const tenantTables = await sqliteTenantTables(store);
  return withEntityManager(store, (manager) => work(new TenantScope(manager, tenantId, store.dialect, tenantTables)));
}

/**
 * Runs work that only reads, for the tenant in context. On PostgreSQL each of its statements is a
 * transaction of its own, in one round trip (the tenant, the role, the statement timeout and
 * read-only set with it), so a one-statement read costs one round trip instead of three. Under
 * READ COMMITTED every statement reads its own snapshot anyway; what work loses is what only a
 * shared transaction gives: row locks and transaction-scoped advisory locks, which reads here
 * never take (a read-only transaction refuses FOR UPDATE). On SQLite it is a unit of work.
 */
export function runTenantRead<T>(store: Store, work: (scope: TenantScope) => Promise<T>): Promise<T> {
  if (store.dialect !== 'postgres') return runTenantUnit(store, work);
  const tenantId = workContext.requireTenant('a tenant read');
  return work(new TenantScope(undefined, tenantId, store.dialect, undefined, (statement) => readAsTenant(store, tenantId, statement)));
}
