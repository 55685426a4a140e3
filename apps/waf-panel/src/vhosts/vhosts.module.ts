import { Module } from '@nestjs/common';
import { VhostsController } from './vhosts.controller';
import { VhostsService } from './vhosts.service';

@Module({ controllers: [VhostsController], providers: [VhostsService] })
export class VhostsModule {}
