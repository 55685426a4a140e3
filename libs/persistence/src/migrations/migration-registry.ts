import { MigrationRegistryError } from './migration-errors';
import { type MigrationCategory, type MigrationName, parseMigrationName } from './migration-name';
import { type DataMigration, isDataMigration, type SchemaMigration, type SchemaMigrations } from './migration-types';

export interface LoadedMigration extends MigrationName {
  readonly instance: SchemaMigration | DataMigration;
}

/**
 * Checks a schema's list before anything touches the database: valid names, no duplicates,
 * each category in ascending order, data migrations shaped as such and the others not.
 */
export function loadRegistry(registry: SchemaMigrations): LoadedMigration[] {
  const loaded = registry.migrations.map((MigrationClass) => {
    const instance = new MigrationClass();
    const name = parseMigrationName(instance.name);
    if ((name.category === 'data') !== isDataMigration(instance)) {
      throw new MigrationRegistryError(
        `schema "${registry.schema}": ${name.name} ${name.category === 'data' ? 'is a data migration but has no runBatch()' : 'has runBatch() but is not named DMnnn_'}`,
      );
    }
    return { ...name, instance };
  });
  const seen = new Map<string, string>();
  const last = new Map<MigrationCategory, LoadedMigration>();
  for (const migration of loaded) {
    const key = `${migration.category}:${migration.sequence}`;
    // A repeated name has the same category and number, so this also catches exact duplicates.
    const clash = seen.get(key);
    if (clash) throw new MigrationRegistryError(`schema "${registry.schema}": duplicate migration ${migration.name} (clashes with ${clash})`);
    seen.set(key, migration.name);
    const previous = last.get(migration.category);
    if (previous && previous.sequence > migration.sequence) {
      throw new MigrationRegistryError(
        `schema "${registry.schema}": ${migration.name} is listed after ${previous.name}; list each category in ascending order`,
      );
    }
    last.set(migration.category, migration);
  }
  return loaded;
}
