import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres-server';

declare global {
  var __testPostgres: RunningPostgres | undefined;
}

/** Gives every test worker a PostgreSQL server: TEST_DATABASE_URL if set, else an embedded one. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    process.env.TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL;
    process.stdout.write(`\n[harness] PostgreSQL from TEST_DATABASE_URL\n`);
    return;
  }
  const started = Date.now();
  globalThis.__testPostgres = await startEmbeddedPostgres();
  process.env.TEST_PG_ADMIN_URL = globalThis.__testPostgres.adminUrl;
  process.stdout.write(`\n[harness] embedded PostgreSQL started in ${Date.now() - started} ms\n`);
}
