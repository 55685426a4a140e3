import { Module } from '@nestjs/common';
import { PlatformModule } from '@lib/platform';
import { portalMigrations } from '../../../migrations/portal';

@Module({
  imports: [PlatformModule.forRoot({ migrations: [portalMigrations] })],
})
export class PortalModule {}
