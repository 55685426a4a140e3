import type { SchemaMigrations } from '@lib/persistence';
import { CreateWafSchema001 } from './001_create_waf_schema';
import { EnableRowLevelSecurity002 } from './002_enable_row_level_security';
import { APPEND_ONLY, AppendOnlyHistory003 } from './003_append_only_history';
import { SecurityEvents004 } from './004_security_events';

/**
 * The `waf` schema's migrations, in order, listed explicitly (no globbing). Add a migration by
 * writing `migrations/waf/NNN_description.ts` and appending its class here.
 */
export const wafMigrations: SchemaMigrations = {
  schema: 'waf',
  migrations: [CreateWafSchema001, EnableRowLevelSecurity002, AppendOnlyHistory003, SecurityEvents004],
  history: APPEND_ONLY,
};
