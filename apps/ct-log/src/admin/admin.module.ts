import { type DynamicModule, Module } from '@nestjs/common';
import { LogsModule } from '../logs/logs.module';
import { LogAdminController } from './log-admin.controller';
import { LogAdminService } from './log-admin.service';
import { TestHookController } from './test-hook.controller';
import { TestHookService } from './test-hook.service';

/** The tenant's logs for its Admins; the test hooks only with CTLOG_TEST_HOOKS=true. */
@Module({})
export class AdminModule {
  static forRoot(testHooks: boolean): DynamicModule {
    return {
      module: AdminModule,
      imports: [LogsModule],
      controllers: [LogAdminController, ...(testHooks ? [TestHookController] : [])],
      providers: [LogAdminService, ...(testHooks ? [TestHookService] : [])],
    };
  }
}
