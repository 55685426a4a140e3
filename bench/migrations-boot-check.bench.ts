/**
 * Boot-time migration check: a service starting against a schema with 100 applied migrations
 * and nothing pending (validate the registry, compute checksums, take the lock, read the
 * history, verify, release). Target on PostgreSQL: under 100 ms.
 */
import { performance } from 'node:perf_hooks';
import type { QueryRunner } from 'typeorm';
import { MigrationRunner, parseDatabaseUrl, Store, type SchemaMigrations } from '../libs/persistence/src';
import type { BenchResult } from './bench-result';

const MIGRATIONS = 100;
const ROUNDS = 30;

function registry(schema: string): SchemaMigrations {
  return {
    schema,
    migrations: Array.from({ length: MIGRATIONS }, (_, i) => {
      const sequence = String(i + 1).padStart(3, '0');
      const name = i < 99 ? `${sequence}_create_table_${i + 1}` : 'S001_seed_rows';
      return class {
        name = name;
        async up(runner: QueryRunner) {
          await runner.query(
            i < 99
              ? `CREATE TABLE "${schema}".t${i + 1} (id integer PRIMARY KEY, tenant_id uuid NOT NULL, payload text)`
              : `INSERT INTO "${schema}".t1 (id, tenant_id) VALUES (1, '00000000-0000-4000-8000-000000000001')`,
          );
        }
      };
    }),
    // Synthetic tables: the boot check's cost is what is measured, not row-level security.
    rlsExempt: Array.from({ length: MIGRATIONS - 1 }, (_, i) => `t${i + 1}`),
  };
}

export async function benchBootCheck(label: string, url: string): Promise<BenchResult> {
  const schema = 'bench_boot';
  const store = await Store.open({ location: parseDatabaseUrl(url), schemas: [schema], poolSize: 2 });
  try {
    await new MigrationRunner(store, registry(schema), { appliedBy: 'bench' }).startup();
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      // A fresh runner each round, as at boot: nothing is cached from the previous round.
      const status = await new MigrationRunner(store, registry(schema), { appliedBy: 'bench' }).startup();
      samples.push(performance.now() - started);
      if (status.applied.length !== MIGRATIONS) throw new Error('benchmark schema is not fully applied');
    }
    samples.sort((a, b) => a - b);
    return {
      name: `boot-time migration check, ${MIGRATIONS} applied, nothing pending (${label})`,
      unit: 'ms',
      median: samples[Math.floor(ROUNDS / 2)],
      p95: samples[Math.floor(ROUNDS * 0.95)],
      rounds: ROUNDS,
    };
  } finally {
    await store.close();
  }
}
