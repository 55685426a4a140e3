import { Module } from '@nestjs/common';
import { PlatformModule } from '@lib/platform';
import { ctlogMigrations } from '../../../migrations/ctlog';

@Module({
  imports: [PlatformModule.forRoot({ migrations: [ctlogMigrations] })],
})
export class CtLogModule {}
