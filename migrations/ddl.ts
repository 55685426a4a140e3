import type { MigrationQueryRunner } from '@lib/persistence';
import { dialectOf } from '@lib/persistence';

/**
 * Column types and statement shapes of a module's schema on each backend: SQLite keeps uuids,
 * dates and timestamps as TEXT and JSON as checked TEXT; PostgreSQL text compares in binary
 * order (`COLLATE "C"`) so sorting is the same on both.
 */
export function schemaDdl(runner: MigrationQueryRunner, schema: string) {
  const pg = dialectOf(runner) === 'postgres';
  return {
    pg,
    uuid: pg ? 'uuid' : 'TEXT',
    text: pg ? 'text COLLATE "C"' : 'TEXT',
    timestamp: pg ? 'timestamptz(3)' : 'TEXT',
    date: pg ? 'date' : 'TEXT',
    double: pg ? 'double precision' : 'REAL',
    int: pg ? 'integer' : 'INTEGER',
    bool: pg ? 'boolean' : 'INTEGER',
    bigint: pg ? 'bigint' : 'INTEGER',
    json: (column: string) => (pg ? 'jsonb' : `TEXT CHECK (json_valid(${column}))`),
    /** A foreign key to a table of the schema: qualified on PostgreSQL, same-file on SQLite. */
    references: (table: string) => (pg ? `${schema}.${table}` : table),
    index: (name: string, table: string, columns: string, options: { unique?: boolean; where?: string } = {}) =>
      `CREATE ${options.unique ? 'UNIQUE ' : ''}INDEX ${pg ? name : `${schema}.${name}`} ON ${pg ? `${schema}.${table}` : table} (${columns})${options.where ? ` WHERE ${options.where}` : ''}`,
    oneOf: (column: string, values: readonly string[]) => `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`,
  };
}

export async function runAll(runner: MigrationQueryRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await runner.query(statement);
}
