import { Module } from '@nestjs/common';
import { PlatformModule } from '@lib/platform';

@Module({
  imports: [PlatformModule.forRoot({ schemas: ['ctlog'] })],
})
export class CtLogModule {}
