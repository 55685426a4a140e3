import type { SchemaMigrations } from '@lib/persistence';

/**
 * The `ctlog` schema's migrations, in order, listed explicitly (no globbing). Add a migration by
 * writing `migrations/ctlog/NNN_description.ts` and appending its class here.
 */
export const ctlogMigrations: SchemaMigrations = {
  schema: 'ctlog',
  migrations: [],
};
