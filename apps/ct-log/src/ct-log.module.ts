import { type DynamicModule, Module } from '@nestjs/common';
import { readPersistenceConfig } from '@lib/persistence';
import { PlatformModule, readAuthConfig } from '@lib/platform';
import { ctlogMigrations } from '../../../migrations/ctlog';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { readCtConfig, requireKeyDirectory } from './ct-config';
import { PublicModule } from './public/public.module';
import { CtCoreModule } from './store/ct-core.module';
import { SubmissionsModule } from './submissions/submissions.module';

/** The CT log: the platform, its core (configuration, database, clock, metrics) and one module per feature. */
@Module({})
export class CtLogModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    // The shared settings first: a bad DATABASE_URL is named before any service setting.
    const persistence = readPersistenceConfig(env);
    const auth = readAuthConfig(env);
    const config = readCtConfig(env);
    requireKeyDirectory(config);
    return {
      module: CtLogModule,
      imports: [
        PlatformModule.forRoot({
          migrations: [ctlogMigrations],
          config: persistence,
          auth,
          writeRateLimitPerMinute: config.writeRateLimitPerMinute,
        }),
        CtCoreModule.forRoot(config),
        SubmissionsModule,
        PublicModule,
        AdminModule.forRoot(config.testHooks),
        AuditModule,
      ],
    };
  }
}
