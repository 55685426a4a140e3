import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { readPersistenceConfig } from '@lib/persistence';
import { PlatformModule, readAuthConfig } from '@lib/platform';
import { portalMigrations } from '../../../migrations/portal';
import { Clock } from './common/clock';
import { PortalDb } from './common/portal-db';
import { PORTAL_CONFIG, RANDOM_SOURCE, type RandomSource } from './common/tokens';
import { readPortalConfig } from './portal-config';
import { mockProvisioningAdapters, PROVISIONING_ADAPTERS, type ProvisioningAdapters } from './sources/provisioning.adapters';
import { SourcesController } from './sources/sources.controller';
import { SourcesService } from './sources/sources.service';

/** What tests (and deployments with real infrastructure) replace. */
export interface PortalOverrides {
  readonly adapters?: ProvisioningAdapters;
  readonly random?: RandomSource;
}

@Module({})
export class PortalModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env, overrides: PortalOverrides = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: PORTAL_CONFIG, useValue: readPortalConfig(env) },
      { provide: PROVISIONING_ADAPTERS, useValue: overrides.adapters ?? mockProvisioningAdapters },
      { provide: RANDOM_SOURCE, useValue: overrides.random ?? { next: Math.random } },
      Clock,
      PortalDb,
      SourcesService,
    ];
    return {
      module: PortalModule,
      imports: [PlatformModule.forRoot({ migrations: [portalMigrations], config: readPersistenceConfig(env), auth: readAuthConfig(env) })],
      controllers: [SourcesController],
      providers,
    };
  }
}
