import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@lib/platform';
import { HUMAN_ROLES } from '../common/caller';
import { CatalogueView, EngineView } from './engine.dto';
import { EngineService } from './engine.service';

@ApiTags('engine')
@Controller('api/v1/engine')
@Roles(...HUMAN_ROLES)
export class EngineController {
  constructor(private readonly engine: EngineService) {}

  @Get()
  @ApiOperation({ summary: 'The CRS version bundles are rendered for, and where the panel learnt it' })
  @ApiOkResponse({ type: EngineView })
  @ApiProblems()
  view(): EngineView {
    return this.engine.view();
  }

  @Get('catalogue')
  @ApiOperation({ summary: "The deployed CRS's rule ids and tags (WAF_CRS_CATALOGUE), for choosing override and exclusion targets" })
  @ApiOkResponse({ type: CatalogueView })
  @ApiProblems()
  catalogue(): CatalogueView {
    return this.engine.catalogue();
  }
}
