import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPgBouncer, type RunningPgBouncer } from './pgbouncer';
import { createTestDatabase, type TestDatabase } from './postgres';

export type BackendKind = 'sqlite' | 'postgres';

export interface TestBackend {
  readonly kind: BackendKind;
  /** DATABASE_URL for this backend; set once `beforeAll` has run. */
  readonly url: string;
  /**
   * Through PgBouncer in transaction pooling mode: `url` reaches the server through it, and
   * `directUrl` is the server itself, where migrations (and their session lock) must run.
   */
  readonly pooled?: boolean;
  readonly directUrl?: string;
}

/** The environment of a service on this backend: migrations go to the server itself when the rest goes through a pooler. */
export const serviceDatabaseEnv = (backend: TestBackend): Record<string, string> => ({
  DATABASE_URL: backend.url,
  ...(backend.directUrl ? { MIGRATION_DATABASE_URL: backend.directUrl } : {}),
});

/**
 * Runs one suite on both backends: a fresh SQLite directory and a fresh PostgreSQL database, and
 * with `pgbouncer` a third time, through PgBouncer in transaction mode in front of PostgreSQL.
 * The describe names carry the backend, so the output shows which suites talked to which.
 */
export function describeBackends(name: string, suite: (backend: TestBackend) => void, options: { pgbouncer?: boolean } = {}): void {
  const variants: ReadonlyArray<{ kind: BackendKind; pooled: boolean }> = [
    { kind: 'sqlite', pooled: false },
    { kind: 'postgres', pooled: false },
    ...(options.pgbouncer ? [{ kind: 'postgres' as const, pooled: true }] : []),
  ];
  for (const { kind, pooled } of variants) {
    describe(`${name} [${kind}${pooled ? ' through pgbouncer' : ''}]`, () => {
      const backend: { kind: BackendKind; url: string; pooled: boolean; directUrl?: string } = { kind, url: '', pooled };
      let database: TestDatabase | undefined;
      let pgbouncer: RunningPgBouncer | undefined;
      let directory: string | undefined;
      beforeAll(async () => {
        if (kind === 'postgres') {
          database = await createTestDatabase(name);
          backend.url = database.url;
          if (pooled) {
            pgbouncer = await startPgBouncer(database.url);
            backend.directUrl = database.url;
            backend.url = pgbouncer.through(database.url);
          }
        } else {
          directory = mkdtempSync(join(tmpdir(), 'cps-sqlite-'));
          backend.url = `sqlite:${directory}/`;
        }
      });
      suite(backend);
      // Jest runs a block's afterAll hooks in the order they were declared: declared after the
      // suite's own, this runs once the suite has closed its services, never under a live pool.
      afterAll(async () => {
        await pgbouncer?.stop();
        await database?.drop();
        if (directory) rmSync(directory, { recursive: true, force: true });
      });
    });
  }
}
