import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import sqlite3 from 'sqlite3';
import type { TestBackend } from '../../../test/harness/backends';
import { type ServiceUnderTest, startHttpService } from '../../../test/harness/http-service';
import { CtLogService } from '../src/ct-log.service-definition';
import { waitFor } from '../../../test/harness/child-process';

export const TENANT_A = 'aa000000-0000-4000-8000-00000000000a';
export const TENANT_B = 'bb000000-0000-4000-8000-00000000000b';

export interface Who {
  roles?: string[];
  tenant?: string;
  sub?: string;
}

export const ADMIN: Who = { roles: ['Admin'], sub: 'admin-1' };
export const SUBMITTER: Who = { roles: ['CtSubmitter'], sub: 'submitter-1' };
export const READER: Who = { roles: ['CtReader'], sub: 'reader-1' };
export const ADMIN_B: Who = { roles: ['Admin'], sub: 'admin-b', tenant: TENANT_B };
export const SUBMITTER_B: Who = { roles: ['CtSubmitter'], sub: 'submitter-b', tenant: TENANT_B };

export type CtUnderTest = ServiceUnderTest<Who>;

export function newKeyDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'ctlog-keys-'));
}

/** The real ct-log on the backend, on a free port, with the test hook enabled. */
export function startCtLog(backend: TestBackend, env: Record<string, string> = {}): Promise<CtUnderTest> {
  return startHttpService<Who>(
    CtLogService,
    {
      DATABASE_URL: backend.url,
      CTLOG_KEY_DIR: env.CTLOG_KEY_DIR ?? newKeyDirectory(),
      CTLOG_TEST_HOOKS: 'true',
      CTLOG_PUBLIC_BASE_URL: 'https://ct.example.com',
      ...env,
    },
    (who = ADMIN) => ({ tenant: who.tenant ?? TENANT_A, roles: who.roles ?? ['Admin'], sub: who.sub ?? 'admin-1' }),
  );
}

/** Until the log serves get-sth (its startup check has run). */
export async function waitServing(ct: CtUnderTest, log: string): Promise<void> {
  await waitFor(async () => (await ct.call('GET', `/logs/${log}/ct/v1/get-sth`, { who: null })).status === 200, 60_000, `log ${log} to serve`);
}

/**
 * Holds the log's sequencer lock from outside the service (the head row on PostgreSQL, the
 * database's write lock on SQLite), so a batch stays committing until the returned release.
 * Both give up after 5 s (lock_timeout, busy_timeout): release well before.
 */
export async function holdSequencer(backend: TestBackend, log: string): Promise<() => Promise<void>> {
  if (backend.kind === 'postgres') {
    const client = new Client({ connectionString: backend.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM ctlog.log_head WHERE log_id = (SELECT log_id FROM ctlog.log_directory WHERE name = $1) FOR UPDATE', [log]);
    return async () => {
      await client.query('COMMIT');
      await client.end();
    };
  }
  const database = new sqlite3.Database(join(backend.url.slice('sqlite:'.length), 'ctlog.sqlite'));
  const run = (statement: string) => new Promise<void>((resolve, reject) => database.run(statement, (error) => (error ? reject(error) : resolve())));
  await run('BEGIN IMMEDIATE');
  return async () => {
    await run('COMMIT');
    await new Promise((resolve) => database.close(resolve));
  };
}
