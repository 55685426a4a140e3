import { type DynamicModule, Module } from '@nestjs/common';
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

/** What every server has, with or without a database: authentication, write rate limits, health and readiness, metrics. */
@Module({})
export class ServingModule {
  static forRoot(options: ServingModuleOptions): DynamicModule {
    return {
      module: ServingModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: AUTH_CONFIG, useFactory: () => options.auth ?? readAuthConfig() },
        TokenVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: WRITE_RATE_LIMIT, useValue: options.writeRateLimitPerMinute },
        { provide: APP_INTERCEPTOR, useClass: WriteRateLimitInterceptor },
        ReadinessRegistry,
        MetricsService,
      ],
      exports: [ReadinessRegistry, MetricsService, AUTH_CONFIG, TokenVerifier],
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
