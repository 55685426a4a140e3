import { type DynamicModule, Module } from '@nestjs/common';
import { Clock, readPersistenceConfig, SystemClock } from '@lib/persistence';
import { PlatformModule, readAuthConfig } from '@lib/platform';
import { wafMigrations } from '../../../migrations/waf';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { WafDb } from './common/waf-db';
import { WafMetrics } from './common/waf-metrics';
import { DeploymentsController, NodeController } from './deployments/deployments.controller';
import { DeploymentsService } from './deployments/deployments.service';
import { EngineController } from './engine/engine.controller';
import { EngineService } from './engine/engine.service';
import { PoliciesController } from './policies/policies.controller';
import { RevisionsController } from './revisions/revisions.controller';
import { TransferController } from './transfer/transfer.controller';
import { PoliciesService } from './policies/policies.service';
import { BundleService } from './render/bundle.service';
import { RenderController } from './render/render.controller';
import { VhostBundleService } from './render/vhost-bundle.service';
import { RevisionsService } from './revisions/revisions.service';
import { CustomRulesController, ExclusionsController, OverridesController } from './rules/rules.controller';
import { RulesService } from './rules/rules.service';
import { TransferService } from './transfer/transfer.service';
import { VhostsController } from './vhosts/vhosts.controller';
import { VhostsService } from './vhosts/vhosts.service';
import { readWafConfig, WAF_CONFIG } from './waf-config';

@Module({})
export class WafPanelModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = readWafConfig(env);
    return {
      module: WafPanelModule,
      imports: [
        PlatformModule.forRoot({
          migrations: [wafMigrations],
          config: readPersistenceConfig(env),
          auth: readAuthConfig(env),
          writeRateLimitPerMinute: config.writeRateLimitPerMinute,
        }),
      ],
      controllers: [
        VhostsController,
        RenderController,
        PoliciesController,
        RevisionsController,
        TransferController,
        OverridesController,
        ExclusionsController,
        CustomRulesController,
        DeploymentsController,
        NodeController,
        AuditController,
        EngineController,
      ],
      providers: [
        { provide: WAF_CONFIG, useValue: config },
        WafMetrics,
        WafDb,
        { provide: Clock, useClass: SystemClock },
        BundleService,
        VhostBundleService,
        VhostsService,
        PoliciesService,
        RulesService,
        RevisionsService,
        TransferService,
        DeploymentsService,
        AuditService,
        EngineService,
      ],
    };
  }
}
