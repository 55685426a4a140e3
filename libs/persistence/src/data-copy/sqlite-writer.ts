import type { SqliteLocation } from '../database-url';
import { Store } from '../store';
import type { TenantScope } from '../tenancy/tenant-unit-of-work';
import { chunksFor, columnList, type CopyTable, keyText, keyValues, quoted } from './copy-catalog';
import { type CopyWriter, type TenantRows, type WriteOutcome } from './copy-endpoint';
import { normaliseRow, sqliteValue, type RowValues } from './row-values';
import { sameCanonicalRow } from './row-digest';
import { selectByKeys, SQLITE_MAX_PARAMETERS } from './sqlite-keys';

/**
 * Writes SQLite in the service's own layout (one file per schema). Per batch: the rows already
 * there, then one multi-row INSERT of the absent ones in key order, then those rows read back as
 * stored, so what is digested is what a service will read.
 */
export class SqliteWriter implements CopyWriter {
  private constructor(private readonly store: Store) {}

  static async open(location: SqliteLocation, schemas: readonly string[], rlsExempt: readonly string[]): Promise<SqliteWriter> {
    return new SqliteWriter(await Store.open({ location, schemas, rlsExempt }));
  }

  storeFor(): Store {
    return this.store;
  }

  /** One connection, one writer: batches go one at a time. */
  async writesInFlight(): Promise<number> {
    return 1;
  }

  async write(scope: TenantScope, table: CopyTable, group: TenantRows, reconcile: boolean): Promise<WriteOutcome> {
    const rows = group.rows();
    let existing = await this.select(scope, table, rows);
    const updated = reconcile ? await this.rewriteChanged(scope, table, rows, existing) : 0;
    if (updated > 0) existing = await this.select(scope, table, rows);
    const present = new Set(
      existing.map((row) =>
        keyText(
          table,
          normaliseRow(
            row,
            table.columns.map((column) => column.type),
          ),
        ),
      ),
    );
    const absent = rows.filter((row) => !present.has(keyText(table, row)));
    const name = `${quoted(table.schema)}.${quoted(table.name)}`;
    for (const chunk of chunksFor(absent, table.columns.length, SQLITE_MAX_PARAMETERS)) {
      const tuples = chunk.map(() => `(${table.columns.map(() => '?').join(', ')})`).join(', ');
      await scope.query(
        `INSERT INTO ${name} (${columnList(table)}) VALUES ${tuples} ON CONFLICT DO NOTHING`,
        chunk.flatMap((row) => this.bind(table, row)),
      );
    }
    return { unchanged: [], inserted: await this.select(scope, table, absent), existing, updated };
  }

  /** Rows present with other content, rewritten from the source; how many. */
  private async rewriteChanged(scope: TenantScope, table: CopyTable, rows: readonly RowValues[], existing: unknown[][]): Promise<number> {
    const types = table.columns.map((column) => column.type);
    const stored = new Map(existing.map((raw) => normaliseRow(raw, types)).map((row) => [keyText(table, row), row]));
    const changed = rows.filter((row) => {
      const there = stored.get(keyText(table, row));
      return there !== undefined && !sameCanonicalRow(row, there);
    });
    const name = `${quoted(table.schema)}.${quoted(table.name)}`;
    const keyed = new Set(table.key);
    const assignments = table.columns.filter((column) => !keyed.has(column.name)).map((column) => `${quoted(column.name)} = ?`);
    const where = table.key.map((key) => `${quoted(key)} = ?`).join(' AND ');
    for (const row of changed) {
      const values = this.bind(table, row);
      const positions = table.columns.map((column, index) => [column.name, index] as const);
      await scope.query(`UPDATE ${name} SET ${assignments.join(', ')} WHERE ${where}`, [
        ...positions.filter(([column]) => !keyed.has(column)).map(([, index]) => values[index]),
        ...table.key.map((key) => values[positions.find(([column]) => column === key)![1]]),
      ]);
    }
    return changed.length;
  }

  /** Only PostgreSQL targets take the bulk path (docs/data-copy.md); SQLite ones go batch by batch. */
  async bulkLoad(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  private select(scope: TenantScope, table: CopyTable, rows: readonly RowValues[]): Promise<unknown[][]> {
    return selectByKeys(
      table,
      rows.map((row) => keyValues(table, row)),
      (sql, parameters) => scope.query(sql, parameters),
    );
  }

  private bind(table: CopyTable, row: RowValues): unknown[] {
    return row.map((value, index) => sqliteValue(value, table.columns[index].type));
  }
}
