import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { Clock, readPersistenceConfig } from '@lib/persistence';
import { PlatformModule, readAuthConfig } from '@lib/platform';
import { portalMigrations } from '../../../migrations/portal';
import { AccessExpirySweeper } from './access/access-expiry.sweeper';
import { AccessController, MarketplaceAccessController } from './access/access.controller';
import { AccessService } from './access/access.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { PortalClock } from './common/clock';
import { DemoLoader } from './demo/demo-loader';
import { LegacyHealthController } from './health/legacy-health.controller';
import { ProductsController } from './marketplace/products.controller';
import { ProductsService } from './marketplace/products.service';
import { PipelinesController } from './pipelines/pipelines.controller';
import { PipelinesService } from './pipelines/pipelines.service';
import { PortalStartup } from './portal-startup';
import { StatsController } from './stats/stats.controller';
import { StatsService } from './stats/stats.service';
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
  /** A clock tests move forward (expiry). */
  readonly clock?: Pick<Clock, 'now'>;
}

@Module({})
export class PortalModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env, overrides: PortalOverrides = {}): DynamicModule {
    const config = readPortalConfig(env);
    const providers: Provider[] = [
      { provide: PORTAL_CONFIG, useValue: config },
      { provide: PROVISIONING_ADAPTERS, useValue: overrides.adapters ?? mockProvisioningAdapters },
      { provide: RANDOM_SOURCE, useValue: overrides.random ?? { next: Math.random } },
      overrides.clock ? { provide: Clock, useValue: overrides.clock } : { provide: Clock, useClass: PortalClock },
      PortalDb,
      SourcesService,
      PipelinesService,
      AccessService,
      ProductsService,
      StatsService,
      AuditService,
      DemoLoader,
      AccessExpirySweeper,
      PortalStartup,
    ];
    return {
      module: PortalModule,
      imports: [
        PlatformModule.forRoot({
          migrations: [portalMigrations],
          config: readPersistenceConfig(env),
          auth: readAuthConfig(env),
          writeRateLimitPerMinute: config.rateLimitWritesPerMinute,
        }),
      ],
      controllers: [
        SourcesController,
        PipelinesController,
        AccessController,
        MarketplaceAccessController,
        ProductsController,
        StatsController,
        AuditController,
        LegacyHealthController,
      ],
      providers,
    };
  }
}
