import type { SchemaMigrations } from '@lib/persistence';

/**
 * The `portal` schema's migrations, in order, listed explicitly (no globbing). Add a migration by
 * writing `migrations/portal/NNN_description.ts` and appending its class here.
 */
export const portalMigrations: SchemaMigrations = {
  schema: 'portal',
  migrations: [],
};
