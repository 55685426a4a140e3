/**
 * Applied migrations are frozen: every migration recorded in migrations/checksums.json renders
 * the same SQL today, on both backends, so no installation refuses to boot with a checksum
 * mismatch after an upgrade. A new migration is recorded once, with CHECKSUMS_RECORD=1.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationRunner, parseDatabaseUrl, Store } from '../libs/persistence/src';
import { SCHEMAS_BY_APP } from '../migrations/registries';
import { describeBackends } from './harness/backends';

type Recorded = Record<string, Record<string, Record<string, string>>>;
const FILE = join(__dirname, '../migrations/checksums.json');

describeBackends('migration checksums', (backend) => {
  it('every recorded migration renders the SQL it was applied with; every migration is recorded', async () => {
    const recorded: Recorded = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
    const schemas = Object.values(SCHEMAS_BY_APP);
    const store = await Store.open({ location: parseDatabaseUrl(backend.url), schemas: schemas.map((registry) => registry.schema) });
    try {
      const current: Record<string, Record<string, string>> = {};
      for (const registry of schemas) {
        current[registry.schema] = Object.fromEntries(await new MigrationRunner(store, registry, { appliedBy: 'checksum-test' }).currentChecksums());
      }
      if (process.env.CHECKSUMS_RECORD === '1') {
        const merged: Recorded = { ...recorded, [backend.kind]: {} };
        for (const [schema, sums] of Object.entries(current)) merged[backend.kind][schema] = { ...sums, ...recorded[backend.kind]?.[schema] };
        writeFileSync(FILE, `${JSON.stringify(merged, null, 2)}\n`);
        return;
      }
      expect(recorded[backend.kind]).toEqual(current);
    } finally {
      await store.close();
    }
  });
});
