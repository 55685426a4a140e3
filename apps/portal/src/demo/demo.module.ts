import { Module } from '@nestjs/common';
import { DemoLoader } from './demo-loader';

@Module({ providers: [DemoLoader], exports: [DemoLoader] })
export class DemoModule {}
