import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntraTokenProvider } from '../azure/entra-token-provider';
import type { PostgresLocation } from '../database-url';
import { Store } from '../store';
import { appRoleName } from '../tenancy/rls';
import type { TenantScope } from '../tenancy/tenant-unit-of-work';
import type { CopyTable } from './copy-catalog';
import { columnList, type CopyWriter, keyList, keyText, quoted, type WriteOutcome } from './copy-endpoint';
import { copyTextLine } from './copy-text';
import { COPY_TYPES } from './pg-values';
import type { RowValues } from './row-values';

/**
 * Writes PostgreSQL as each schema's app role, so row-level security checks every row against
 * the tenant of its unit of work. A batch is COPYed into a temporary table, then inserted in key
 * order with ON CONFLICT DO NOTHING, returning the inserted rows as stored; when some were not
 * inserted, the rows already there are read too. Tables with INSERT triggers take one batch at a
 * time and leave out existing keys first, so their triggers see only new rows, in key order.
 */
export class PostgresWriter implements CopyWriter {
  private readonly insertTriggers = new Map<string, Promise<boolean>>();

  private constructor(private readonly stores: ReadonlyMap<string, Store>) {}

  static async open(location: PostgresLocation, schemas: readonly string[], tokenProvider?: EntraTokenProvider): Promise<PostgresWriter> {
    const stores = new Map<string, Store>();
    try {
      for (const schema of schemas) stores.set(schema, await Store.open({ location, schemas: [schema], role: appRoleName(schema), poolSize: 2, tokenProvider, applicationName: 'data-copy' }));
    } catch (error) {
      await Promise.all([...stores.values()].map((store) => store.close()));
      throw error;
    }
    return new PostgresWriter(stores);
  }

  storeFor(schema: string): Store {
    return this.stores.get(schema)!;
  }

  /** Two batches at once keep both PostgreSQL and this process busy, unless triggers see the order. */
  async writesInFlight(table: CopyTable): Promise<number> {
    return (await this.hasInsertTriggers(table)) ? 1 : 2;
  }

  async write(scope: TenantScope, table: CopyTable, rows: readonly RowValues[]): Promise<WriteOutcome> {
    const client = (await scope.driverConnection()) as PoolClient;
    const name = `${quoted(table.schema)}.${quoted(table.name)}`;
    const columns = columnList(table);
    const types = table.columns.map((column) => column.type);
    // One round trip. A crash loses at most the last batches, which a re-run copies again: no need
    // to wait for each flush. UTC: returned timestamps come in the text pg-values reads directly.
    await client.query(
      `SET LOCAL synchronous_commit = off; SET LOCAL TimeZone = 'UTC';
       CREATE TEMP TABLE data_copy_batch ON COMMIT DROP AS SELECT ${columns} FROM ${name} WITH NO DATA`,
    );
    // One chunk for the batch: a write per row would cost a CopyData message and a socket write each.
    await pipeline(Readable.from([rows.map((row) => copyTextLine(row, types)).join('')]), client.query(copyFrom(`COPY data_copy_batch (${columns}) FROM STDIN`)));
    const match = (left: string, right: string) => table.key.map((key) => `${left}.${quoted(key)} = ${right}.${quoted(key)}`).join(' AND ');
    // ON CONFLICT is decided after BEFORE triggers ran: where there are some, rows already there are left out first.
    const absent = (await this.hasInsertTriggers(table)) ? `WHERE NOT EXISTS (SELECT 1 FROM ${name} t WHERE ${match('t', 'b')})` : '';
    const inserted = await client.query({
      text: `INSERT INTO ${name} (${columns})
             SELECT ${columns} FROM data_copy_batch b ${absent}
             ORDER BY ${keyList(table)}
             ON CONFLICT DO NOTHING
             RETURNING ${columns}`,
      rowMode: 'array',
      types: COPY_TYPES,
    });
    // Only a batch that was not inserted whole needs the rows that were there before it.
    if (inserted.rows.length === rows.length) return { inserted: inserted.rows, existing: [] };
    const existing = await client.query({ text: `SELECT ${columnList(table, 't')} FROM ${name} t JOIN data_copy_batch b ON ${match('t', 'b')}`, rowMode: 'array', types: COPY_TYPES });
    const fresh = new Set(inserted.rows.map((row: unknown[]) => keyText(table, row)));
    return { inserted: inserted.rows, existing: existing.rows.filter((row: unknown[]) => !fresh.has(keyText(table, row))) };
  }

  /** User triggers on INSERT (ctlog's tree-head chain, append-only guards), looked up once per table. */
  private hasInsertTriggers(table: CopyTable): Promise<boolean> {
    let found = this.insertTriggers.get(table.qualified);
    if (!found) {
      found = this.storeFor(table.schema)
        .dataSource.query('SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgtype & 4 <> 0) AS found', [`${quoted(table.schema)}.${quoted(table.name)}`])
        .then((rows: Array<{ found: boolean }>) => rows[0].found);
      this.insertTriggers.set(table.qualified, found);
    }
    return found;
  }

  async close(): Promise<void> {
    await Promise.all([...this.stores.values()].map((store) => store.close()));
  }
}
