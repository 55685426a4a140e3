import type { MigrationQueryRunner } from '@lib/persistence';
import { dialectOf, tenantTableRls, type SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';

/** Every tenant table except `tenants` (the allow-listed registry of ids). */
export const PORTAL_TENANT_TABLES = [
  'sources',
  'pipelines',
  'pipeline_runs',
  'data_products',
  'quality_history',
  'access_requests',
  'audit_events',
  'audit_chain_heads',
  'demo_data_loads',
];

/** RLS enabled and forced with the tenant policy (PostgreSQL; SQLite repositories filter by tenant). */
export class EnableRowLevelSecurity002 implements SchemaMigration {
  readonly name = '002_enable_row_level_security';

  async up(runner: MigrationQueryRunner): Promise<void> {
    if (dialectOf(runner) !== 'postgres') return;
    await runAll(
      runner,
      PORTAL_TENANT_TABLES.flatMap((table) => tenantTableRls('portal', table)),
    );
  }
}
