import { Module } from '@nestjs/common';
import { Sequencer } from './sequencer';

@Module({ providers: [Sequencer], exports: [Sequencer] })
export class SequencerModule {}
