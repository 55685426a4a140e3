import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityList } from './data-source-options';
import { readPersistenceConfig, tokenProviderFor, type PersistenceConfig } from './persistence-config';
import { Store } from './store';
import { provisionSchemas } from './tenancy/provision';
import { appRoleName } from './tenancy/rls';
import { StoreRegistry } from './store-registry';

export interface PersistenceModuleOptions {
  /** The module schemas the service owns. */
  readonly schemas: readonly string[];
  readonly entities?: EntityList;
  /** Overrides the environment (tests). */
  readonly config?: PersistenceConfig;
}

export const PERSISTENCE_CONFIG = Symbol('PERSISTENCE_CONFIG');

@Injectable()
class StoreRegistryLifecycle implements OnApplicationShutdown {
  constructor(@Inject(StoreRegistry) private readonly registry: StoreRegistry) {}

  async onApplicationShutdown(): Promise<void> {
    await this.registry.closeAll();
  }
}

/**
 * Provisions the service's schemas as their owner, then opens the store requests use: on
 * PostgreSQL every connection of it acts as the schema's app role, which owns nothing and is
 * subject to row-level security even when the URL's user is a superuser.
 */
async function openServiceStore(registry: StoreRegistry, config: PersistenceConfig, options: PersistenceModuleOptions): Promise<Store> {
  const tokenProvider = tokenProviderFor(config);
  const common = { schemas: options.schemas, entities: options.entities, tokenProvider };
  if (config.location.kind !== 'postgres') return registry.get({ ...common, location: config.location });
  const owner = await registry.get({ ...common, location: config.migrationLocation, poolSize: 2 });
  await provisionSchemas(owner, options.schemas);
  return registry.get({ ...common, location: config.location, poolSize: config.poolSize, role: appRoleName(options.schemas[0]) });
}

/** Provides the process's shared `Store`; pools close when the application shuts down. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        StoreRegistry,
        StoreRegistryLifecycle,
        { provide: PERSISTENCE_CONFIG, useFactory: () => options.config ?? readPersistenceConfig() },
        {
          provide: Store,
          inject: [StoreRegistry, PERSISTENCE_CONFIG],
          useFactory: (registry: StoreRegistry, config: PersistenceConfig) => openServiceStore(registry, config, options),
        },
      ],
      exports: [Store, PERSISTENCE_CONFIG],
    };
  }
}
