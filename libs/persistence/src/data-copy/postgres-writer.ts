import { Readable } from 'node:stream';
import { dataSourceOf } from '../store';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { EntraTokenProvider } from '../azure/entra-token-provider';
import type { PostgresLocation } from '../database-url';
import { Store } from '../store';
import { appRoleName } from '../tenancy/rls';
import type { TenantScope } from '../tenancy/tenant-unit-of-work';
import { columnList, type CopyTable, keyList, keyText, quoted } from './copy-catalog';
import { type BulkLoad, type CopyWriter, type TenantRows, type WriteOutcome } from './copy-endpoint';
import { parseCopyLine } from './copy-text';
import { pairLines } from './row-matching';
import { COPY_TYPES } from './pg-values';
import { normaliseRow } from './row-values';

/**
 * Writes PostgreSQL as each schema's app role, so row-level security checks every row against
 * the tenant of its unit of work. A batch is COPYed into a temporary table, then inserted with
 * ON CONFLICT DO NOTHING, returning the inserted rows as stored; when some were not
 * inserted, the rows already there are read too. Tables with INSERT triggers take one batch at a
 * time and leave out existing keys first, so their triggers see only new rows, in key order.
 */
export class PostgresWriter implements CopyWriter {
  /** Facts about a table's target, asked once per copy. */
  private readonly facts = new Map<string, Promise<boolean>>();

  private constructor(private readonly stores: ReadonlyMap<string, Store>) {}

  static async open(location: PostgresLocation, schemas: readonly string[], tokenProvider?: EntraTokenProvider): Promise<PostgresWriter> {
    const stores = new Map<string, Store>();
    try {
      for (const schema of schemas)
        stores.set(
          schema,
          await Store.open({ location, schemas: [schema], role: appRoleName(schema), poolSize: 2, tokenProvider, applicationName: 'data-copy' }),
        );
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

  async write(scope: TenantScope, table: CopyTable, rows: TenantRows, reconcile: boolean): Promise<WriteOutcome> {
    const client = (await scope.driverConnection()) as PoolClient;
    // One round trip. A crash loses at most the last batches, which a re-run copies again: no need
    // to wait for each flush. UTC: returned timestamps come in the text pg-values reads directly.
    await client.query(`SET LOCAL synchronous_commit = off; SET LOCAL TimeZone = 'UTC'; ${createBatchTable(table)}`);
    return insertBatch(client, table, rows, {
      bulk: false,
      triggers: await this.hasInsertTriggers(table),
      reconcile: reconcile && (await this.updatable(table)),
    });
  }

  async bulkLoad(table: CopyTable): Promise<BulkLoad | null> {
    const runner = dataSourceOf(this.storeFor(table.schema)).createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      // As the session's own role: only the table's owner may rebuild it.
      await client.query(`BEGIN; SET LOCAL synchronous_commit = off; SET LOCAL TimeZone = 'UTC'; SET LOCAL ROLE NONE`);
      const [{ owner }] = (
        await client.query<{ owner: boolean }>("SELECT pg_has_role(session_user, relowner, 'USAGE') AS owner FROM pg_class WHERE oid = $1::regclass", [
          tableName(table),
        ])
      ).rows;
      // Emptiness is judged with other writers shut out, so it still holds when the load begins.
      if (owner) await client.query(`LOCK TABLE ${tableName(table)} IN SHARE ROW EXCLUSIVE MODE`);
      const plan = owner ? (await client.query<DeferralPlan>(DEFERRAL_PLAN, [tableName(table)])).rows[0] : null;
      if (!plan?.empty) {
        await client.query('ROLLBACK');
        runner.release();
        return null;
      }
      if (plan.deferred.length > 0) await client.query(plan.deferred.map((object) => object.drop).join(';\n'));
      // The rows go in as the app role, so row-level security checks each against its tenant.
      await client.query(`SET LOCAL ROLE ${quoted(appRoleName(table.schema))}; ${createBatchTable(table)}`);
      return new PostgresBulkLoad(runner, client, table, plan, await this.hasInsertTriggers(table));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      runner.release();
      throw error;
    }
  }

  /** User triggers on INSERT (ctlog's tree-head chain, append-only guards), looked up once per table. */
  private hasInsertTriggers(table: CopyTable): Promise<boolean> {
    return this.fact(table, 'SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgtype & 4 <> 0) AS found');
  }

  /** Whether the app role may update the table: one it may not (a registry of ids) keeps its differences as mismatches. */
  private updatable(table: CopyTable): Promise<boolean> {
    return this.fact(table, "SELECT has_table_privilege($1::regclass, 'UPDATE') AS found");
  }

  private fact(table: CopyTable, question: string): Promise<boolean> {
    const key = `${question}\n${table.qualified}`;
    let found = this.facts.get(key);
    if (!found) {
      // Asked as the app role, in a unit of work: the role is taken per transaction.
      found = this.storeFor(table.schema)
        .rows<{ found: boolean }>(question, [tableName(table)])
        .then((rows) => rows[0].found);
      this.facts.set(key, found);
    }
    return found;
  }

  async close(): Promise<void> {
    await Promise.all([...this.stores.values()].map((store) => store.close()));
  }
}

const tableName = (table: CopyTable) => `${quoted(table.schema)}.${quoted(table.name)}`;

/** A scratch table for one batch's COPY, dropped at the end of the transaction. */
const createBatchTable = (table: CopyTable) =>
  `CREATE TEMP TABLE data_copy_batch ON COMMIT DROP AS SELECT ${columnList(table)} FROM ${tableName(table)} WITH NO DATA`;

/**
 * How a batch goes in. A bulk load into an empty table does not look for rows already there (a
 * duplicate fails the load); otherwise ON CONFLICT skips them, or, where user triggers run on
 * INSERT, they are left out first (BEFORE triggers run ahead of ON CONFLICT, so they would see
 * those rows). Only triggers see the order rows go in: for them, it is key order.
 */
interface InsertRules {
  readonly bulk: boolean;
  readonly triggers: boolean;
  /** Rewrite rows present with other content before inserting the absent ones. */
  readonly reconcile?: boolean;
}

/**
 * COPYs the rows into the batch table and inserts them. The inserted rows come back
 * as stored through `COPY (INSERT ... RETURNING ...) TO STDOUT`: as text, which is compared with
 * the lines sent, so a row stored unchanged is never parsed. When some rows were not inserted,
 * the rows already there are read too.
 */
async function insertBatch(client: PoolClient, table: CopyTable, group: TenantRows, rules: InsertRules): Promise<WriteOutcome> {
  const name = tableName(table);
  const columns = columnList(table);
  await pipeline(Readable.from([group.copyText]), client.query(copyFrom(`COPY data_copy_batch (${columns}) FROM STDIN`)));
  const match = (left: string, right: string) => table.key.map((key) => `${left}.${quoted(key)} = ${right}.${quoted(key)}`).join(' AND ');
  const updated = rules.reconcile
    ? ((
        await client.query(
          `UPDATE ${name} t SET (${columns}) = (${columnList(table, 'b')}) FROM data_copy_batch b
             WHERE ${match('t', 'b')} AND (${columnList(table, 't')}) IS DISTINCT FROM (${columnList(table, 'b')})`,
        )
      ).rowCount ?? 0)
    : 0;
  const returned = await copyOut(
    client,
    `COPY (INSERT INTO ${name} (${columns})
           SELECT ${columns} FROM data_copy_batch b ${rules.triggers && !rules.bulk ? `WHERE NOT EXISTS (SELECT 1 FROM ${name} t WHERE ${match('t', 'b')})` : ''}
           ${rules.triggers ? `ORDER BY ${keyList(table)}` : ''}
           ${rules.bulk ? '' : 'ON CONFLICT DO NOTHING'}
           RETURNING ${columns}) TO STDOUT`,
  );
  const types = table.columns.map((column) => column.type);
  // Mostly every row comes back as sent, in the order sent: one comparison tells.
  const { unchanged, changed } = returned.equals(group.copyText)
    ? { unchanged: Array.from({ length: group.count }, (_, position) => position), changed: [] }
    : pairLines(copyLines(group.copyText), copyLines(returned));
  const inserted = changed.map((line) => parseCopyLine(line, types));
  // Only a batch that was not inserted whole needs the rows that were there before it.
  if (unchanged.length + changed.length === group.count) return { unchanged, inserted, existing: [], updated };
  const rows = group.rows();
  const existing = await client.query({
    text: `SELECT ${columnList(table, 't')} FROM ${name} t JOIN data_copy_batch b ON ${match('t', 'b')}`,
    rowMode: 'array',
    types: COPY_TYPES,
  });
  const fresh = new Set([...unchanged.map((position) => keyText(table, rows[position])), ...inserted.map((row) => keyText(table, normaliseRow(row, types)))]);
  return { unchanged, inserted, existing: existing.rows.filter((row: unknown[]) => !fresh.has(keyText(table, normaliseRow(row, types)))), updated };
}

/** What a `COPY ... TO STDOUT` writes. */
async function copyOut(client: PoolClient, statement: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(client.query(copyTo(statement)), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

/** COPY text's lines, without their newlines. */
function copyLines(text: Buffer): string[] {
  return text.length === 0 ? [] : text.toString('utf8', 0, text.length - 1).split('\n');
}

interface DeferralPlan {
  readonly empty: boolean;
  /** What the load drops before its rows and builds again after them, in that order. */
  readonly deferred: Array<{ drop: string; build: string }>;
}

/**
 * Whether the table is empty (not a page written), and what to build after its rows: its plain
 * indexes (not unique, not a constraint's), then its foreign keys, as the catalog defines them.
 */
const DEFERRAL_PLAN = `
  SELECT pg_relation_size(c.oid) = 0 AS empty,
         ARRAY(SELECT json_build_object('drop', drop, 'build', build) FROM (
                 SELECT 1 AS kind, i.indexrelid AS oid, format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS build
                   FROM pg_index i
                  WHERE i.indrelid = c.oid AND NOT i.indisunique AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                 UNION ALL
                 SELECT 2, k.oid, format('ALTER TABLE %s DROP CONSTRAINT %I', c.oid::regclass, k.conname),
                        format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.oid::regclass, k.conname, pg_get_constraintdef(k.oid))
                   FROM pg_constraint k
                  WHERE k.conrelid = c.oid AND k.contype = 'f'
               ) deferred ORDER BY kind, oid) AS deferred
    FROM pg_class c WHERE c.oid = $1::regclass`;

class PostgresBulkLoad implements BulkLoad {
  private done = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
    private readonly table: CopyTable,
    private readonly plan: DeferralPlan,
    private readonly triggers: boolean,
  ) {}

  /** Queued behind the writes before it on the load's one connection. */
  write(tenantId: string, rows: TenantRows): Promise<WriteOutcome> {
    const written = this.queue.then(async () => {
      // The batch table is emptied, not made anew: each table made in a transaction holds a lock until it ends.
      await this.client.query(`TRUNCATE data_copy_batch; SELECT set_config('app.tenant_id', ${this.client.escapeLiteral(tenantId)}, true)`);
      return insertBatch(this.client, this.table, rows, { bulk: true, triggers: this.triggers });
    });
    this.queue = written.catch(() => undefined);
    return written;
  }

  async finish(): Promise<void> {
    this.done = true;
    try {
      // Sorting a whole table for each index wants more memory than a session's default.
      await this.client.query(
        ['SET LOCAL ROLE NONE', "SET LOCAL maintenance_work_mem = '256MB'", ...this.plan.deferred.map((object) => object.build), 'COMMIT'].join(';\n'),
      );
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.runner.release();
    }
  }

  /** After `finish` there is nothing left to roll back: it committed, or rolled back itself. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    // Batches still queued fail on the aborted transaction; let them, before the connection goes back.
    await this.queue;
    await this.client.query('ROLLBACK').catch(() => undefined);
    this.runner.release();
  }
}
