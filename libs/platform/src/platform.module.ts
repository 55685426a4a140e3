import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { PersistenceModule, type PersistenceModuleOptions } from '@lib/persistence';
import { AuthGuard } from './auth/auth.guard';
import { AUTH_CONFIG } from './auth/auth.tokens';
import { readAuthConfig, type AuthConfig } from './auth/auth-config';
import { TokenVerifier } from './auth/token-verifier';
import { CrossTenantRunner } from './cross-tenant.runner';
import { DatabaseReadiness } from './health/database.readiness';
import { HealthController } from './health/health.controller';
import { MigrationsReadiness } from './health/migrations.readiness';
import { ReadinessRegistry } from './health/readiness';
import { TenancyReadiness } from './health/tenancy.readiness';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { WRITE_RATE_LIMIT, WriteRateLimitInterceptor } from './rate-limit/write-rate-limit.interceptor';

export interface ServingModuleOptions {
  /** Overrides the environment (tests). */
  readonly auth?: AuthConfig;
  /** Writes per principal per minute on one replica (429 beyond); undefined turns the limit off. */
  readonly writeRateLimitPerMinute?: number;
}

export interface PlatformModuleOptions extends PersistenceModuleOptions, ServingModuleOptions {}

/** What every process serves, even one with no API of its own (the WAF node agent): health and readiness, metrics. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [ReadinessRegistry, MetricsService],
  exports: [ReadinessRegistry, MetricsService],
})
export class ProbesModule {}

/** What every server has, with or without a database: the probes, authentication and write rate limits. */
@Module({})
export class ServingModule {
  static forRoot(options: ServingModuleOptions): DynamicModule {
    return {
      module: ServingModule,
      global: true,
      imports: [ProbesModule],
      providers: [
        { provide: AUTH_CONFIG, useFactory: () => options.auth ?? readAuthConfig() },
        TokenVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: WRITE_RATE_LIMIT, useValue: options.writeRateLimitPerMinute },
        { provide: APP_INTERCEPTOR, useClass: WriteRateLimitInterceptor },
      ],
      exports: [AUTH_CONFIG, TokenVerifier],
    };
  }
}

/** What every service on the shared store has: the serving half, the store, and the database's readiness checks. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [PersistenceModule.forRoot(options), ServingModule.forRoot(options)],
      providers: [DatabaseReadiness, TenancyReadiness, MigrationsReadiness, CrossTenantRunner],
      exports: [CrossTenantRunner],
    };
  }
}
