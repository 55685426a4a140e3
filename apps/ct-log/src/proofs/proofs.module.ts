import { Module } from '@nestjs/common';
import { ProofReader } from './proof-reader';

@Module({ providers: [ProofReader], exports: [ProofReader] })
export class ProofsModule {}
