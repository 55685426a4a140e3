import type { SchemaMigrations } from '@lib/persistence';

/**
 * The `waf` schema's migrations, in order, listed explicitly (no globbing). Add a migration by
 * writing `migrations/waf/NNN_description.ts` and appending its class here.
 */
export const wafMigrations: SchemaMigrations = {
  schema: 'waf',
  migrations: [],
};
