import { Column, Entity, type EntityManager, PrimaryColumn } from 'typeorm';
import { describeBackends } from '../../../test/harness/backends';
import { createTestDatabase, withAdminClient } from '../../../test/harness/postgres';
import { EntraTokenProvider } from './azure/entra-token-provider';
import { parseDatabaseUrl } from './database-url';
import { StoreClosedError, StoreCommitOutcomeUnknownError, StoreConflictError, StoreConnectionError, StoreTimeoutError } from './errors';
import { dataSourceOf, Store, withEntityManager } from './store';
import { StoreRegistry } from './store-registry';

@Entity({ schema: 'smoke', name: 'notes' })
class Note {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  body: string;
}

const CREATE_NOTES = 'CREATE TABLE smoke.notes (id varchar(64) PRIMARY KEY, body varchar(200) NOT NULL)';

describeBackends('store smoke', (backend) => {
  const registry = new StoreRegistry();
  let store: Store;

  beforeAll(async () => {
    store = await registry.get({ location: parseDatabaseUrl(backend.url), schemas: ['smoke'], entities: [Note], poolSize: 4 });
    await withEntityManager(store, async (manager) => {
      if (store.dialect === 'postgres') await manager.query('CREATE SCHEMA smoke');
      await manager.query(CREATE_NOTES);
    });
  });

  afterAll(() => registry.closeAll());

  it('talks to the backend it was given', () => {
    expect(store.dialect).toBe(backend.kind);
  });

  it('shares one store per (URL, role)', async () => {
    const again = await registry.get({ location: parseDatabaseUrl(backend.url), schemas: ['smoke'], entities: [Note] });
    expect(again).toBe(store);
  });

  it('writes and reads an entity through its repository, schema-qualified', async () => {
    await withEntityManager(store, (manager) => manager.getRepository(Note).insert({ id: 'n1', body: 'hello' }));
    const found = await withEntityManager(store, (manager) => manager.getRepository(Note).findOneBy({ id: 'n1' }));
    expect(found).toEqual({ id: 'n1', body: 'hello' });
    const raw = await withEntityManager(store, (manager) => manager.query("SELECT body FROM smoke.notes WHERE id = 'n1'"));
    expect(raw).toEqual([{ body: 'hello' }]);
  });

  it('rolls a failed unit of work back whole', async () => {
    await expect(
      withEntityManager(store, async (manager) => {
        await manager.getRepository(Note).insert({ id: 'n2', body: 'first' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await withEntityManager(store, (manager) => manager.getRepository(Note).countBy({ id: 'n2' }))).toBe(0);
  });

  it('maps a unique violation to StoreConflictError, without SQL in the message, and does not retry it', async () => {
    let attempts = 0;
    const error = await withEntityManager(store, async (manager) => {
      attempts++;
      await manager.getRepository(Note).insert({ id: 'n1', body: 'duplicate' });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConflictError);
    expect((error as Error).message).toMatch(/already exists/);
    expect((error as Error).message).not.toMatch(/insert into|values|duplicate/i);
    if (backend.kind === 'postgres') expect((error as StoreConflictError).constraint).toBe('notes_pkey');
    expect(attempts).toBe(1);
  });

  it('retries the whole unit after a transient fault and commits once', async () => {
    let attempts = 0;
    await withEntityManager(store, async (manager) => {
      attempts++;
      await manager.getRepository(Note).insert({ id: `r${attempts}`, body: 'retry' });
      if (attempts === 1) throw Object.assign(new Error('could not serialize access'), { code: backend.kind === 'postgres' ? '40001' : 'SQLITE_BUSY' });
    });
    expect(attempts).toBe(2);
    const rows = await withEntityManager(store, (manager) => manager.getRepository(Note).findBy({ body: 'retry' }));
    expect(rows.map((row) => row.id)).toEqual(['r2']);
  });

  it('keeps concurrent units of work apart', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withEntityManager(store, async (manager) => {
          await manager.getRepository(Note).insert({ id: `c${i}`, body: 'concurrent' });
          if (i % 2 === 0) throw new Error('rollback even ones');
        }).catch(() => undefined),
      ),
    );
    const ids = (await withEntityManager(store, (manager) => manager.getRepository(Note).findBy({ body: 'concurrent' }))).map((row) => row.id).sort();
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `c${2 * i + 1}`).sort());
  });

  it('answers ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('lets the units already begun finish when it closes, and refuses new ones with StoreClosedError', async () => {
    const closing = await Store.open({ location: parseDatabaseUrl(backend.url), schemas: ['smoke'], entities: [Note], poolSize: 4 });
    let entered!: () => void;
    let finish!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const begun = withEntityManager(closing, async (manager) => {
      await manager.getRepository(Note).insert({ id: 'during-close', body: 'begun before close' });
      entered();
      await gate;
      return manager.getRepository(Note).countBy({ id: 'during-close' });
    });
    await inside;
    const closed = closing.close();
    await expect(withEntityManager(closing, (manager) => manager.query('select 1'))).rejects.toBeInstanceOf(StoreClosedError);
    finish();
    await expect(begun).resolves.toBe(1);
    await closed;
    expect(dataSourceOf(closing).isInitialized).toBe(false);
    expect(await withEntityManager(store, (manager) => manager.getRepository(Note).countBy({ id: 'during-close' }))).toBe(1);
  });

  if (backend.kind === 'sqlite') {
    it('sets WAL, busy_timeout, foreign_keys and synchronous=NORMAL, and keeps the schema in its own file', async () => {
      const pragma = (sql: string) => withEntityManager(store, (manager) => manager.query(sql));
      // WAL cannot be entered or left inside a transaction, so journal_mode reads the current mode.
      expect(await pragma('PRAGMA main.journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await pragma('PRAGMA smoke.journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await pragma('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
      expect(await pragma('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await pragma('PRAGMA main.synchronous')).toEqual([{ synchronous: 1 }]);
      expect(await pragma('PRAGMA smoke.synchronous')).toEqual([{ synchronous: 1 }]);
      const databases = (await pragma('PRAGMA database_list')) as Array<{ name: string; file: string }>;
      expect(databases.find((d) => d.name === 'smoke')?.file).toMatch(/smoke\.sqlite$/);
    });
  }
});

describe('managed identity against a real server [postgres]', () => {
  it('uses the Entra token as the password of every pooled connection, fetched once', async () => {
    const database = await createTestDatabase('entra');
    const admin = await Store.open({ location: parseDatabaseUrl(database.url), schemas: [] });
    // The "token" is this role's password: the server checks it exactly as Azure checks a token.
    await withEntityManager(admin, (manager) =>
      manager.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'entra_app') THEN CREATE ROLE entra_app LOGIN PASSWORD 'token-value-1'; END IF; END $$`,
      ),
    );
    await admin.close();
    const calls: string[] = [];
    const tokenProvider = new EntraTokenProvider({
      credential: {
        getToken: async (scope) => {
          calls.push(String(scope));
          return { token: 'token-value-1', expiresOnTimestamp: Date.now() + 3600_000 };
        },
      },
    });
    const url = new URL(database.url);
    url.username = 'entra_app';
    url.password = '';
    const store = await Store.open({ location: parseDatabaseUrl(url.toString()), schemas: [], tokenProvider, poolSize: 4 });
    try {
      const users = await Promise.all(
        Array.from({ length: 8 }, () => withEntityManager(store, (manager) => manager.query('SELECT current_user AS name, pg_sleep(0.05)'))),
      );
      expect(users.every(([row]) => row.name === 'entra_app')).toBe(true);
      expect(calls).toEqual(['https://ossrdbms-aad.database.windows.net/.default']);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});

describe('store connection failures', () => {
  it('reports an unreachable PostgreSQL as StoreConnectionError with the password redacted', async () => {
    const error = await Store.open({ location: parseDatabaseUrl('postgres://app:hunter2@127.0.0.1:1/cps'), schemas: ['smoke'], retry: undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreConnectionError);
    expect((error as Error).message).toContain('app:***@127.0.0.1:1');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('refuses managed identity together with a password in the URL', async () => {
    const tokenProvider = new EntraTokenProvider({ credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3600_000 }) } });
    await expect(Store.open({ location: parseDatabaseUrl('postgres://app:pw@127.0.0.1:1/cps'), schemas: ['smoke'], tokenProvider })).rejects.toThrow(
      /password while managed identity is on/,
    );
  });
});

describe('store time bounds and in-doubt commits [postgres]', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: Store;

  beforeAll(async () => {
    database = await createTestDatabase('store bounds');
    store = await Store.open({ location: parseDatabaseUrl(database.url), schemas: [], poolSize: 1, poolTimeoutMs: 300, statementTimeoutMs: 500 });
    await withEntityManager(store, (manager) => manager.query('CREATE TABLE bounded (id integer PRIMARY KEY)'));
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('answers StoreTimeoutError after the pool timeout when every connection is busy, without retrying', async () => {
    const holding = withEntityManager(store, (manager) => manager.query('SELECT pg_sleep(0.4)'));
    const started = Date.now();
    let attempts = 0;
    // A unit takes its connection with its first statement.
    const error = await withEntityManager(store, async (manager) => {
      attempts++;
      await manager.query('SELECT 1');
    }).catch((e: unknown) => e);
    const waited = Date.now() - started;
    await holding;
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect((error as StoreTimeoutError).status).toBe(503);
    expect(attempts).toBe(1);
    // One bounded wait, not one per retry.
    expect(waited).toBeLessThan(900);
  });

  it('cancels a statement that runs past the statement timeout and reports StoreTimeoutError, once', async () => {
    let attempts = 0;
    const error = await withEntityManager(store, async (manager) => {
      attempts++;
      await manager.query('SELECT pg_sleep(5)');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect(attempts).toBe(1);
  });

  it('runs the unit again when its connection dies before COMMIT: nothing was saved', async () => {
    let attempts = 0;
    await withEntityManager(store, async (manager) => {
      attempts++;
      await manager.query('INSERT INTO bounded (id) VALUES (1)');
      if (attempts === 1) await terminateOwnBackend(manager);
    });
    expect(attempts).toBe(2);
    expect(await withEntityManager(store, (manager) => manager.query('SELECT id FROM bounded'))).toEqual([{ id: 1 }]);
  });

  it('reports a COMMIT whose connection dies as outcome unknown and never runs the unit again', async () => {
    // A deferred trigger holds COMMIT open long enough for the connection to be cut inside it.
    await withEntityManager(store, async (manager) => {
      await manager.query(`CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.4); RETURN NULL; END $$`);
      await manager.query(
        'CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON bounded DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()',
      );
    });
    let attempts = 0;
    const error = await withEntityManager(store, async (manager) => {
      attempts++;
      await manager.query('INSERT INTO bounded (id) VALUES (2)');
      const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
      setTimeout(() => void withAdminClient(database.url, (client) => client.query('SELECT pg_terminate_backend($1)', [pid])), 150);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCommitOutcomeUnknownError);
    expect((error as StoreCommitOutcomeUnknownError).status).toBe(503);
    expect(attempts).toBe(1);
    // The pool dropped the dead connection: the next unit works.
    expect(await withEntityManager(store, (manager) => manager.query('SELECT id FROM bounded ORDER BY id'))).toEqual([{ id: 1 }]);
  });

  async function terminateOwnBackend(manager: EntityManager): Promise<void> {
    const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
    await withAdminClient(database.url, (client) => client.query('SELECT pg_terminate_backend($1, 5000)', [pid]));
  }
});
