import { Module } from '@nestjs/common';
import { LegacyHealthController } from './legacy-health.controller';

@Module({ controllers: [LegacyHealthController] })
export class LegacyHealthModule {}
