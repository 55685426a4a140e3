import { Module } from '@nestjs/common';
import { RenderModule } from '../render/render.module';
import { DeploymentsController, NodeController } from './deployments.controller';
import { DeploymentsService } from './deployments.service';

@Module({ imports: [RenderModule], controllers: [DeploymentsController, NodeController], providers: [DeploymentsService] })
export class DeploymentsModule {}
