import { Module } from '@nestjs/common';
import { PublicModule } from '../public/public.module';
import { SubmissionService } from './submission.service';
import { SubmissionsController } from './submissions.controller';

@Module({ imports: [PublicModule], controllers: [SubmissionsController], providers: [SubmissionService] })
export class SubmissionsModule {}
