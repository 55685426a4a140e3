import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import type { EntityList } from './data-source-options';
import { MigrationRunner } from './migrations/migration-runner';
import type { SchemaMigrations } from './migrations/migration-types';
import { readPersistenceConfig, tokenProviderFor, type PersistenceConfig } from './persistence-config';
import { Store } from './store';
import { StoreRegistry } from './store-registry';
import { TaskGroup } from './task-group';
import { appRoleName, rlsExemptTables } from './tenancy/rls';

export interface PersistenceModuleOptions {
  /** The service's module schemas, each with its migrations. */
  readonly migrations: readonly SchemaMigrations[];
  readonly entities?: EntityList;
  /** Overrides the environment (tests). */
  readonly config?: PersistenceConfig;
}

export const PERSISTENCE_CONFIG = Symbol('PERSISTENCE_CONFIG');
export const SCHEMA_MIGRATIONS = Symbol('SCHEMA_MIGRATIONS');

const logger = new Logger('Migrations');

/** Data migrations run after boot (MIGRATIONS_RUN_DATA): stopped between batches before the pools close. */
@Injectable()
class BackgroundMigrations extends TaskGroup {
  constructor() {
    super((error) => logger.error(error instanceof Error ? error : String(error)));
  }
}

@Injectable()
class StoreRegistryLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(StoreRegistry) private readonly registry: StoreRegistry,
    @Inject(BackgroundMigrations) private readonly background: BackgroundMigrations,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.background.close();
    await this.registry.closeAll();
  }
}

/**
 * The startup host: as the schema owner, applies each schema's pending startup and seed
 * migrations (provisioning the schema and its app role on first run) and enforces the release
 * gate; then opens the store requests use. On PostgreSQL every connection of that store acts as
 * the schema's app role, which owns nothing and is subject to row-level security.
 */
async function openServiceStore(registry: StoreRegistry, background: TaskGroup, config: PersistenceConfig, options: PersistenceModuleOptions): Promise<Store> {
  try {
    return await migrateAndOpen(registry, background, config, options);
  } catch (error) {
    // The application will not exist to close them: a refused boot must not leave pools behind.
    await registry.closeAll();
    throw error;
  }
}

async function migrateAndOpen(registry: StoreRegistry, background: TaskGroup, config: PersistenceConfig, options: PersistenceModuleOptions): Promise<Store> {
  const tokenProvider = tokenProviderFor(config);
  const schemas = options.migrations.map((m) => m.schema);
  const common = { schemas, entities: options.entities, tokenProvider, rlsExempt: rlsExemptTables(options.migrations) };
  const postgres = config.location.kind === 'postgres';
  const owner = await registry.get({ ...common, location: config.migrationLocation, poolSize: postgres ? 2 : undefined, poolTimeoutMs: config.poolTimeoutMs });
  const runnerOptions = { appliedBy: `boot@${hostname()}`, lockTimeoutMs: config.migrations.lockTimeoutMs, allowOutOfOrder: config.migrations.allowOutOfOrder };
  for (const schemaMigrations of options.migrations) {
    const runner = new MigrationRunner(owner, schemaMigrations, runnerOptions);
    const status = await runner.startup(config.migrations.pendingRelease);
    if (status.pending.release.length > 0) logger.warn(`schema ${status.schema}: pending release migrations ${status.pending.release.join(', ')}`);
    if (config.migrations.runDataInBackground && status.pending.data.length > 0) {
      void background.run(`data migrations of ${status.schema}`, (signal) =>
        runner.runData({ signal, onBatch: (p) => logger.log(`${status.schema} ${p.name}: batch ${p.batches}, ${p.processed} rows${p.done ? ', done' : ''}`) }),
      );
    }
  }
  if (!postgres) return owner;
  return registry.get({
    ...common,
    location: config.location,
    poolSize: config.poolSize,
    poolTimeoutMs: config.poolTimeoutMs,
    statementTimeoutMs: config.statementTimeoutMs,
    role: appRoleName(schemas[0]),
  });
}

/** Provides the process's shared `Store`, migrated; pools close when the application shuts down. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        StoreRegistry,
        BackgroundMigrations,
        StoreRegistryLifecycle,
        { provide: PERSISTENCE_CONFIG, useFactory: () => options.config ?? readPersistenceConfig() },
        { provide: SCHEMA_MIGRATIONS, useValue: options.migrations },
        {
          provide: Store,
          inject: [StoreRegistry, BackgroundMigrations, PERSISTENCE_CONFIG],
          useFactory: (registry: StoreRegistry, background: BackgroundMigrations, config: PersistenceConfig) =>
            openServiceStore(registry, background, config, options),
        },
      ],
      exports: [Store, PERSISTENCE_CONFIG, SCHEMA_MIGRATIONS],
    };
  }
}
