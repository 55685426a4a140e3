import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@lib/persistence';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import { WafDb } from './waf-db';
import { WafMetrics } from './waf-metrics';

/** What every feature of the panel uses: its configuration, database, clock and metrics. */
@Global()
@Module({})
export class WafCoreModule {
  static forRoot(config: WafConfig): DynamicModule {
    const providers = [{ provide: WAF_CONFIG, useValue: config }, { provide: Clock, useClass: SystemClock }, WafMetrics, WafDb];
    return { module: WafCoreModule, providers, exports: providers };
  }
}
