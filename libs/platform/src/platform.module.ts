import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PersistenceModule, type PersistenceModuleOptions } from '@lib/persistence';
import { DatabaseReadiness } from './health/database.readiness';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

export type PlatformModuleOptions = PersistenceModuleOptions;

/** What every service has: the shared store, health, readiness checks and metrics. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [PersistenceModule.forRoot(options), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [ReadinessRegistry, DatabaseReadiness, MetricsService],
      exports: [ReadinessRegistry, MetricsService],
    };
  }
}
