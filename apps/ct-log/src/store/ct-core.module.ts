import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@lib/persistence';
import { CtMetrics } from '../common/ct-metrics';
import { CT_CONFIG, type CtConfig } from '../ct-config';
import { CtDb } from './ct-db';

/** What every feature of the CT log uses: its configuration, database, clock and metrics. */
@Global()
@Module({})
export class CtCoreModule {
  static forRoot(config: CtConfig): DynamicModule {
    const providers = [{ provide: CT_CONFIG, useValue: config }, { provide: Clock, useClass: SystemClock }, CtMetrics, CtDb];
    return { module: CtCoreModule, providers, exports: providers };
  }
}
