import { type DynamicModule, Module } from '@nestjs/common';
import { ProbesModule } from '@lib/platform';
import { Applier } from './deployment/applier';
import { DeploymentPuller } from './deployment/deployment-puller';
import { EventShipper } from './events/event-shipper';
import { NodeMetrics } from './node-metrics';
import { PanelClient } from './panel-client';
import { WAF_NODE_CONFIG } from './waf-node.tokens';
import { readWafNodeConfig } from './waf-node-config';

/** The node agent: health and metrics, the pull-apply-report loop and the event shipper. It serves no API. */
@Module({})
export class WafNodeModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: WafNodeModule,
      imports: [ProbesModule],
      providers: [{ provide: WAF_NODE_CONFIG, useValue: readWafNodeConfig(env) }, NodeMetrics, PanelClient, Applier, DeploymentPuller, EventShipper],
    };
  }
}
