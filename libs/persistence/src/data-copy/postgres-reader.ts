import type { PoolClient } from 'pg';
import { dataSourceOf } from '../store';
import type { QueryRunner } from 'typeorm';
import type { PostgresLocation } from '../database-url';
import type { EntraTokenProvider } from '../azure/entra-token-provider';
import { ConfigurationError } from '../errors';
import { Store } from '../store';
import { type Catalog, type CatalogTable, columnList, type CopyTable, HISTORY_TABLES, keyList, keyValues, qualifiedName, quoted } from './copy-catalog';
import { type CopyReader } from './copy-endpoint';
import type { SourceBatch } from './source-batch';
import { ARRAY_CAST, COPY_TYPES, logicalType } from './pg-values';
import type { RowValues } from './row-values';

/**
 * Reads PostgreSQL in one REPEATABLE READ, READ ONLY transaction on one connection: one snapshot
 * for the whole run, and the server itself refuses any write.
 */
export class PostgresReader implements CopyReader {
  private constructor(
    private readonly store: Store,
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
    readonly display: string,
  ) {}

  static async open(location: PostgresLocation, schemas: readonly string[], tokenProvider?: EntraTokenProvider): Promise<PostgresReader> {
    const store = await Store.open({ location, schemas, poolSize: 1, tokenProvider, applicationName: 'data-copy' });
    const runner = dataSourceOf(store).createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    // UTC: timestamps arrive in the text form pg-values turns into the canonical one without a Date.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL TimeZone = 'UTC'");
    return new PostgresReader(store, runner, client, location.display);
  }

  /** A source is read across tenants in one pass, which only a role that bypasses row-level security can. */
  async requireAllTenants(): Promise<void> {
    const [[user, bypasses]] = await this.rows('SELECT current_user, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user');
    if (!bypasses) {
      throw new ConfigurationError(
        `reading every tenant of the PostgreSQL source needs a role that bypasses row-level security (superuser or BYPASSRLS); "${String(user)}" does not`,
      );
    }
  }

  async catalog(schemas: readonly string[]): Promise<Catalog> {
    const columns = await this.rows(
      `SELECT n.nspname, c.relname, a.attname, t.typname, a.attgenerated <> ''
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         JOIN pg_type t ON t.oid = a.atttypid
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')
        ORDER BY 1, 2, a.attnum`,
      [schemas],
    );
    const keys = await this.rows(
      `SELECT n.nspname, c.relname, a.attname
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE n.nspname = ANY($1) AND i.indisprimary
        ORDER BY 1, 2, k.position`,
      [schemas],
    );
    const references = await this.rows(
      `SELECT n.nspname, c.relname, r.relname
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND k.contype = 'f'`,
      [schemas],
    );
    const tables = new Map<string, CatalogTable & { columns: CatalogTable['columns'][number][]; key: string[]; references: string[] }>();
    for (const [schema, table, column, typname, generated] of columns as Array<[string, string, string, string, boolean]>) {
      if (HISTORY_TABLES.includes(table)) continue;
      const qualified = qualifiedName(schema, table);
      if (!tables.has(qualified)) tables.set(qualified, { schema, name: table, columns: [], key: [], references: [] });
      if (!generated) tables.get(qualified)!.columns.push({ name: column, type: logicalType(`${qualified}.${column}`, typname) });
    }
    for (const [schema, table, column] of keys as string[][]) tables.get(qualifiedName(schema, table))?.key.push(column);
    for (const [schema, table, referenced] of references as string[][]) tables.get(qualifiedName(schema, table))?.references.push(referenced);
    return { precise: true, tables };
  }

  async appliedMigrations(schema: string): Promise<string[]> {
    const [[present]] = await this.rows('SELECT to_regclass($1) IS NOT NULL', [`${quoted(schema)}.schema_migrations`]);
    if (!present) return [];
    return (await this.rows(`SELECT name FROM ${quoted(schema)}.schema_migrations ORDER BY name`)).map(([name]) => String(name));
  }

  async count(table: CopyTable): Promise<number> {
    return Number((await this.rows(`SELECT count(*) FROM ${this.name(table)}`))[0][0]);
  }

  async readBatch(table: CopyTable, after: readonly unknown[] | null, limit: number): Promise<SourceBatch> {
    const keys = keyList(table);
    const where = after ? `WHERE (${keys}) > (${after.map((_, index) => `$${index + 1}`).join(', ')})` : '';
    const parameters = [...(after ?? []), limit];
    const rows = await this.rows(`SELECT ${columnList(table)} FROM ${this.name(table)} ${where} ORDER BY ${keys} LIMIT $${parameters.length}`, parameters);
    return { rows, count: rows.length, lastKey: rows.length === limit ? keyValues(table, rows[rows.length - 1]) : null };
  }

  async fetchByKeys(table: CopyTable, tenantId: string, keys: readonly RowValues[]): Promise<unknown[][]> {
    // The owner is bound by FORCEd row-level security too: read as the tenant.
    await this.rows("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const unnest = table.key.map((_, index) => `$${index + 1}::${ARRAY_CAST[table.columns[table.keyPositions[index]].type]}`).join(', ');
    const match = table.key.map((key) => `t.${quoted(key)} = k.${quoted(key)}`).join(' AND ');
    return this.rows(
      `SELECT ${columnList(table, 't')} FROM ${this.name(table)} t JOIN unnest(${unnest}) AS k(${keyList(table)}) ON ${match}`,
      table.key.map((_, index) => keys.map((key) => key[index])),
    );
  }

  async close(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    await this.runner.release();
    await this.store.close();
  }

  private name(table: CopyTable): string {
    return `${quoted(table.schema)}.${quoted(table.name)}`;
  }

  private async rows(text: string, values: unknown[] = []): Promise<unknown[][]> {
    return (await this.client.query({ text, values, rowMode: 'array', types: COPY_TYPES })).rows;
  }
}
