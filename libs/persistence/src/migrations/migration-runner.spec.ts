import { readFileSync } from 'node:fs';
import type { QueryRunner } from 'typeorm';
import { describeBackends, type TestBackend } from '../../../../test/harness/backends';
import { parseDatabaseUrl, sqliteSchemaFile } from '../database-url';
import { dataSourceOf, Store } from '../store';
import {
  MigrationChecksumMismatchError,
  MigrationLockTimeoutError,
  MigrationPartialFailureError,
  OutOfOrderMigrationError,
  PendingReleaseMigrationsError,
} from './migration-errors';
import { tenantTableRls } from '../tenancy/rls';
import { MigrationRunner } from './migration-runner';
import { dialectOf, type MigrationClass, type SchemaMigrations } from './migration-types';

const sqlMigration = (name: string, ...statements: string[]): MigrationClass =>
  class {
    name = name;
    async up(queryRunner: QueryRunner) {
      for (const statement of statements) await queryRunner.query(statement);
    }
  };

let schemaCounter = 0;

describeBackends('migration runner', (backend: TestBackend) => {
  let store: Store;
  let schema: string;

  const runner = (registry: SchemaMigrations, options: { lockTimeoutMs?: number; allowOutOfOrder?: boolean } = {}) =>
    new MigrationRunner(store, registry, { appliedBy: 'test', ...options });

  const tables = async (schema: string): Promise<string[]> => {
    const rows: Array<{ name: string }> =
      store.dialect === 'postgres'
        ? await store.transaction((m) => m.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]))
        : await store.transaction((m) => m.query(`SELECT name FROM "${schema}".sqlite_master WHERE type = 'table' ORDER BY 1`));
    return rows.map((row) => row.name);
  };

  // Every test gets a schema of its own, so its history starts empty.
  beforeEach(async () => {
    schema = `mig_${process.pid}_${++schemaCounter}`;
    store = await Store.open({ location: parseDatabaseUrl(backend.url), schemas: [schema], poolSize: 4 });
  });

  afterEach(() => store?.close());

  it('converges a fresh database at boot, and a second boot is a no-op', async () => {
    const registry = {
      schema,
      migrations: [
        sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer PRIMARY KEY, name text NOT NULL)`),
        sqlMigration('S001_demo_items', `INSERT INTO "${schema}".items VALUES (1, 'demo')`),
      ],
    };
    const first = await runner(registry).startup();
    expect(first.applied.map((row) => [row.name, row.category, row.appliedBy])).toEqual([
      ['001_create_items', 'startup', 'test'],
      ['S001_demo_items', 'seed', 'test'],
    ]);
    expect(first.applied.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.durationMs >= 0)).toBe(true);
    const second = await runner(registry).startup();
    expect(second.applied).toEqual(first.applied);
    expect(await store.transaction((m) => m.query(`SELECT count(*) AS n FROM "${schema}".items`))).toEqual([{ n: store.dialect === 'postgres' ? '1' : 1 }]);
    expect(await tables(schema)).toEqual(['items', 'schema_data_migrations', 'schema_migrations']);
  });

  it('refuses to boot with a pending release migration, boots in warn mode, and up --category release applies it', async () => {
    const registry = {
      schema,
      migrations: [
        sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer PRIMARY KEY)`),
        sqlMigration('100_add_price', `ALTER TABLE "${schema}".items ADD COLUMN price integer`),
      ],
    };
    const refused = await runner(registry)
      .startup()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PendingReleaseMigrationsError);
    expect((refused as Error).message).toContain('100_add_price');
    expect((refused as Error).message).toContain(`npm run migrate -- up --category release --schema ${schema}`);
    const warned = await runner(registry).startup('warn');
    expect(warned.pending.release).toEqual(['100_add_price']);
    expect(warned.applied.map((row) => row.name)).toEqual(['001_create_items']);
    expect(await runner(registry).up(['release'])).toEqual(['100_add_price']);
    expect((await runner(registry).startup()).pending.release).toEqual([]);
  });

  it('stops the boot when an applied migration changes, ignores reformatting, and repair accepts the change', async () => {
    const original = sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer PRIMARY KEY, name text)`);
    await runner({ schema, migrations: [original] }).startup();

    const reformatted = sqlMigration(
      '001_create_items',
      `-- the same statement, laid out differently\n  CREATE TABLE "${schema}".items (\n    id integer PRIMARY KEY,\n    name text\n  );  `,
    );
    await expect(runner({ schema, migrations: [reformatted] }).startup()).resolves.toBeDefined();

    const edited = sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer PRIMARY KEY, name text NOT NULL)`);
    const stopped = await runner({ schema, migrations: [edited] })
      .startup()
      .catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(MigrationChecksumMismatchError);
    const [mismatch] = (stopped as MigrationChecksumMismatchError).mismatches;
    expect((stopped as Error).message).toContain(mismatch.stored);
    expect((stopped as Error).message).toContain(mismatch.current);
    expect((stopped as Error).message).toContain(`npm run migrate -- repair --schema ${schema}`);

    expect(await runner({ schema, migrations: [edited] }).repair('ops@example.com')).toEqual(['001_create_items']);
    const status = await runner({ schema, migrations: [edited] }).startup();
    expect(status.applied[0]).toMatchObject({ repairedBy: 'ops@example.com', checksum: mismatch.current });
    expect(status.applied[0].repairedAt).not.toBeNull();
  });

  it('leaves the first of three applied when the second fails, and completes after the fix', async () => {
    const first = sqlMigration('001_create_a', `CREATE TABLE "${schema}".a (id integer)`);
    const broken = sqlMigration('002_create_b', `CREATE TABLE "${schema}".b (id integer)`, `INSERT INTO "${schema}".no_such_table VALUES (1)`);
    const third = sqlMigration('003_create_c', `CREATE TABLE "${schema}".c (id integer)`);
    const failure = await runner({ schema, migrations: [first, broken, third] })
      .startup()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationPartialFailureError);
    expect(failure).toMatchObject({ applied: ['001_create_a'], failed: '002_create_b' });
    expect((failure as Error).message).toMatch(/no_such_table/);
    expect(await tables(schema)).toEqual(['a', 'schema_data_migrations', 'schema_migrations']);

    const fixed = sqlMigration('002_create_b', `CREATE TABLE "${schema}".b (id integer)`);
    const status = await runner({ schema, migrations: [first, fixed, third] }).startup();
    expect(status.applied.map((row) => row.name)).toEqual(['001_create_a', '002_create_b', '003_create_c']);
    expect(await tables(schema)).toEqual(['a', 'b', 'c', 'schema_data_migrations', 'schema_migrations']);
  });

  if (backend.kind === 'postgres') {
    it('fails a migration that leaves a tenant table without row-level security, naming the table', async () => {
      const careless = sqlMigration('001_create_orders', `CREATE TABLE "${schema}".orders (tenant_id uuid NOT NULL, id integer)`);
      const failure = await runner({ schema, migrations: [careless] })
        .startup()
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationPartialFailureError);
      expect((failure as Error).message).toContain(`${schema}.orders (row-level security not enabled`);
      expect(await tables(schema)).toEqual(['schema_data_migrations', 'schema_migrations']);
      const careful = class {
        name = '001_create_orders';
        async up(queryRunner: QueryRunner) {
          await queryRunner.query(`CREATE TABLE "${schema}".orders (tenant_id uuid NOT NULL, id integer)`);
          for (const statement of tenantTableRls(schema, 'orders')) await queryRunner.query(statement);
        }
      };
      expect((await runner({ schema, migrations: [careful] }).startup()).applied.map((row) => row.name)).toEqual(['001_create_orders']);
    });
  }

  if (backend.kind === 'postgres') {
    it('applies a migration declared transaction = false without a transaction (CREATE INDEX CONCURRENTLY)', async () => {
      const create = sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer)`);
      const concurrently = class {
        name = '002_index_items_concurrently';
        transaction = false;
        async up(queryRunner: QueryRunner) {
          await queryRunner.query(`CREATE INDEX CONCURRENTLY items_id ON "${schema}".items (id)`);
        }
      };
      const status = await runner({ schema, migrations: [create, concurrently] }).startup();
      expect(status.applied.map((row) => row.name)).toEqual(['001_create_items', '002_index_items_concurrently']);
      expect(await store.transaction((m) => m.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'items'`, [schema]))).toEqual([
        { indexname: 'items_id' },
      ]);
    });
  }

  it('refuses an out-of-order arrival unless explicitly allowed', async () => {
    const five = sqlMigration('005_create_e', `CREATE TABLE "${schema}".e (id integer)`);
    await runner({ schema, migrations: [five] }).startup();
    const four = sqlMigration('004_create_d', `CREATE TABLE "${schema}".d (id integer)`);
    const refused = await runner({ schema, migrations: [four, five] })
      .startup()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutOfOrderMigrationError);
    expect((refused as Error).message).toContain('004_create_d arrived after 005_create_e');
    const allowed = await runner({ schema, migrations: [four, five] }, { allowOutOfOrder: true }).startup();
    expect(allowed.applied.map((row) => row.name).sort()).toEqual(['004_create_d', '005_create_e']);
  });

  it('plans the exact SQL, history inserts included, and changes nothing', async () => {
    const registry = {
      schema,
      migrations: [
        sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer PRIMARY KEY)`),
        class {
          name = '002_dialect_specific';
          async up(queryRunner: QueryRunner) {
            await queryRunner.query(
              dialectOf(queryRunner) === 'postgres' ? `CREATE INDEX items_id ON "${schema}".items (id)` : `CREATE INDEX "${schema}".items_id ON items (id)`,
            );
          }
        },
      ],
    };
    const before = await snapshot(store, backend, schema);
    const plan = await runner(registry).plan();
    expect(await snapshot(store, backend, schema)).toEqual(before);
    const text = plan.join('\n');
    expect(text).toContain(`CREATE TABLE "${schema}".items (id integer PRIMARY KEY);`);
    expect(text).toContain(
      store.dialect === 'postgres' ? `CREATE INDEX items_id ON "${schema}".items (id);` : `CREATE INDEX "${schema}".items_id ON items (id);`,
    );
    expect(text).toContain(`INSERT INTO "${schema}".schema_migrations`);
    expect(text).toContain('schema_migrations (');
  });

  it('raises MigrationLockTimeoutError while another connection holds the lock', async () => {
    const registry = { schema, migrations: [sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer)`)] };
    const holder = await Store.open({ location: parseDatabaseUrl(backend.url), schemas: [schema] });
    const lockRunner = dataSourceOf(holder).createQueryRunner();
    try {
      if (holder.dialect === 'postgres') await lockRunner.query('SELECT pg_advisory_lock(hashtext($1))', [`control-plane:migrate:${schema}`]);
      else await lockRunner.query('BEGIN IMMEDIATE');
      const started = Date.now();
      const error = await runner(registry, { lockTimeoutMs: 400 })
        .startup()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationLockTimeoutError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    } finally {
      await lockRunner.query(holder.dialect === 'postgres' ? 'SELECT pg_advisory_unlock_all()' : 'ROLLBACK');
      if (holder.dialect === 'postgres') await lockRunner.release();
      await holder.close();
    }
    await expect(runner(registry, { lockTimeoutMs: 2000 }).startup()).resolves.toBeDefined();
  });

  it('baseline adopts an existing schema up to a named migration without running it', async () => {
    const registry = {
      schema,
      migrations: [
        sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer)`),
        sqlMigration('002_create_tags', `CREATE TABLE "${schema}".tags (id integer)`),
        sqlMigration('003_create_notes', `CREATE TABLE "${schema}".notes (id integer)`),
      ],
    };
    if (store.dialect === 'postgres') await store.transaction((m) => m.query(`CREATE SCHEMA "${schema}"`));
    await store.transaction(async (m) => {
      await m.query(`CREATE TABLE "${schema}".items (id integer)`);
      await m.query(`CREATE TABLE "${schema}".tags (id integer)`);
    });
    expect(await runner(registry).baseline('002_create_tags', 'dba')).toEqual(['001_create_items', '002_create_tags']);
    const status = await runner(registry).startup();
    expect(status.applied.map((row) => [row.name, row.baseline])).toEqual([
      ['001_create_items', true],
      ['002_create_tags', true],
      ['003_create_notes', false],
    ]);
  });

  it('runs a data migration in batches with progress, each row once', async () => {
    const registry = {
      schema,
      migrations: [
        sqlMigration('001_create_items', `CREATE TABLE "${schema}".items (id integer PRIMARY KEY, touched integer NOT NULL DEFAULT 0)`),
        sqlMigration('S001_items', ...Array.from({ length: 25 }, (_, i) => `INSERT INTO "${schema}".items (id) VALUES (${i + 1})`)),
        touchEveryItem(schema),
      ],
    };
    const status = await runner(registry).startup();
    expect(status.pending.data).toEqual(['DM001_touch_items']);
    const progress: Array<{ batches: number; processed: number; done: boolean }> = [];
    expect(await runner(registry).runData({ batchSize: 10, onBatch: (p) => progress.push(p) })).toEqual(['DM001_touch_items']);
    expect(progress).toEqual([
      { name: 'DM001_touch_items', batches: 1, processed: 10, done: false },
      { name: 'DM001_touch_items', batches: 2, processed: 20, done: false },
      { name: 'DM001_touch_items', batches: 3, processed: 25, done: false },
      { name: 'DM001_touch_items', batches: 4, processed: 25, done: true },
    ]);
    const counts = await store.transaction((m) => m.query(`SELECT touched, count(*) AS n FROM "${schema}".items GROUP BY touched`));
    expect(counts.map((row: { touched: unknown; n: unknown }) => [Number(row.touched), Number(row.n)])).toEqual([[1, 25]]);
    const after = await runner(registry).status();
    expect(after.pending.data).toEqual([]);
    expect(after.dataProgress).toEqual([{ name: 'DM001_touch_items', checkpoint: null, processed: 25, batches: 4 }]);
  });
});

/** A data migration fixture: marks items touched, batch by batch, by ascending id. */
export function touchEveryItem(schema: string): MigrationClass {
  return class {
    name = 'DM001_touch_items';
    async runBatch(queryRunner: QueryRunner, checkpoint: string | null, batchSize: number) {
      const postgres = dialectOf(queryRunner) === 'postgres';
      const rows: Array<{ id: number }> = await queryRunner.query(
        `SELECT id FROM "${schema}".items WHERE id > ${postgres ? '$1' : '?'} ORDER BY id LIMIT ${Number(batchSize)}`,
        [Number(checkpoint ?? 0)],
      );
      if (rows.length === 0) return { checkpoint: null, processed: 0 };
      const last = rows[rows.length - 1].id;
      await queryRunner.query(`UPDATE "${schema}".items SET touched = touched + 1 WHERE id > ${postgres ? '$1 AND id <= $2' : '? AND id <= ?'}`, [
        Number(checkpoint ?? 0),
        last,
      ]);
      return { checkpoint: String(last), processed: rows.length };
    }
  };
}

/** Everything the database says about a schema (PostgreSQL), or the schema file's bytes (SQLite). */
async function snapshot(store: Store, backend: TestBackend, schema: string): Promise<unknown> {
  if (store.dialect === 'sqlite') {
    const location = parseDatabaseUrl(backend.url);
    if (location.kind !== 'sqlite') throw new Error('unreachable');
    return {
      file: readFileSync(sqliteSchemaFile(location, schema)).toString('base64'),
      master: await store.transaction((m) => m.query(`SELECT * FROM "${schema}".sqlite_master`)),
    };
  }
  return store.transaction(async (m) => ({
    namespaces: await m.query(`SELECT nspname, nspowner::regrole::text FROM pg_namespace ORDER BY 1`),
    classes: await m.query(
      `SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1, 2`,
    ),
    roles: await m.query(`SELECT rolname FROM pg_roles ORDER BY 1`),
    policies: await m.query(`SELECT * FROM pg_policies ORDER BY schemaname, tablename, policyname`),
    defaultAcl: await m.query(`SELECT defaclrole::regrole::text, defaclnamespace, defaclobjtype, defaclacl::text FROM pg_default_acl ORDER BY 1, 2, 3`),
  }));
}
