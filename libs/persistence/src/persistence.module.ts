import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityList } from './data-source-options';
import { readPersistenceConfig, tokenProviderFor, type PersistenceConfig } from './persistence-config';
import { Store } from './store';
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
          useFactory: (registry: StoreRegistry, config: PersistenceConfig) =>
            registry.get({
              location: config.location,
              schemas: options.schemas,
              entities: options.entities,
              poolSize: config.poolSize,
              tokenProvider: tokenProviderFor(config),
            }),
        },
      ],
      exports: [Store, PERSISTENCE_CONFIG],
    };
  }
}
