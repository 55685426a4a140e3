import { Inject, Injectable } from '@nestjs/common';
import { MigrationRunner, PERSISTENCE_CONFIG, SCHEMA_MIGRATIONS, Store, type PersistenceConfig, type SchemaMigrations } from '@lib/persistence';
import { ReadinessRegistry } from './readiness';

/**
 * Ready only while every schema's startup and seed migrations are applied and unchanged.
 * Pending release migrations (boot in `warn` mode) and data migrations are listed, not failed:
 * data migrations never block readiness.
 */
@Injectable()
export class MigrationsReadiness {
  constructor(
    store: Store,
    registry: ReadinessRegistry,
    @Inject(SCHEMA_MIGRATIONS) migrations: readonly SchemaMigrations[],
    @Inject(PERSISTENCE_CONFIG) config: PersistenceConfig,
  ) {
    const runners = migrations.map((schema) => new MigrationRunner(store, schema, { appliedBy: 'readiness', lockTimeoutMs: config.migrations.lockTimeoutMs }));
    registry.register({
      name: 'migrations',
      check: async () => {
        const report: Record<string, unknown> = {};
        const problems: string[] = [];
        for (const runner of runners) {
          const status = await runner.status();
          const unapplied = [...status.pending.startup, ...status.pending.seed];
          if (unapplied.length) problems.push(`${status.schema}: not applied ${unapplied.join(', ')}`);
          if (status.checksumMismatches.length)
            problems.push(`${status.schema}: changed after applying ${status.checksumMismatches.map((m) => m.name).join(', ')}`);
          if (status.missing.length) problems.push(`${status.schema}: applied but unknown to this version ${status.missing.join(', ')}`);
          report[status.schema] = { applied: status.applied.length, pendingRelease: status.pending.release, pendingData: status.pending.data };
        }
        if (problems.length) throw new Error(problems.join('; '));
        return report;
      },
    });
  }
}
