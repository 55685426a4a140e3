import { randomUUID } from 'node:crypto';
import { Column, Entity, PrimaryColumn, type QueryRunner } from 'typeorm';
import { describeBackends } from '../../../../test/harness/backends';
import { parseDatabaseUrl } from '../database-url';
import { StoreConflictError, TenantContextMissingError } from '../errors';
import { Store } from '../store';
import { type CrossTenantEvent, forEachTenant } from './cross-tenant';
import { MigrationRunner } from '../migrations/migration-runner';
import { dialectOf } from '../migrations/migration-types';
import { appRoleName, lintTenantTables, tenantTableRls } from './rls';
import { TenantIsolationViolationError } from './tenant-isolation-error';
import { sql } from '../sql';
import { runTenantRead, runTenantUnit } from './tenant-unit-of-work';
import { runAsTenant } from './work-context';

@Entity({ schema: 'iso', name: 'notes' })
class Note {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar' })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  body: string;
}

class CreateNotes {
  name = '001_create_notes';
  async up(queryRunner: QueryRunner) {
    const postgres = dialectOf(queryRunner) === 'postgres';
    await queryRunner.query(
      `CREATE TABLE iso.notes (tenant_id ${postgres ? 'uuid' : 'varchar(36)'} NOT NULL, id varchar(64) NOT NULL, body varchar(200) NOT NULL, PRIMARY KEY (tenant_id, id))`,
    );
    if (postgres) for (const statement of tenantTableRls('iso', 'notes')) await queryRunner.query(statement);
  }
}

const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';

describeBackends(
  'tenant isolation',
  (backend) => {
    let owner: Store;
    let app: Store;
    const postgres = backend.kind === 'postgres';

    const asTenant = <T>(tenantId: string, work: Parameters<typeof runTenantUnit<T>>[1]) =>
      runAsTenant(tenantId, 'isolation-suite', () => runTenantUnit(app, work));
    const read = <T>(tenantId: string, work: Parameters<typeof runTenantRead<T>>[1]) =>
      runAsTenant(tenantId, 'isolation-suite', () => runTenantRead(app, work));
    const raw = <R>(tenantId: string, sql: string, parameters: unknown[] = []) => asTenant(tenantId, (scope) => scope.query<R>(sql, parameters));

    beforeAll(async () => {
      const location = parseDatabaseUrl(backend.url);
      // The owner migrates on the server itself: a session advisory lock cannot live behind a transaction pooler.
      owner = await Store.open({ location: parseDatabaseUrl(backend.directUrl ?? backend.url), schemas: ['iso'], poolSize: 2 });
      // The table comes from a migration, as in the services: the runner provisions the schema and its app role.
      await new MigrationRunner(owner, { schema: 'iso', migrations: [CreateNotes] }, { appliedBy: 'isolation-suite' }).startup();
      // Requests act as the app role; the URL's user is the harness superuser.
      app = postgres ? await Store.open({ location, schemas: ['iso'], role: appRoleName('iso'), poolSize: 3, entities: [Note] }) : owner;
      if (!postgres) {
        await owner.close();
        owner = app = await Store.open({ location, schemas: ['iso'], entities: [Note] });
      }
      await asTenant(TENANT_A, (scope) =>
        scope.repository(Note).insert([
          { id: 'a1', body: 'alpha' },
          { id: 'a2', body: 'alpha' },
        ]),
      );
      await asTenant(TENANT_B, (scope) => scope.repository(Note).insert({ id: 'b1', body: 'beta' }));
    });

    afterAll(async () => {
      await app?.close();
      if (owner !== app) await owner?.close();
    });

    if (postgres) {
      it('runs as a role with neither SUPERUSER nor BYPASSRLS that owns nothing', async () => {
        const [role] = await app.transaction((manager) =>
          manager.query(
            `SELECT current_user AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
                  (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
             FROM pg_roles r WHERE r.rolname = current_user`,
          ),
        );
        expect(role).toEqual({ name: 'iso_app', superuser: false, bypass: false, owned: 0 });
      });
    }

    it('hides tenant A rows from tenant B through repositories', async () => {
      const seenByB = await asTenant(TENANT_B, (scope) => scope.repository(Note).find());
      expect(seenByB.map((note) => note.id)).toEqual(['b1']);
      expect(await asTenant(TENANT_B, (scope) => scope.repository(Note).findOneBy({ id: 'a1' }))).toBeNull();
      expect(await asTenant(TENANT_B, (scope) => scope.repository(Note).countBy({ body: 'alpha' }))).toBe(0);
      expect(await asTenant(TENANT_B, (scope) => scope.repository(Note).createQueryBuilder('n').andWhere('n.body = :b', { b: 'alpha' }).getCount())).toBe(0);
      expect(await asTenant(TENANT_B, (scope) => scope.repository(Note).update({ id: 'a1' }, { body: 'stolen' }))).toBe(0);
      expect(await asTenant(TENANT_B, (scope) => scope.repository(Note).delete({ id: 'a2' }))).toBe(0);
      expect((await asTenant(TENANT_A, (scope) => scope.repository(Note).find({ order: { id: 'ASC' } }))).map((n) => n.body)).toEqual(['alpha', 'alpha']);
    });

    it('refuses a repository asked for another tenant explicitly', async () => {
      await expect(asTenant(TENANT_B, (scope) => scope.repository(Note).findBy({ tenantId: TENANT_A }))).rejects.toBeInstanceOf(TenantIsolationViolationError);
      await expect(asTenant(TENANT_B, (scope) => scope.repository(Note).insert({ tenantId: TENANT_A, id: 'x', body: 'forged' }))).rejects.toBeInstanceOf(
        TenantIsolationViolationError,
      );
      await expect(asTenant(TENANT_B, (scope) => scope.repository(Note).update({ id: 'b1' }, { tenantId: TENANT_A }))).rejects.toBeInstanceOf(
        TenantIsolationViolationError,
      );
    });

    it('refuses a unit of work without a tenant', async () => {
      await expect(runTenantUnit(app, async () => 1)).rejects.toBeInstanceOf(TenantContextMissingError);
    });

    if (postgres) {
      it('takes the role and the tenant per transaction: nothing stays on a pooled connection for the next unit', async () => {
        for (let round = 0; round < 6; round++) {
          expect(await raw(round % 2 ? TENANT_A : TENANT_B, "SELECT current_setting('app.tenant_id') AS tenant")).toEqual([
            { tenant: round % 2 ? TENANT_A : TENANT_B },
          ]);
          const [after] = await app.transaction((manager) =>
            manager.query("SELECT current_user AS name, coalesce(current_setting('app.tenant_id', true), '') AS tenant, count(*)::int AS seen FROM iso.notes"),
          );
          expect(after).toEqual({ name: 'iso_app', tenant: '', seen: 0 });
        }
      });

      it('confines raw SQL as the app role to the tenant in context', async () => {
        const rows = await raw<Array<{ tenant_id: string }>>(TENANT_B, 'SELECT tenant_id FROM iso.notes');
        expect(rows).toEqual([{ tenant_id: TENANT_B }]);
      });

      it('shows raw SQL nothing, and rejects inserts, when no tenant is set', async () => {
        expect(await app.transaction((manager) => manager.query('SELECT count(*)::int AS n FROM iso.notes'))).toEqual([{ n: 0 }]);
        await expect(app.transaction((manager) => manager.query(`INSERT INTO iso.notes VALUES ($1, 'orphan', 'x')`, [TENANT_A]))).rejects.toBeInstanceOf(
          TenantIsolationViolationError,
        );
      });

      it('rejects, by WITH CHECK, inserting or moving a row into another tenant', async () => {
        await expect(raw(TENANT_B, `INSERT INTO iso.notes VALUES ($1, 'forged', 'x')`, [TENANT_A])).rejects.toBeInstanceOf(TenantIsolationViolationError);
        await expect(raw(TENANT_B, `UPDATE iso.notes SET tenant_id = $1 WHERE id = 'b1'`, [TENANT_A])).rejects.toBeInstanceOf(TenantIsolationViolationError);
        expect(await raw(TENANT_A, `SELECT id FROM iso.notes ORDER BY id`)).toEqual([{ id: 'a1' }, { id: 'a2' }]);
      });

      it('leaves no tenant setting on a pooled connection after its unit of work', async () => {
        await raw(TENANT_A, 'SELECT 1');
        const settings = await Promise.all(
          Array.from({ length: 6 }, () => app.transaction((manager) => manager.query("SELECT current_setting('app.tenant_id', true) AS tenant"))),
        );
        for (const [row] of settings) expect(row.tenant ?? '').toBe('');
      });
    }

    if (!postgres) {
      it('refuses, without row-level security, a statement on a tenant table that does not bind the tenant', async () => {
        await expect(raw(TENANT_B, 'SELECT id FROM iso.notes')).rejects.toBeInstanceOf(TenantIsolationViolationError);
        await expect(raw(TENANT_B, 'UPDATE "iso"."notes" SET body = ?', ['stolen'])).rejects.toBeInstanceOf(TenantIsolationViolationError);
        expect(await raw(TENANT_B, 'SELECT id FROM iso.notes WHERE tenant_id = ?', [TENANT_B])).toEqual([{ id: 'b1' }]);
      });
    }

    it('never returns a row of the other tenant across 2,000 interleaved concurrent units over a small pool', async () => {
      const foreign: string[] = [];
      await Promise.all(
        Array.from({ length: 2000 }, (_, i) => {
          const tenant = i % 2 === 0 ? TENANT_A : TENANT_B;
          return asTenant(tenant, async (scope) => {
            if (i % 25 === 0) await scope.repository(Note).insert({ id: `c${i}`, body: 'concurrent' });
            const rows = postgres
              ? await scope.query<Array<{ tenant_id: string }>>('SELECT tenant_id FROM iso.notes')
              : (await scope.repository(Note).find()).map((note) => ({ tenant_id: note.tenantId }));
            for (const row of rows) if (row.tenant_id !== tenant) foreign.push(`${tenant} saw ${row.tenant_id}`);
          });
        }),
      );
      expect(foreign).toEqual([]);
      expect(await asTenant(TENANT_A, (scope) => scope.repository(Note).countBy({ body: 'concurrent' }))).toBe(40);
      expect(await asTenant(TENANT_B, (scope) => scope.repository(Note).countBy({ body: 'concurrent' }))).toBe(40);
    });

    if (postgres) {
      it('confines each statement of a read to its tenant, as the app role, read-only, each its own transaction, leaving nothing behind', async () => {
        const [rows, count, same] = await read(TENANT_B, async (scope) => [
          await scope.rows(sql`SELECT DISTINCT tenant_id, current_user AS name, current_setting('transaction_read_only') AS read_only FROM iso.notes`),
          await scope.rows(sql`SELECT count(*)::int AS n FROM iso.notes`),
          // One message per statement: its transaction began when its statement arrived.
          await scope.rows(sql`SELECT statement_timestamp() = transaction_timestamp() AS own`),
        ]);
        expect(rows).toEqual([{ tenant_id: TENANT_B, name: 'iso_app', read_only: 'on' }]);
        expect(count).toEqual(await raw(TENANT_B, 'SELECT count(*)::int AS n FROM iso.notes'));
        expect(same).toEqual([{ own: true }]);
        // In a unit, a later statement runs in the transaction its BEGIN opened in an earlier message.
        const inUnit = await asTenant(TENANT_B, async (scope) => {
          await scope.rows(sql`SELECT 1`);
          return scope.rows(sql`SELECT statement_timestamp() = transaction_timestamp() AS own`);
        });
        expect(inUnit).toEqual([{ own: false }]);
        // A unit's first statement travels with its BEGIN.
        expect(await asTenant(TENANT_B, (scope) => scope.rows(sql`SELECT statement_timestamp() = transaction_timestamp() AS own`))).toEqual([{ own: true }]);
        const after = await Promise.all(
          Array.from({ length: 6 }, () =>
            app.transaction((manager) =>
              manager.query("SELECT coalesce(current_setting('app.tenant_id', true), '') AS tenant, current_setting('transaction_read_only') AS read_only"),
            ),
          ),
        );
        for (const [row] of after) expect(row).toEqual({ tenant: '', read_only: 'off' });
      });

      it('refuses a write, and anything needing a transaction, in a read', async () => {
        await expect(read(TENANT_A, (scope) => scope.execute(sql`INSERT INTO iso.notes VALUES (${TENANT_A}, 'r1', 'written in a read')`))).rejects.toThrow(
          /read-only transaction/,
        );
        await expect(read(TENANT_A, async (scope) => scope.repository(Note))).rejects.toThrow(/no transaction/);
        expect(await raw(TENANT_A, `SELECT id FROM iso.notes WHERE id = 'r1'`)).toEqual([]);
      });

      it('sends each value of a read as the bound parameter would be, however it is quoted', async () => {
        const statement = sql`SELECT ${`it's "quoted" \\ back\\slash'); DROP TABLE iso.notes; --`}::text AS text, ${Buffer.from([0, 39, 92, 255])}::bytea AS bytes,
          ${{ quote: "'", nested: [1, null] }}::jsonb AS json, ${new Date('2026-12-06T07:00:00.123Z')}::timestamptz AS at, ${['a', "b'c", null]}::text[] AS list,
          ${null}::text AS nothing, ${42} + 1 AS sum, ${true}::boolean AS flag, ${'00000000-0000-4000-8000-00000000000a'} = tenant_id AS matched
          FROM iso.notes WHERE id = ${'a1'}`;
        const bound = await asTenant(TENANT_A, (scope) => scope.rows(statement));
        expect(bound).toHaveLength(1);
        expect(await read(TENANT_A, (scope) => scope.rows(statement))).toEqual(bound);
      });
    }

    it("sends a queued write with the unit's next message, or its COMMIT, and writes nothing when one fails", async () => {
      const note = (id: string) => sql`INSERT INTO iso.notes (tenant_id, id, body) VALUES (${TENANT_A}, ${id}, 'queued')`;
      const stored = (id: string) => asTenant(TENANT_A, (scope) => scope.rows(sql`SELECT id FROM iso.notes WHERE tenant_id = ${TENANT_A} AND id = ${id}`));
      const seen = await asTenant(TENANT_A, async (scope) => {
        await scope.later(note('q1'));
        return scope.rows(sql`SELECT id FROM iso.notes WHERE tenant_id = ${TENANT_A} AND id = 'q1'`);
      });
      expect(seen).toEqual([{ id: 'q1' }]);
      await asTenant(TENANT_A, (scope) => scope.later(note('q2')));
      expect(await stored('q2')).toEqual([{ id: 'q2' }]);
      await expect(
        asTenant(TENANT_A, async (scope) => {
          await scope.later(note('q3'));
          await scope.later(note('q1'));
        }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect(await stored('q3')).toEqual([]);
      if (postgres) {
        await expect(asTenant(TENANT_B, (scope) => scope.later(note('forged')))).rejects.toBeInstanceOf(TenantIsolationViolationError);
        expect(await stored('forged')).toEqual([]);
      }
    });

    it('never returns a row of the other tenant across 2,000 interleaved concurrent reads over a small pool', async () => {
      const foreign: string[] = [];
      await Promise.all(
        Array.from({ length: 2000 }, (_, i) => {
          const tenant = i % 2 === 0 ? TENANT_A : TENANT_B;
          return read(tenant, async (scope) => {
            // Row-level security alone on PostgreSQL; SQLite's unit needs the predicate.
            const rows = await scope.rows<{ tenant_id: string }>(
              postgres ? sql`SELECT tenant_id FROM iso.notes` : sql`SELECT tenant_id FROM iso.notes WHERE tenant_id = ${tenant}`,
            );
            if (rows.length === 0) foreign.push(`${tenant} saw nothing`);
            for (const row of rows) if (row.tenant_id !== tenant) foreign.push(`${tenant} saw ${row.tenant_id}`);
          });
        }),
      );
      expect(foreign).toEqual([]);
    });

    it('runs cross-tenant work tenant by tenant, each confined, and records who and why', async () => {
      const events: CrossTenantEvent[] = [];
      const outcomes = await forEachTenant(
        app,
        { actor: 'job:nightly-count', reason: 'usage report', tenantIds: [TENANT_A, TENANT_B, 'not-a-tenant'] },
        async (scope) => (await scope.repository(Note).find()).map((note) => note.tenantId),
        (event) => events.push(event),
      );
      expect(outcomes[0]).toMatchObject({ tenantId: TENANT_A, ok: true });
      expect(outcomes[1]).toMatchObject({ tenantId: TENANT_B, ok: true });
      for (const outcome of outcomes.slice(0, 2)) if (outcome.ok) expect(new Set(outcome.value)).toEqual(new Set([outcome.tenantId]));
      expect(outcomes[2]).toMatchObject({ tenantId: 'not-a-tenant', ok: false });
      expect(events.map((e) => e.event)).toEqual(['started', 'tenant-done', 'tenant-done', 'tenant-failed', 'finished']);
      expect(events.every((e) => e.actor === 'job:nightly-count' && e.reason === 'usage report')).toBe(true);
      await expect(
        forEachTenant(
          app,
          { actor: ' ', reason: 'x', tenantIds: [TENANT_A] },
          async () => 1,
          () => undefined,
        ),
      ).rejects.toThrow(/actor and a reason/);
    });

    if (postgres) {
      it('lint names a tenant table created without RLS, and passes once it has it', async () => {
        expect(await lintTenantTables(app.dialect, (sql, parameters) => app.transaction((m) => m.query(sql, parameters)), ['iso'])).toEqual([]);
        const table = `bare_${randomUUID().slice(0, 8)}`;
        await owner.transaction((manager) => manager.query(`CREATE TABLE iso.${table} (tenant_id uuid NOT NULL, x int)`));
        expect(await lintTenantTables(app.dialect, (sql, parameters) => app.transaction((m) => m.query(sql, parameters)), ['iso'])).toEqual([
          { table: `iso.${table}`, problems: ['row-level security not enabled', 'row-level security not forced', 'no tenant_isolation policy'] },
        ]);
        await owner.transaction((manager) => manager.query(`ALTER TABLE iso.${table} ENABLE ROW LEVEL SECURITY`));
        expect((await lintTenantTables(app.dialect, (sql, parameters) => app.transaction((m) => m.query(sql, parameters)), ['iso']))[0].problems).toEqual([
          'row-level security not forced',
          'no tenant_isolation policy',
        ]);
        await owner.transaction(async (manager) => {
          for (const statement of tenantTableRls('iso', table).slice(1)) await manager.query(statement);
        });
        expect(await lintTenantTables(app.dialect, (sql, parameters) => app.transaction((m) => m.query(sql, parameters)), ['iso'])).toEqual([]);
      });
    }
  },
  { pgbouncer: true },
);
