import { Module } from '@nestjs/common';
import { LogsModule } from '../logs/logs.module';
import { ProofsModule } from '../proofs/proofs.module';
import { CtV1Controller } from './ct-v1.controller';
import { LogAccess } from './log-access';
import { StaticController } from './static.controller';

/** RFC 6962 reads and the static-ct-api, for anyone. */
@Module({ imports: [LogsModule, ProofsModule], controllers: [CtV1Controller, StaticController], providers: [LogAccess], exports: [LogAccess] })
export class PublicModule {}
