import { type DynamicModule, Module } from '@nestjs/common';
import { readPersistenceConfig } from '@lib/persistence';
import { PlatformModule, readAuthConfig } from '@lib/platform';
import { wafMigrations } from '../../../migrations/waf';
import { AuditModule } from './audit/audit.module';
import { WafCoreModule } from './common/waf-core.module';
import { DeploymentsModule } from './deployments/deployments.module';
import { EngineModule } from './engine/engine.module';
import { EventsModule } from './events/events.module';
import { PoliciesModule } from './policies/policies.module';
import { RenderModule } from './render/render.module';
import { RevisionsModule } from './revisions/revisions.module';
import { RulesModule } from './rules/rules.module';
import { TransferModule } from './transfer/transfer.module';
import { VhostsModule } from './vhosts/vhosts.module';
import { readWafConfig } from './waf-config';

/** The panel: the platform, its core (configuration, database, clock, metrics) and one module per feature. */
@Module({})
export class WafPanelModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    // The shared settings first: a bad DATABASE_URL is named before any service setting.
    const persistence = readPersistenceConfig(env);
    const auth = readAuthConfig(env);
    const config = readWafConfig(env);
    return {
      module: WafPanelModule,
      imports: [
        PlatformModule.forRoot({
          migrations: [wafMigrations],
          config: persistence,
          auth,
          writeRateLimitPerMinute: config.writeRateLimitPerMinute,
        }),
        WafCoreModule.forRoot(config),
        VhostsModule,
        RenderModule,
        PoliciesModule,
        RevisionsModule,
        TransferModule,
        RulesModule,
        DeploymentsModule,
        AuditModule,
        EngineModule,
        EventsModule,
      ],
    };
  }
}
