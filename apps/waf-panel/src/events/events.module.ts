import { Module } from '@nestjs/common';
import { RenderModule } from '../render/render.module';
import { EventsController, NodeEventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({ imports: [RenderModule], controllers: [EventsController, NodeEventsController], providers: [EventsService] })
export class EventsModule {}
