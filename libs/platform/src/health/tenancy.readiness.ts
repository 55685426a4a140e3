import { Inject, Injectable } from '@nestjs/common';
import { lintTenantTables, rlsExemptTables, SCHEMA_MIGRATIONS, Store, type SchemaMigrations } from '@lib/persistence';
import { ReadinessRegistry } from './readiness';

/** Not ready while any tenant table of the service's schemas lacks enabled, forced RLS and its policy. */
@Injectable()
export class TenancyReadiness {
  constructor(store: Store, registry: ReadinessRegistry, @Inject(SCHEMA_MIGRATIONS) migrations: readonly SchemaMigrations[]) {
    const schemas = migrations.map((m) => m.schema);
    registry.register({
      name: 'row-level-security',
      check: async () => {
        const findings = await lintTenantTables(store.dialect, (sql, parameters) => store.rows(sql, parameters), schemas, rlsExemptTables(migrations));
        if (findings.length > 0) throw new Error(findings.map((f) => `${f.table}: ${f.problems.join(', ')}`).join('; '));
        return store.dialect === 'postgres' ? { schemas } : { enforcedBy: 'repositories (SQLite has no RLS)' };
      },
    });
  }
}
