import type { EntraTokenProvider } from '../azure/entra-token-provider';
import type { DatabaseLocation, PostgresLocation } from '../database-url';
import type { CopyReader, CopyWriter } from './copy-endpoint';
import { PostgresReader } from './postgres-reader';
import { PostgresWriter } from './postgres-writer';
import { SqliteReader } from './sqlite-reader';
import { SqliteWriter } from './sqlite-writer';
import type { SchemaMigrations } from '../migrations/migration-types';
import { rlsExemptTables } from '../tenancy/rls';

/** Managed identity per PostgreSQL location (none for a URL with a password). */
export type TokenProviderFor = (location: PostgresLocation) => EntraTokenProvider | undefined;

/** Null for a SQLite database that does not exist yet. */
export function openReader(location: DatabaseLocation, schemas: readonly string[], tokenProviderFor: TokenProviderFor): Promise<CopyReader | null> {
  return location.kind === 'postgres' ? PostgresReader.open(location, schemas, tokenProviderFor(location)) : SqliteReader.open(location, schemas);
}

export function openWriter(location: DatabaseLocation, registries: readonly SchemaMigrations[], tokenProviderFor: TokenProviderFor): Promise<CopyWriter> {
  const schemas = registries.map((registry) => registry.schema);
  return location.kind === 'postgres'
    ? PostgresWriter.open(location, schemas, tokenProviderFor(location))
    : SqliteWriter.open(location, schemas, rlsExemptTables(registries));
}
