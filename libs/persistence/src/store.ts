import * as pg from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AsyncMutex } from './async-mutex';
import { type Dialect, sqliteSchemaFile } from './database-url';
import { buildDataSourceOptions, type ConnectionSettings } from './data-source-options';
import { ConfigurationError, StoreClosedError, StoreCommitOutcomeUnknownError, StoreConnectionError } from './errors';
import { translateStoreError } from './error-translation';
import { DEFAULT_RETRY, type RetryOptions, withRetry } from './retry';
import { isConnectionFault } from './transient';
import { type ChannelHandlers, type ChannelSubscription, listenOn } from './channel-listener';
import type { Sql } from './sql';
import { isTenantId } from './tenancy/work-context';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('control-plane-suite');

export interface StoreSettings extends ConnectionSettings {
  /** Module schemas this store serves; on SQLite each is an attached database file of that name. */
  readonly schemas: readonly string[];
  readonly retry?: RetryOptions;
  /** `schema.table`s with a tenant_id that are read before the tenant is known (no RLS; no SQLite tenant guard). */
  readonly rlsExempt?: readonly string[];
}

/** The connection of a unit of work died before COMMIT was sent: nothing was saved, so it may run again. */
class ConnectionLostError extends Error {
  /** Classified like any reset connection: transient, and a connection fault. */
  readonly code = 'ECONNRESET';

  constructor(cause?: unknown) {
    super('the database connection was lost during the unit of work', { cause });
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** pg's conversion of a bound parameter's value (not in its type declarations). */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }).utils;

/** A value as a PostgreSQL literal: the text `pg` would bind (bytes as hex), quoted; untyped like a bound parameter. */
function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `E'\\\\x${prepared.toString('hex')}'`;
  return pg.escapeLiteral(prepared);
}

/**
 * One pooled connection to one database as one role, shared by every module of a process.
 * All work goes through `transaction`, which retries whole units on transient faults and
 * translates driver failures into typed StoreErrors.
 */
/** What a unit of work hands its callback: statements in its transaction, and nothing of the driver. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are whatever the statement selects, as with the driver
  query(text: string, parameters?: unknown[]): Promise<any>;
}

/** The TypeORM side of a Store, for the library's own modules only (not exported from the package). */
interface StoreInternals {
  readonly source: DataSource;
  /** A unit of work; with `tenantId`, its transaction is that tenant's (`app.tenant_id`). */
  managed<T>(work: (manager: EntityManager) => Promise<T>, tenantId?: string): Promise<T>;
  /** PostgreSQL: one reading statement of the tenant, a transaction of its own in one round trip. */
  readAs(tenantId: string, statement: Sql): Promise<Record<string, unknown>[]>;
  /** SQLite: the schema-qualified tables that have a tenant_id column, read once. */
  tenantTables(): Promise<ReadonlySet<string>>;
}
const internals = new WeakMap<Store, StoreInternals>();

/** The Store's DataSource: migrations, data-copy and LISTEN drive connections of their own. */
export const dataSourceOf = (store: Store): DataSource => internals.get(store)!.source;

/** SQLite: the schema-qualified tables with a tenant_id column (what a tenant unit must scope). */
export const sqliteTenantTables = (store: Store): Promise<ReadonlySet<string>> => internals.get(store)!.tenantTables();

/** PostgreSQL: `statement`, which only reads, as the tenant in a transaction of its own, in one round trip. */
export const readAsTenant = (store: Store, tenantId: string, statement: Sql): Promise<Record<string, unknown>[]> =>
  internals.get(store)!.readAs(tenantId, statement);

/**
 * What a PostgreSQL unit of work has not sent yet: its BEGIN (with the settings) until its first
 * statement, and statements queued with `unitLater`. They go out in the next message the unit
 * sends, ahead of it: with its next statement of ours, before anything TypeORM or the driver
 * sends, or with COMMIT. One simple-protocol message runs its statements in order and stops at
 * the first error, which aborts the transaction, so a queued statement's failure fails the unit
 * where it would have failed anyway, only one await later.
 */
class UnsentStatements {
  private queued: string[];
  /** The BEGIN went out: there is a transaction to end. */
  begun = false;

  constructor(
    begin: string,
    private readonly send: (text: string) => Promise<unknown>,
  ) {
    this.queued = [begin];
  }

  /** Nothing but the BEGIN waits: a unit that stops here has nothing to commit. */
  get idle(): boolean {
    return !this.begun && this.queued.length === 1;
  }

  queue(text: string): void {
    this.queued.push(text);
  }

  /** The statements to send ahead of the next message, and none left. */
  take(): string[] {
    const taken = this.queued;
    this.queued = [];
    if (taken.length > 0) this.begun = true;
    return taken;
  }

  /** Drops what is queued: the unit is rolling back. */
  discard(): void {
    this.queued = [];
  }

  /** Sends what is queued on its own (before a message that cannot carry it). */
  async flush(): Promise<void> {
    const taken = this.take();
    if (taken.length > 0) await this.send(taken.join('; '));
  }
}
const unsent = new WeakMap<QueryRunner, UnsentStatements>();

/** The pg client a unit's runner holds (taking it from the pool on first use). */
const connectionOf = async (runner: QueryRunner): Promise<pg.PoolClient> => (await runner.connect()) as pg.PoolClient;

/** One simple-protocol message, on a unit's connection or the pool; its last statement's rows. */
async function sendMessage(client: pg.Pool | pg.PoolClient, text: string): Promise<{ rows: Record<string, unknown>[]; affected: number }> {
  const results = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
  const last = Array.isArray(results) ? results[results.length - 1] : results;
  return { rows: last.rows, affected: last.rowCount ?? 0 };
}

/**
 * A statement of a unit of work, rendered as `text` and `parameters`. Whatever the unit has not
 * sent yet (see UnsentStatements) travels with it in one simple-protocol message; there the
 * statement's values are literals (see `literal`). Otherwise it binds its parameters.
 */
export async function unitStatement(
  manager: EntityManager,
  statement: Sql,
  text: string,
  parameters: unknown[],
): Promise<{ rows: Record<string, unknown>[]; affected: number }> {
  const runner = manager.queryRunner!;
  const ahead = unsent.get(runner)?.take() ?? [];
  if (ahead.length > 0) return sendMessage(await connectionOf(runner), [...ahead, statement.inline(literal)].join('; '));
  const result = (await runner.query(text, parameters, true)) as { records?: Record<string, unknown>[]; affected?: number };
  return { rows: result.records ?? [], affected: result.affected ?? 0 };
}

/**
 * A statement of a unit of work whose result nobody reads (an audit entry, a counter): on
 * PostgreSQL it waits for the unit's next message, so it costs no round trip of its own. On
 * SQLite it runs now.
 */
export async function unitLater(manager: EntityManager, statement: Sql, text: string, parameters: unknown[]): Promise<void> {
  const statements = unsent.get(manager.queryRunner!);
  if (statements) statements.queue(statement.inline(literal));
  else await manager.queryRunner!.query(text, parameters);
}

/** The driver's connection of a unit of work (a pg client, the sqlite3 database), everything queued sent. */
export async function unitConnection(manager: EntityManager): Promise<unknown> {
  const runner = manager.queryRunner!;
  await unsent.get(runner)?.flush();
  return runner.connect();
}

/** A unit of work with TypeORM's manager, for repositories and driver connections (COPY). */
export const withEntityManager = <T>(store: Store, work: (manager: EntityManager) => Promise<T>, tenantId?: string): Promise<T> =>
  internals.get(store)!.managed(work, tenantId);

export class Store {
  /** SQLite has one connection: units of work take turns instead of nesting into each other. */
  private readonly sqliteTurn = new AsyncMutex();
  /** Units begun and not yet settled: `close` lets them finish before the pool goes. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing = false;

  private constructor(
    private readonly dataSource: DataSource,
    readonly dialect: Dialect,
    readonly settings: StoreSettings,
  ) {
    let tenantTables: Promise<ReadonlySet<string>> | undefined;
    internals.set(this, {
      source: dataSource,
      managed: (work, tenantId) => this.managed(work, tenantId),
      readAs: (tenantId, statement) => this.tracked(() => this.readOnce(tenantId, statement)),
      tenantTables: () => (tenantTables ??= this.readSqliteTenantTables()),
    });
  }

  static async open(settings: StoreSettings): Promise<Store> {
    for (const name of [...settings.schemas, ...(settings.role ? [settings.role] : [])]) {
      if (!IDENTIFIER.test(name)) throw new ConfigurationError(`"${name}" is not a valid schema or role name (lowercase letters, digits, _)`);
    }
    const dataSource = new DataSource(buildDataSourceOptions(settings));
    try {
      await dataSource.initialize();
    } catch (error) {
      throw new StoreConnectionError(`could not connect to ${settings.location.display}: ${(error as Error).message}`, { cause: error });
    }
    const store = new Store(dataSource, settings.location.kind, settings);
    if (store.dialect === 'sqlite') await store.prepareSqlite();
    return store;
  }

  /** `LISTEN channel` on a connection of its own (PostgreSQL only): see `listenOn`. */
  listen(channel: string, handlers: ChannelHandlers): Promise<ChannelSubscription> {
    if (this.dialect !== 'postgres') return Promise.reject(new Error('LISTEN needs PostgreSQL'));
    if (this.closing) return Promise.reject(new StoreClosedError(`the store for ${this.settings.location.display} is closed`));
    return this.withTranslatedErrors(() => listenOn(this.dataSource, channel, handlers));
  }

  /**
   * Runs `work` in one transaction; on a transient fault the whole unit runs again. Once `close`
   * has begun, a new unit is refused with StoreClosedError instead of reaching a closing pool.
   */
  transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return this.managed(work);
  }

  private managed<T>(work: (manager: EntityManager) => Promise<T>, tenantId?: string): Promise<T> {
    return this.tracked(() => this.once(work, tenantId));
  }

  /** A unit of work as every path runs one: refused once closing, traced, retried whole on transient faults, errors typed. */
  private tracked<T>(once: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new StoreClosedError(`the store for ${this.settings.location.display} is closed`));
    // One span per unit of work, retries included: what a request spent in the database.
    const unit = tracer.startActiveSpan(
      'db.transaction',
      { kind: SpanKind.CLIENT, attributes: { 'db.system.name': this.dialect === 'postgres' ? 'postgresql' : 'sqlite' } },
      (span) =>
        this.withTranslatedErrors(() => withRetry(once, this.settings.retry ?? DEFAULT_RETRY)).then(
          (result) => {
            span.end();
            return result;
          },
          (error: unknown) => {
            span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
            span.end();
            throw error;
          },
        ),
    );
    const forget = () => this.inFlight.delete(unit);
    this.inFlight.add(unit);
    unit.then(forget, forget);
    return unit;
  }

  /**
   * Runs `work` with the connection to itself: on SQLite no unit of work interleaves with it
   * (the migration runner drives its own transaction there); on PostgreSQL it simply runs.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.dialect === 'sqlite' ? this.sqliteTurn.runExclusive(work) : work();
  }

  /**
   * One statement in a transaction of its own, as the pool's role and in no tenant's context:
   * directory lookups, catalog checks, the list of tenants a job walks (tables without RLS).
   */
  rows<T = Record<string, unknown>>(statement: Sql): Promise<T[]>;
  rows<T = Record<string, unknown>>(text: string, parameters: readonly unknown[]): Promise<T[]>;
  rows<T>(statement: Sql | string, parameters: readonly unknown[] = []): Promise<T[]> {
    const { text, parameters: values } = typeof statement === 'string' ? { text: statement, parameters: [...parameters] } : statement.render(this.dialect);
    return this.transaction((manager) => manager.query(text, values) as Promise<T[]>);
  }

  /**
   * On SQLite, commits to this schema wait until its file is on disk (`synchronous = FULL`), so
   * an acknowledged write survives power loss; PostgreSQL commits are durable already.
   */
  async durableCommits(schema: string): Promise<void> {
    if (this.dialect !== 'sqlite' || !this.settings.schemas.includes(schema)) return;
    // The connection is single, so the pragma sticks; it cannot change inside a transaction.
    await this.exclusive(() => this.dataSource.query(`PRAGMA "${schema}".synchronous = FULL`));
  }

  /** A round trip to the database, for readiness. */
  async ping(): Promise<void> {
    await this.transaction((manager) => manager.query('select 1'));
  }

  /** Refuses new units, lets the units already begun finish, then closes the pool. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.inFlight);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private once<T>(work: (manager: EntityManager) => Promise<T>, tenantId?: string): Promise<T> {
    if (this.dialect === 'sqlite') return this.sqliteTurn.runExclusive(() => this.unit(work));
    return this.unit(work, tenantId);
  }

  /**
   * PostgreSQL: what a transaction of ours is, set for that transaction only (`set_config(…, true)`):
   * the pool's role, the tenant and the statement timeout, plus `extra`. Never for the session: a
   * pooler in transaction mode (PgBouncer) hands the connection to someone else after the
   * transaction, and a start-up option would not reach the server through it at all. It goes in a
   * simple-protocol message with other statements, so its values are literals: a checked role
   * name, a UUID and a number.
   */
  private settingsStatement(tenantId: string | undefined, extra: Array<[string, string]> = []): string {
    const settings: Array<[string, string]> = [];
    if (this.settings.role) settings.push(['role', this.settings.role]);
    if (tenantId !== undefined) {
      if (!isTenantId(tenantId)) throw new TypeError('a tenant id is a UUID');
      settings.push(['app.tenant_id', tenantId]);
    }
    if (this.settings.statementTimeoutMs !== undefined) settings.push(['statement_timeout', String(Math.trunc(this.settings.statementTimeoutMs))]);
    settings.push(...extra);
    return settings.length > 0 ? `SELECT ${settings.map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}` : '';
  }

  /** PostgreSQL: how a unit begins, its settings in the same round trip. */
  private beginStatement(tenantId: string | undefined): string {
    const settings = this.settingsStatement(tenantId);
    return settings ? `START TRANSACTION; ${settings}` : 'START TRANSACTION';
  }

  /**
   * One reading statement in one round trip: the settings (read-only added) and the statement in
   * one simple-protocol message, which PostgreSQL runs as one implicit transaction, so the
   * settings end with it. The message cannot bind parameters: the statement's values become
   * literals through the driver's own conversion (as it would send them) and quoting.
   */
  private async readOnce(tenantId: string, statement: Sql): Promise<Record<string, unknown>[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
    return (await sendMessage(pool, `${this.settingsStatement(tenantId, [['transaction_read_only', 'on']])}; ${statement.inline(literal)}`)).rows;
  }

  /**
   * One transaction. Unlike TypeORM's `transaction`, a lost connection is told apart from other
   * failures: before COMMIT was sent nothing was saved, so the unit may run again; during COMMIT
   * the outcome is unknown, so it must not.
   */
  private async unit<T>(work: (manager: EntityManager) => Promise<T>, tenantId?: string): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      let statements: UnsentStatements | undefined;
      if (this.dialect === 'postgres') {
        const query = runner.query.bind(runner);
        const pending = (statements = new UnsentStatements(this.beginStatement(tenantId), (text) => query(text)));
        unsent.set(runner, pending);
        // What TypeORM's startTransaction records, so repositories join this transaction instead of opening one.
        Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
        // Whatever TypeORM sends (a repository's statement, a raw query) goes after what the unit queued.
        runner.query = async (...args: Parameters<QueryRunner['query']>) => {
          await pending.flush();
          return query(...args);
        };
      } else {
        await runner.startTransaction();
      }
      let result: T;
      try {
        result = await work(runner.manager);
        if (runner.isReleased) throw new ConnectionLostError();
      } catch (error) {
        // TypeORM releases a runner whose socket failed; its next call then throws "already released".
        if (runner.isReleased) throw new ConnectionLostError(error);
        statements?.discard();
        if (statements?.begun !== false) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      // A unit that queued nothing has no transaction to end.
      if (statements?.idle) return result;
      try {
        if (statements) {
          // COMMIT carries what the unit queued last.
          await sendMessage(await connectionOf(runner), [...statements.take(), 'COMMIT'].join('; '));
          Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
        } else {
          await runner.commitTransaction();
        }
      } catch (error) {
        if (runner.isReleased || isConnectionFault(error)) {
          throw new StoreCommitOutcomeUnknownError('the database connection failed while the change was being committed; it may or may not have been saved', {
            cause: error,
          });
        }
        statements?.discard();
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      return result;
    } finally {
      await runner.release();
    }
  }

  private async withTranslatedErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw translateStoreError(error);
    }
  }

  private async readSqliteTenantTables(): Promise<ReadonlySet<string>> {
    const tables = new Set<string>();
    for (const schema of this.settings.schemas) {
      const rows = (await this.dataSource.query(
        `SELECT m.name AS name FROM "${schema}".sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name, '${schema}') c WHERE c.name = 'tenant_id')`,
      )) as { name: string }[];
      for (const { name } of rows) if (!this.settings.rlsExempt?.includes(`${schema}.${name}`)) tables.add(`${schema}.${name}`.toLowerCase());
    }
    return tables;
  }

  private async prepareSqlite(): Promise<void> {
    const location = this.settings.location;
    if (location.kind !== 'sqlite') return;
    const run = (sql: string, params: unknown[] = []) => this.dataSource.query(sql, params);
    await run('PRAGMA synchronous = NORMAL');
    for (const schema of this.settings.schemas) {
      await run(`ATTACH DATABASE ? AS "${schema}"`, [sqliteSchemaFile(location, schema)]);
      if (location.directory !== ':memory:') await run(`PRAGMA "${schema}".journal_mode = WAL`);
      await run(`PRAGMA "${schema}".synchronous = NORMAL`);
    }
  }
}
