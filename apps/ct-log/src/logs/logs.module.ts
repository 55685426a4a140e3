import { Module } from '@nestjs/common';
import { SequencerModule } from '../sequencer/sequencer.module';
import { HeadListener } from './head-listener';
import { LogRegistry } from './log-registry';

/** The tenant logs as the process serves them: loaded, checked, kept fresh across replicas. */
@Module({ imports: [SequencerModule], providers: [LogRegistry, HeadListener], exports: [LogRegistry] })
export class LogsModule {}
