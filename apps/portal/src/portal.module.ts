import { Module } from '@nestjs/common';
import { PlatformModule } from '@lib/platform';

@Module({
  imports: [PlatformModule.forRoot({ schemas: ['portal'] })],
})
export class PortalModule {}
