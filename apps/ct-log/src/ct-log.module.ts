import { type DynamicModule, Module } from '@nestjs/common';
import { Clock, readPersistenceConfig, SystemClock } from '@lib/persistence';
import { PlatformModule, readAuthConfig } from '@lib/platform';
import { ctlogMigrations } from '../../../migrations/ctlog';
import { LogAdminController } from './admin/log-admin.controller';
import { CertificateItems } from './audit/certificate-items';
import { CertificateReader } from './audit/certificate-reader.service';
import { CertificateWriter } from './audit/certificate-writer.service';
import { CertificatesController } from './audit/certificates.controller';
import { CrlService } from './audit/crl.service';
import { SearchOperatorCheck } from './audit/search-operator-check';
import { LogAdminService } from './admin/log-admin.service';
import { TestHookController } from './admin/test-hook.controller';
import { TestHookService } from './admin/test-hook.service';
import { CtMetrics } from './common/ct-metrics';
import { CT_CONFIG, readCtConfig } from './ct-config';
import { HeadListener } from './logs/head-listener';
import { LogRegistry } from './logs/log-registry';
import { ProofReader } from './proofs/proof-reader';
import { CtV1Controller } from './public/ct-v1.controller';
import { SubmissionsController } from './submissions/submissions.controller';
import { LogAccess } from './public/log-access';
import { StaticController } from './public/static.controller';
import { Sequencer } from './sequencer/sequencer';
import { CtDb } from './store/ct-db';
import { SubmissionService } from './submissions/submission.service';

@Module({})
export class CtLogModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = readCtConfig(env);
    return {
      module: CtLogModule,
      imports: [
        PlatformModule.forRoot({
          migrations: [ctlogMigrations],
          config: readPersistenceConfig(env),
          auth: readAuthConfig(env),
          writeRateLimitPerMinute: config.writeRateLimitPerMinute,
        }),
      ],
      controllers: [
        SubmissionsController,
        CtV1Controller,
        StaticController,
        LogAdminController,
        CertificatesController,
        ...(config.testHooks ? [TestHookController] : []),
      ],
      providers: [
        { provide: CT_CONFIG, useValue: config },
        CtMetrics,
        CtDb,
        { provide: Clock, useClass: SystemClock },
        Sequencer,
        LogRegistry,
        HeadListener,
        ProofReader,
        LogAccess,
        SubmissionService,
        LogAdminService,
        ...(config.testHooks ? [TestHookService] : []),
        CertificateItems,
        CertificateReader,
        CertificateWriter,
        CrlService,
        SearchOperatorCheck,
      ],
    };
  }
}
