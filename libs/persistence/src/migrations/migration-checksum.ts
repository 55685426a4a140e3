import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { isDataMigration, type DataMigration, type SchemaMigration } from './migration-types';

export interface RecordedStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** Comments out, white space folded, no trailing semicolon: what the SQL does, not how it is laid out. */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/;$/, '')
    .trim();
}

/**
 * Runs a migration against a query runner that records instead of executing, to learn the SQL
 * it issues for this dialect. Used for checksums and for `plan` / `--dry-run`. Reads answer
 * with no rows, so a data migration shows its first batch.
 */
export async function recordStatements(dataSource: DataSource, migration: SchemaMigration | DataMigration): Promise<RecordedStatement[]> {
  const statements: RecordedStatement[] = [];
  const base = dataSource.createQueryRunner();
  const recorder = Object.create(base) as QueryRunner & { query: QueryRunner['query'] };
  recorder.query = (async (sql: string, parameters: unknown[] = []) => {
    statements.push({ sql: normaliseSql(sql), parameters });
    return [];
  }) as QueryRunner['query'];
  try {
    if (isDataMigration(migration)) await migration.runBatch(recorder, null, migration.batchSize ?? 1000);
    else await migration.up(recorder);
  } finally {
    // A PostgreSQL runner was never connected; SQLite's is the shared one and must stay open.
    if (dataSource.options.type === 'postgres') await base.release();
  }
  return statements;
}

export function checksumOf(dialect: string, statements: readonly RecordedStatement[]): string {
  const hash = createHash('sha256').update(`${dialect}\n`);
  for (const statement of statements) hash.update(`${statement.sql}\n${JSON.stringify(statement.parameters)}\n`);
  return hash.digest('hex');
}
