import type { EntityManager, EntityTarget } from 'typeorm';
import type { Store } from '../store';
import { TenantRepository, type TenantOwned } from './tenant-repository';
import { workContext } from './work-context';

/** What a tenant unit of work hands its callback: repositories and SQL inside its transaction. */
export class TenantScope {
  constructor(
    private readonly manager: EntityManager,
    readonly tenantId: string,
  ) {}

  repository<T extends TenantOwned>(target: EntityTarget<T>): TenantRepository<T> {
    return new TenantRepository(this.manager, target, this.tenantId);
  }

  /**
   * Raw SQL in this unit. On PostgreSQL row-level security confines it to the tenant; on SQLite
   * it must carry `tenant_id = ?` itself (pass `scope.tenantId`).
   */
  query<R = unknown>(sql: string, parameters: unknown[] = []): Promise<R> {
    return this.manager.query(sql, parameters);
  }
}

/**
 * Runs work for the tenant in context, in one transaction whose first statement sets
 * `app.tenant_id` for that transaction only (never for the session: the connection goes back
 * to the pool). Transient faults rerun the whole unit.
 */
export async function runTenantUnit<T>(store: Store, work: (scope: TenantScope) => Promise<T>): Promise<T> {
  const tenantId = workContext.requireTenant('a tenant unit of work');
  return store.transaction(async (manager) => {
    if (store.dialect === 'postgres') await manager.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    return work(new TenantScope(manager, tenantId));
  });
}
