import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { isDataMigration, type DataMigration, type SchemaMigration } from './migration-types';

export interface RecordedStatement {
  /** As the migration issues it. */
  readonly sql: string;
  /** What the checksum is taken of. */
  readonly normalised: string;
  readonly parameters: readonly unknown[];
}

/**
 * What the SQL does, not how it is laid out: comments out, white space folded and dropped next
 * to punctuation, no trailing semicolon. String literals are left exactly as written.
 */
export function normaliseSql(sql: string): string {
  return sql
    .split(/('(?:[^']|'')*')/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/--[^\n]*/g, ' ')
            .replace(/\/\*[\s\S]*?\*\//g, ' ')
            .replace(/\s+/g, ' ')
            .replace(/ ?([(),;=]) ?/g, '$1'),
    )
    .join('')
    .trim()
    .replace(/;+$/, '')
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
    statements.push({ sql: sql.trim().replace(/;+$/, ''), normalised: normaliseSql(sql), parameters });
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
  for (const statement of statements) hash.update(`${statement.normalised}\n${JSON.stringify(statement.parameters)}\n`);
  return hash.digest('hex');
}
