import type { QueryRunner } from 'typeorm';
import { dataSourceOf } from '../store';
import { DEFAULT_BUSY_TIMEOUT_MS } from '../data-source-options';
import type { Store } from '../store';
import { appRoleName, lintTenantTables, provisionSchemaSql, rlsExemptTables } from '../tenancy/rls';
import { checksumOf, recordStatements, type RecordedStatement } from './migration-checksum';
import {
  MigrationChecksumMismatchError,
  MigrationLockTimeoutError,
  MigrationPartialFailureError,
  OutOfOrderMigrationError,
  PendingReleaseMigrationsError,
} from './migration-errors';
import { CATEGORIES, type MigrationCategory } from './migration-name';
import { loadRegistry, type LoadedMigration } from './migration-registry';
import { type DataMigration, type SchemaMigration, type SchemaMigrations } from './migration-types';
import { bind, historyDdl, insertHistorySql, readDataProgress, readHistory, type DataProgressRow, type HistoryRow } from './history';

export interface RunnerOptions {
  /** Recorded in the history: an operator, a pod, `boot:<service>`. */
  readonly appliedBy: string;
  readonly lockTimeoutMs?: number;
  readonly allowOutOfOrder?: boolean;
}

export interface SchemaStatus {
  readonly schema: string;
  readonly applied: HistoryRow[];
  readonly pending: Record<MigrationCategory, string[]>;
  readonly checksumMismatches: Array<{ name: string; stored: string; current: string }>;
  /** Applied, but no longer in the registry. */
  readonly missing: string[];
  readonly dataProgress: DataProgressRow[];
}

export interface DataRunOptions {
  readonly batchSize?: number;
  readonly onBatch?: (progress: { name: string; batches: number; processed: number; done: boolean }) => void;
  /** Stops the run between batches (the service is stopping); a later run resumes at the checkpoint. */
  readonly signal?: AbortSignal;
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const STARTUP_CATEGORIES: MigrationCategory[] = ['startup', 'seed'];

/**
 * Applies one schema's categorized migrations: checksummed, each exactly once however many
 * processes run it together (a per-schema PostgreSQL advisory lock on its own connection, taken
 * with a try-lock loop; on SQLite its write lock), each in its own transaction.
 */
export class MigrationRunner {
  readonly schema: string;
  private readonly migrations: LoadedMigration[];
  private checksums: Promise<Map<string, string>> | undefined;
  /** The bootstrap (schema, role, grants, history tables) runs once per runner, under its first lock. */
  private bootstrapped = false;

  constructor(
    private readonly store: Store,
    private readonly registry: SchemaMigrations,
    private readonly options: RunnerOptions,
  ) {
    this.schema = registry.schema;
    this.migrations = loadRegistry(registry);
  }

  /** What the service's boot does: startup then seed migrations, then the release gate. */
  async startup(pendingRelease: 'refuse' | 'warn' = 'refuse'): Promise<SchemaStatus> {
    await this.apply(STARTUP_CATEGORIES);
    const status = await this.status();
    if (pendingRelease === 'refuse' && status.pending.release.length > 0) throw new PendingReleaseMigrationsError(this.schema, status.pending.release);
    return status;
  }

  /** `up`: the given categories in order (release brings pending startup with it). Data has its own command. */
  async up(categories: MigrationCategory[] = ['startup', 'release', 'seed']): Promise<string[]> {
    const ordered = CATEGORIES.filter(
      (category) => category !== 'data' && (categories.includes(category) || (category === 'startup' && categories.includes('release'))),
    );
    return this.apply(ordered);
  }

  async status(): Promise<SchemaStatus> {
    const [history, progress] = await this.read((runner) =>
      Promise.all([readHistory(runner, this.store.dialect, this.schema), readDataProgress(runner, this.store.dialect, this.schema)]),
    );
    return this.describe(history, progress, await this.currentChecksums());
  }

  /** The exact SQL `up` would run, history inserts included; nothing is executed or locked. */
  async plan(categories: MigrationCategory[] = ['startup', 'release', 'seed']): Promise<string[]> {
    const history = await this.read((runner) => readHistory(runner, this.store.dialect, this.schema));
    const applied = new Set(history.map((row) => row.name));
    // The idempotent bootstrap runs under every lock, so it belongs to the plan too.
    const lines = this.bootstrapSql().map((sql) => `${sql.replace(/\s+/g, ' ')};`);
    for (const migration of this.migrations) {
      if (applied.has(migration.name) || !categories.includes(migration.category)) continue;
      const statements = await recordStatements(dataSourceOf(this.store), migration.instance);
      lines.push(`-- ${migration.name} (${migration.category}${(migration.instance as SchemaMigration).transaction === false ? ', no transaction' : ''})`);
      for (const statement of statements)
        lines.push(`${statement.sql};${statement.parameters.length ? ` -- parameters: ${JSON.stringify(statement.parameters)}` : ''}`);
      lines.push(
        `${insertHistorySql(this.store.dialect, this.schema)}; -- ${JSON.stringify([migration.name, migration.category, checksumOf(this.store.dialect, statements), '<now>', this.options.appliedBy, '<duration>', false])}`,
      );
    }
    return lines;
  }

  /** Accepts the current checksums of changed migrations, recording who did it and when. */
  async repair(by: string): Promise<string[]> {
    return this.locked(async (runner) => {
      const mismatches = this.describe(await readHistory(runner, this.store.dialect, this.schema), [], await this.currentChecksums()).checksumMismatches;
      for (const mismatch of mismatches) {
        await runner.query(
          bind(this.store.dialect, `UPDATE "${this.schema}".schema_migrations SET checksum = $1, repaired_at = $2, repaired_by = $3 WHERE name = $4`),
          [mismatch.current, new Date().toISOString(), by, mismatch.name],
        );
      }
      return mismatches.map((m) => m.name);
    });
  }

  /** Adopts an existing schema: records every migration listed up to `upTo` as applied, without running it. */
  async baseline(upTo: string, by: string): Promise<string[]> {
    const position = this.migrations.findIndex((migration) => migration.name === upTo);
    if (position < 0) throw new Error(`baseline: ${upTo} is not a migration of schema "${this.schema}"`);
    return this.locked(async (runner) => {
      const applied = new Set((await readHistory(runner, this.store.dialect, this.schema)).map((row) => row.name));
      const adopted = this.migrations.slice(0, position + 1).filter((m) => m.category !== 'data' && !applied.has(m.name));
      const sums = await this.currentChecksums();
      for (const migration of adopted) {
        await runner.query(insertHistorySql(this.store.dialect, this.schema), [
          migration.name,
          migration.category,
          sums.get(migration.name),
          new Date().toISOString(),
          by,
          0,
          true,
        ]);
      }
      return adopted.map((m) => m.name);
    });
  }

  /**
   * Runs pending data migrations to completion, batch by batch. Each batch commits its rows and
   * its checkpoint together, so a killed run resumes where it stopped and processes nothing twice.
   */
  async runData(options: DataRunOptions = {}): Promise<string[]> {
    const completed: string[] = [];
    for (const migration of this.migrations.filter((m) => m.category === 'data')) {
      const instance = migration.instance as DataMigration;
      const batchSize = options.batchSize ?? instance.batchSize ?? 1000;
      for (;;) {
        if (options.signal?.aborted) return completed;
        const step = await this.locked((runner) => this.dataBatch(runner, migration, instance, batchSize));
        if (step === 'already-done') break;
        options.onBatch?.({ name: migration.name, ...step });
        if (step.done) {
          completed.push(migration.name);
          break;
        }
      }
    }
    return completed;
  }

  private async dataBatch(runner: QueryRunner, migration: LoadedMigration, instance: DataMigration, batchSize: number) {
    const dialect = this.store.dialect;
    const history = await readHistory(runner, dialect, this.schema);
    if (history.some((row) => row.name === migration.name)) return 'already-done' as const;
    const now = new Date().toISOString();
    await runner.query(
      bind(dialect, `INSERT INTO "${this.schema}".schema_data_migrations (name, started_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (name) DO NOTHING`),
      [migration.name, now],
    );
    return this.inTransaction(runner, async () => {
      const [row]: Array<{ checkpoint: string | null; processed: unknown; batches: unknown }> = await runner.query(
        bind(
          dialect,
          `SELECT checkpoint, processed, batches FROM "${this.schema}".schema_data_migrations WHERE name = $1${dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
        ),
        [migration.name],
      );
      const started = Date.now();
      const result = await instance.runBatch(runner, row.checkpoint, batchSize);
      const processed = Number(row.processed) + result.processed;
      const batches = Number(row.batches) + 1;
      await runner.query(
        bind(dialect, `UPDATE "${this.schema}".schema_data_migrations SET checkpoint = $1, processed = $2, batches = $3, updated_at = $4 WHERE name = $5`),
        [result.checkpoint, processed, batches, new Date().toISOString(), migration.name],
      );
      const done = result.checkpoint === null;
      if (done) {
        const sums = await this.currentChecksums();
        await runner.query(insertHistorySql(dialect, this.schema), [
          migration.name,
          'data',
          sums.get(migration.name),
          new Date().toISOString(),
          this.options.appliedBy,
          Date.now() - started,
          false,
        ]);
      }
      return { batches, processed, done };
    });
  }

  private async apply(categories: MigrationCategory[]): Promise<string[]> {
    const outcome = await this.locked(async (runner) => {
      const sums = await this.currentChecksums();
      const status = this.describe(await readHistory(runner, this.store.dialect, this.schema), [], sums);
      if (status.checksumMismatches.length > 0) throw new MigrationChecksumMismatchError(this.schema, status.checksumMismatches);
      const appliedNames = new Set(status.applied.map((row) => row.name));
      const pending = this.migrations.filter((m) => categories.includes(m.category) && !appliedNames.has(m.name));
      this.refuseOutOfOrder(pending, status.applied);
      const applied: string[] = [];
      const ordered = categories.flatMap((category) => pending.filter((m) => m.category === category));
      for (const [position, migration] of ordered.entries()) {
        try {
          await this.applyOne(runner, migration, sums.get(migration.name) as string, position === ordered.length - 1);
          applied.push(migration.name);
        } catch (error) {
          return { applied, failure: { name: migration.name, error } };
        }
      }
      return { applied, failure: undefined };
    });
    if (outcome.failure) {
      const { name, error } = outcome.failure;
      throw new MigrationPartialFailureError(this.schema, outcome.applied, name, error instanceof Error ? error.message : String(error), error);
    }
    return outcome.applied;
  }

  /**
   * `last`: the run's final migration also proves that the run leaves no tenant table without
   * row-level security (a table may be created by one migration and secured by the next).
   */
  private async applyOne(runner: QueryRunner, migration: LoadedMigration, checksum: string, last: boolean): Promise<void> {
    const instance = migration.instance as SchemaMigration;
    const work = async () => {
      const started = Date.now();
      await instance.up(runner);
      if (last) await this.refuseTablesWithoutRls(runner);
      await runner.query(insertHistorySql(this.store.dialect, this.schema), [
        migration.name,
        migration.category,
        checksum,
        new Date().toISOString(),
        this.options.appliedBy,
        Date.now() - started,
        false,
      ]);
    };
    // PostgreSQL DDL is transactional: a failure leaves neither the change nor its history row.
    if (instance.transaction === false && this.store.dialect === 'postgres') return work();
    return this.inTransaction(runner, work);
  }

  /** A migration run that leaves a tenant table without row-level security fails, naming the table. */
  private async refuseTablesWithoutRls(runner: QueryRunner): Promise<void> {
    const findings = await lintTenantTables(
      this.store.dialect,
      (sql, parameters) => runner.query(sql, parameters),
      [this.schema],
      rlsExemptTables([this.registry]),
    );
    if (findings.length > 0) {
      throw new Error(
        `tenant table without row-level security: ${findings.map((f) => `${f.table} (${f.problems.join(', ')})`).join('; ')}; add tenantTableRls('${this.schema}', '<table>') to the migration`,
      );
    }
  }

  /** A transaction on PostgreSQL; on SQLite, inside the runner's write transaction, a savepoint. */
  private async inTransaction<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
    const [begin, commit, rollback] =
      this.store.dialect === 'postgres'
        ? ['BEGIN', 'COMMIT', 'ROLLBACK']
        : ['SAVEPOINT migration', 'RELEASE migration', 'ROLLBACK TO migration; RELEASE migration'];
    await runner.query(begin);
    try {
      const result = await work();
      await runner.query(commit);
      return result;
    } catch (error) {
      for (const statement of rollback.split('; ')) await runner.query(statement);
      throw error;
    }
  }

  private refuseOutOfOrder(pending: LoadedMigration[], applied: HistoryRow[]): void {
    if (this.options.allowOutOfOrder) return;
    const offenders = pending.flatMap((migration) => {
      const later = this.migrations.find(
        (m) => m.category === migration.category && m.sequence > migration.sequence && applied.some((row) => row.name === m.name),
      );
      return later ? [{ name: migration.name, after: later.name }] : [];
    });
    if (offenders.length > 0) throw new OutOfOrderMigrationError(this.schema, offenders);
  }

  private describe(history: HistoryRow[], dataProgress: DataProgressRow[], sums: Map<string, string>): SchemaStatus {
    const applied = new Map(history.map((row) => [row.name, row]));
    const pending = Object.fromEntries(CATEGORIES.map((category) => [category, [] as string[]])) as Record<MigrationCategory, string[]>;
    for (const migration of this.migrations) if (!applied.has(migration.name)) pending[migration.category].push(migration.name);
    const known = new Set(this.migrations.map((m) => m.name));
    return {
      schema: this.schema,
      applied: history,
      pending,
      checksumMismatches: history
        .filter((row) => known.has(row.name) && sums.get(row.name) !== row.checksum)
        .map((row) => ({ name: row.name, stored: row.checksum, current: sums.get(row.name) as string })),
      missing: history.filter((row) => !known.has(row.name)).map((row) => row.name),
      dataProgress,
    };
  }

  /** Checksums are computed once per process: the migrations are code and do not change while it runs. */
  async currentChecksums(): Promise<Map<string, string>> {
    this.checksums ??= (async () => {
      const sums = new Map<string, string>();
      for (const migration of this.migrations) {
        const statements: RecordedStatement[] = await recordStatements(dataSourceOf(this.store), migration.instance);
        sums.set(migration.name, checksumOf(this.store.dialect, statements));
      }
      return sums;
    })();
    return this.checksums;
  }

  private bootstrapSql(): string[] {
    const dialect = this.store.dialect;
    const ddl = historyDdl(this.schema);
    if (dialect !== 'postgres') return ddl;
    const role = appRoleName(this.schema);
    return [
      ...provisionSchemaSql(this.schema),
      ...ddl,
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "${this.schema}".schema_migrations, "${this.schema}".schema_data_migrations FROM "${role}"`,
    ];
  }

  /** Reads without the lock (status, plan): changes nothing, not even the history tables. */
  private async read<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    await this.currentChecksums();
    return this.store.exclusive(async () => {
      const runner = dataSourceOf(this.store).createQueryRunner();
      try {
        return await work(runner);
      } finally {
        if (this.store.dialect === 'postgres') await runner.release();
      }
    });
  }

  /** The schema's migration lock, with the history tables in place, for `work`. */
  private async locked<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    await this.currentChecksums();
    const timeoutMs = this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    return this.store.dialect === 'postgres' ? this.lockedPostgres(work, timeoutMs) : this.lockedSqlite(work, timeoutMs);
  }

  private async lockedPostgres<T>(work: (runner: QueryRunner) => Promise<T>, timeoutMs: number): Promise<T> {
    // Its own connection: the session lock dies with it, so a killed process never leaves one behind.
    const runner = dataSourceOf(this.store).createQueryRunner();
    const key = `control-plane:migrate:${this.schema}`;
    try {
      await this.retryUntil(timeoutMs, async () => {
        const [row] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key]);
        return row.locked === true;
      });
      try {
        if (!this.bootstrapped) {
          await this.inTransaction(runner, async () => {
            for (const statement of this.bootstrapSql()) await runner.query(statement);
          });
          this.bootstrapped = true;
        }
        return await work(runner);
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      await runner.release();
    }
  }

  private lockedSqlite<T>(work: (runner: QueryRunner) => Promise<T>, timeoutMs: number): Promise<T> {
    return this.store.exclusive(async () => {
      const runner = dataSourceOf(this.store).createQueryRunner();
      // BEGIN IMMEDIATE takes SQLite's write lock now rather than at the first write.
      await this.retryUntil(timeoutMs, async (remainingMs) => {
        // SQLite's own busy wait would outlast the lock timeout; keep each wait inside it.
        await runner.query(`PRAGMA busy_timeout = ${Math.max(1, Math.min(5000, Math.floor(remainingMs)))}`);
        try {
          await runner.query('BEGIN IMMEDIATE');
          return true;
        } catch (error) {
          if (/SQLITE_BUSY|database is locked/.test(String((error as Error).message))) return false;
          throw error;
        } finally {
          await runner.query(`PRAGMA busy_timeout = ${this.store.settings.sqliteBusyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
        }
      });
      try {
        if (!this.bootstrapped) for (const statement of this.bootstrapSql()) await runner.query(statement);
        const result = await work(runner);
        await runner.query('COMMIT');
        this.bootstrapped = true;
        return result;
      } catch (error) {
        await runner.query('ROLLBACK');
        throw error;
      }
    });
  }

  private async retryUntil(timeoutMs: number, attempt: (remainingMs: number) => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let round = 0; !(await attempt(deadline - Date.now())); round++) {
      if (Date.now() >= deadline) throw new MigrationLockTimeoutError(this.schema, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, 25 * 2 ** Math.min(round, 5)) * (0.5 + Math.random() / 2)));
    }
  }
}
