import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from './postgres';

export type BackendKind = 'sqlite' | 'postgres';

export interface TestBackend {
  readonly kind: BackendKind;
  /** DATABASE_URL for this backend; set once `beforeAll` has run. */
  readonly url: string;
}

/**
 * Runs one suite on both backends: a fresh SQLite directory and a fresh PostgreSQL database.
 * The describe names carry the backend, so the output shows which suites talked to which.
 */
export function describeBackends(name: string, suite: (backend: TestBackend) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${kind}]`, () => {
      const backend: { kind: BackendKind; url: string } = { kind, url: '' };
      let database: TestDatabase | undefined;
      let directory: string | undefined;
      beforeAll(async () => {
        if (kind === 'postgres') {
          database = await createTestDatabase(name);
          backend.url = database.url;
        } else {
          directory = mkdtempSync(join(tmpdir(), 'cps-sqlite-'));
          backend.url = `sqlite:${directory}/`;
        }
      });
      suite(backend);
      // Jest runs a block's afterAll hooks in the order they were declared: declared after the
      // suite's own, this runs once the suite has closed its services, never under a live pool.
      afterAll(async () => {
        await database?.drop();
        if (directory) rmSync(directory, { recursive: true, force: true });
      });
    });
  }
}
