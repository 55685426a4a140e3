import { existsSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { sqliteSchemaFile, type SqliteLocation } from '../database-url';
import { StoreConnectionError } from '../errors';
import {
  type Catalog,
  type CatalogColumn,
  type CatalogTable,
  columnList,
  type ColumnType,
  type CopyTable,
  HISTORY_TABLES,
  keyList,
  qualifiedName,
  quoted,
} from './copy-catalog';
import { type CopyReader } from './copy-endpoint';
import type { RowValues } from './row-values';
import { selectByKeys } from './sqlite-keys';
import type { SourceBatch } from './source-batch';
import { keySelect, parseRows, rowsSelect } from './sqlite-rows';

/**
 * Reads SQLite files opened read-only (`mode=ro`): the copy can never change them. The whole
 * run reads inside one transaction, so it sees one snapshot even while a service writes (WAL).
 */
export class SqliteReader implements CopyReader {
  private constructor(
    private readonly db: sqlite3.Database,
    readonly display: string,
    private readonly attached: ReadonlySet<string>,
  ) {}

  /** Null when the database does not exist: there is nothing to read (and nothing is created). */
  static async open(location: SqliteLocation, schemas: readonly string[]): Promise<SqliteReader | null> {
    if (location.directory === ':memory:' || !existsSync(location.mainFile)) return null;
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened = new sqlite3.Database(fileUri(location.mainFile), sqlite3.OPEN_READONLY | sqlite3.OPEN_URI, (error) =>
        error ? reject(error) : resolve(opened),
      );
    }).catch((error: Error) => {
      throw new StoreConnectionError(`could not open ${location.display} read-only: ${error.message}`, { cause: error });
    });
    const reader = new SqliteReader(db, location.display, new Set(schemas.filter((schema) => existsSync(sqliteSchemaFile(location, schema)))));
    await reader.run('PRAGMA busy_timeout = 5000');
    for (const schema of reader.attached) await reader.run(`ATTACH DATABASE ? AS ${quoted(schema)}`, [fileUri(sqliteSchemaFile(location, schema))]);
    await reader.run('BEGIN');
    return reader;
  }

  async catalog(schemas: readonly string[]): Promise<Catalog> {
    const tables = new Map<string, CatalogTable>();
    for (const schema of schemas.filter((name) => this.attached.has(name))) {
      const definitions = await this.all<{ name: string; sql: string }>(
        `SELECT name, sql FROM ${quoted(schema)}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`,
      );
      for (const definition of definitions.filter((d) => !HISTORY_TABLES.includes(d.name))) {
        const info = await this.all<{ name: string; type: string; pk: number; hidden: number }>(
          `PRAGMA ${quoted(schema)}.table_xinfo(${quoted(definition.name)})`,
        );
        const references = await this.all<{ table: string }>(`PRAGMA ${quoted(schema)}.foreign_key_list(${quoted(definition.name)})`);
        const jsonColumns = new Set([...definition.sql.matchAll(/json_valid\(\s*"?(\w+)"?\s*\)/g)].map((match) => match[1]));
        const stored = info.filter((column) => column.hidden === 0);
        tables.set(qualifiedName(schema, definition.name), {
          schema,
          name: definition.name,
          columns: stored.map((column): CatalogColumn => ({
            name: column.name,
            type: jsonColumns.has(column.name) ? 'json' : storageClass(`${schema}.${definition.name}.${column.name}`, column.type),
          })),
          key: stored
            .filter((column) => column.pk > 0)
            .sort((a, b) => a.pk - b.pk)
            .map((column) => column.name),
          references: [...new Set(references.map((reference) => reference.table))],
        });
      }
    }
    return { precise: false, tables };
  }

  async appliedMigrations(schema: string): Promise<string[]> {
    if (!this.attached.has(schema)) return [];
    const present = await this.all(`SELECT 1 FROM ${quoted(schema)}.sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`);
    if (present.length === 0) return [];
    return (await this.all<{ name: string }>(`SELECT name FROM ${quoted(schema)}.schema_migrations ORDER BY name`)).map((row) => row.name);
  }

  async count(table: CopyTable): Promise<number> {
    return (await this.all<{ n: number }>(`SELECT count(*) AS n FROM ${this.name(table)}`))[0].n;
  }

  /** The rows as one JSON text, parsed off the main thread (source-batch.ts); the next batch's start found by the key index alone. */
  async readBatch(table: CopyTable, after: readonly unknown[] | null, limit: number): Promise<SourceBatch> {
    const keys = keyList(table);
    const following = `FROM ${this.name(table)} ${after ? `WHERE (${keys}) > (${after.map(() => '?').join(', ')})` : ''} ORDER BY ${keys}`;
    const [{ batch, count, last }] = await this.all<{ batch: string; count: number; last: string | null }>(
      `SELECT batch, count, (SELECT ${keySelect(table)} ${following} LIMIT 1 OFFSET ?) AS last FROM (${rowsSelect(table, `FROM (SELECT ${columnList(table)} ${following} LIMIT ?)`)})`,
      [...(after ?? []), limit - 1, ...(after ?? []), limit],
    );
    return { json: batch, count, lastKey: count === limit && last !== null ? parseRows(`[${last}]`)[0] : null };
  }

  async fetchByKeys(table: CopyTable, _tenantId: string, keys: readonly RowValues[]): Promise<unknown[][]> {
    return this.attached.has(table.schema) ? selectByKeys(table, keys, (sql, parameters) => this.all(sql, parameters)) : [];
  }

  async close(): Promise<void> {
    await this.run('COMMIT').catch(() => undefined);
    await new Promise<void>((resolve) => this.db.close(() => resolve()));
  }

  private name(table: CopyTable): string {
    return `${quoted(table.schema)}.${quoted(table.name)}`;
  }

  private all<R = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<R[]> {
    return new Promise((resolve, reject) => this.db.all(sql, parameters, (error, rows) => (error ? reject(error) : resolve(rows as R[]))));
  }

  private run(sql: string, parameters: unknown[] = []): Promise<void> {
    return new Promise((resolve, reject) => this.db.run(sql, parameters, (error) => (error ? reject(error) : resolve())));
  }
}

/** A read-only URI for a path: every segment percent-encoded, so `?` and `#` in names stay names. */
function fileUri(path: string): string {
  return `file:${path.split('/').map(encodeURIComponent).join('/')}?mode=ro`;
}

/** SQLite's type affinity rules (https://sqlite.org/datatype3.html §3.1), for the types our DDL declares. */
function storageClass(column: string, declared: string): ColumnType {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'text';
  if (type === '' || type.includes('BLOB')) return 'bytes';
  if (/REAL|FLOA|DOUB/.test(type)) return 'real';
  throw new Error(`${column}: declared type "${declared}" has numeric affinity, which the copy cannot map to one logical type`);
}
