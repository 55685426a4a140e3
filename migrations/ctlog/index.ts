import type { SchemaMigrations } from '@lib/persistence';
import { CreateLogTables001 } from './001_create_log_tables';
import { CreateAuditTables002 } from './002_create_audit_tables';
import { APPEND_ONLY, ImmutabilityTriggers003 } from './003_immutability_triggers';
import { SearchExtensionsAndIndexes004 } from './004_search_extensions_and_indexes';
import { CTLOG_RLS_EXEMPT, RlsAndGrants005 } from './005_rls_and_grants';
import { LeakproofSearchOperators006 } from './006_leakproof_search_operators';

/**
 * The `ctlog` schema's migrations, in order, listed explicitly (no globbing). Add a migration by
 * writing `migrations/ctlog/NNN_description.ts` and appending its class here.
 */
export const ctlogMigrations: SchemaMigrations = {
  schema: 'ctlog',
  migrations: [CreateLogTables001, CreateAuditTables002, ImmutabilityTriggers003, SearchExtensionsAndIndexes004, RlsAndGrants005, LeakproofSearchOperators006],
  rlsExempt: CTLOG_RLS_EXEMPT,
  // Tiles only ever grow wider, under a guard trigger: history too.
  history: [...APPEND_ONLY, 'tiles'],
};
