import type { MigrationQueryRunner } from '@lib/persistence';
import { dialectOf, tenantTableRls, type SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';

/** Every table of the schema is a tenant table. */
export const WAF_TENANT_TABLES = [
  'policies',
  'vhosts',
  'rule_overrides',
  'rule_exclusions',
  'custom_rules',
  'policy_revisions',
  'audit_events',
  'deployments',
  'deployment_files',
  'deployment_state',
  'node_status',
];

/** RLS enabled and forced with the tenant policy (PostgreSQL; SQLite queries filter by tenant). */
export class EnableRowLevelSecurity002 implements SchemaMigration {
  readonly name = '002_enable_row_level_security';

  async up(runner: MigrationQueryRunner): Promise<void> {
    if (dialectOf(runner) !== 'postgres') return;
    await runAll(
      runner,
      WAF_TENANT_TABLES.flatMap((table) => tenantTableRls('waf', table)),
    );
  }
}
