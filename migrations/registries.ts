import type { SchemaMigrations } from '@lib/persistence';
import { ctlogMigrations } from './ctlog';
import { portalMigrations } from './portal';
import { wafMigrations } from './waf';

/** Every schema's migrations, by the service that owns the schema. */
export const SCHEMAS_BY_APP: Readonly<Record<string, SchemaMigrations>> = {
  portal: portalMigrations,
  'waf-panel': wafMigrations,
  'ct-log': ctlogMigrations,
};
