import { Module } from '@nestjs/common';
import { CustomRulesController, ExclusionsController, OverridesController } from './rules.controller';
import { RulesService } from './rules.service';

@Module({ controllers: [OverridesController, ExclusionsController, CustomRulesController], providers: [RulesService] })
export class RulesModule {}
