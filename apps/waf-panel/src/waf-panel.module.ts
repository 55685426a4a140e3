import { Module } from '@nestjs/common';
import { PlatformModule } from '@lib/platform';
import { wafMigrations } from '../../../migrations/waf';

@Module({
  imports: [PlatformModule.forRoot({ migrations: [wafMigrations] })],
})
export class WafPanelModule {}
