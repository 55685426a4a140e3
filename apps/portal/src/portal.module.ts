import { type DynamicModule, Module } from '@nestjs/common';
import { type Clock, readPersistenceConfig } from '@lib/persistence';
import { PlatformModule, readAuthConfig } from '@lib/platform';
import { portalMigrations } from '../../../migrations/portal';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { PortalCoreModule } from './common/portal-core.module';
import type { RandomSource } from './common/tokens';
import { DemoModule } from './demo/demo.module';
import { LegacyHealthModule } from './health/legacy-health.module';
import { MarketplaceModule } from './marketplace/marketplace.module';
import { PipelinesModule } from './pipelines/pipelines.module';
import { readPortalConfig } from './portal-config';
import { PortalStartup } from './portal-startup';
import { mockProvisioningAdapters, type ProvisioningAdapters } from './sources/provisioning.adapters';
import { SourcesModule } from './sources/sources.module';
import { StatsModule } from './stats/stats.module';

/** What tests (and deployments with real infrastructure) replace. */
export interface PortalOverrides {
  readonly adapters?: ProvisioningAdapters;
  readonly random?: RandomSource;
  /** A clock tests move forward (expiry). */
  readonly clock?: Pick<Clock, 'now'>;
}

/** The portal: the platform, its core (configuration, database, clock) and one module per feature. */
@Module({})
export class PortalModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env, overrides: PortalOverrides = {}): DynamicModule {
    // The shared settings first: a bad DATABASE_URL is named before any service setting.
    const persistence = readPersistenceConfig(env);
    const auth = readAuthConfig(env);
    const config = readPortalConfig(env);
    return {
      module: PortalModule,
      imports: [
        PlatformModule.forRoot({
          migrations: [portalMigrations],
          config: persistence,
          auth,
          writeRateLimitPerMinute: config.rateLimitWritesPerMinute,
        }),
        PortalCoreModule.forRoot(config, overrides.clock),
        SourcesModule.forRoot(overrides.adapters ?? mockProvisioningAdapters),
        PipelinesModule,
        AccessModule,
        MarketplaceModule.forRoot(overrides.random ?? { next: Math.random }),
        StatsModule,
        AuditModule,
        LegacyHealthModule,
        DemoModule,
      ],
      providers: [PortalStartup],
    };
  }
}
