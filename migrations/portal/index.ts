import type { SchemaMigrations } from '@lib/persistence';
import { CreatePortalTables001 } from './001_create_portal_tables';
import { EnableRowLevelSecurity002 } from './002_enable_row_level_security';
import { AuditAppendOnly003 } from './003_audit_append_only';

/**
 * The `portal` schema's migrations, in order, listed explicitly (no globbing). Add a migration by
 * writing `migrations/portal/NNN_description.ts` and appending its class here.
 */
export const portalMigrations: SchemaMigrations = {
  schema: 'portal',
  migrations: [CreatePortalTables001, EnableRowLevelSecurity002, AuditAppendOnly003],
  // Ids only, so the expiry sweeper can list tenants without bypassing RLS.
  rlsExempt: ['tenants'],
  history: ['audit_events'],
};
