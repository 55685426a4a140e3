import { Module } from '@nestjs/common';
import { BundleService } from './bundle.service';
import { RenderController } from './render.controller';
import { VhostBundleService } from './vhost-bundle.service';

@Module({ controllers: [RenderController], providers: [BundleService, VhostBundleService], exports: [BundleService] })
export class RenderModule {}
